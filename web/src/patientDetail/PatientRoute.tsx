/** /patients/:id: one patient's demographics, clinical history, responses, EHR preview and transactions. */
export function PatientRoute() {
  return null;
}
