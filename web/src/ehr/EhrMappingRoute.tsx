/** /ehr-mappings (ADMIN): edit, preview, publish, compare and roll back each EHR system's mapping. */
export function EhrMappingRoute() {
  return null;
}
