import type { EndpointRecord } from '../data/records';

/**
 * The path a request goes to, given what the platform knows of the patient in that EHR: the
 * endpoint that creates the patient is POSTed to until the EHR has answered its patient id, then
 * PUT to `<path>/<id>`; the other endpoints need that id in place of `{ehrPatientId}`.
 * Null when the request cannot go yet (the EHR has not created the patient).
 */
export function requestTarget(
  endpoint: EndpointRecord,
  ehrPatientId: string | null,
): { method: 'POST' | 'PUT'; path: string } | null {
  if (endpoint.createsPatient) {
    return ehrPatientId
      ? { method: 'PUT', path: `${endpoint.path}/${encodeURIComponent(ehrPatientId)}` }
      : { method: 'POST', path: endpoint.path };
  }
  if (!endpoint.path.includes('{ehrPatientId}')) return { method: 'POST', path: endpoint.path };
  return ehrPatientId
    ? { method: 'POST', path: endpoint.path.replace('{ehrPatientId}', encodeURIComponent(ehrPatientId)) }
    : null;
}
