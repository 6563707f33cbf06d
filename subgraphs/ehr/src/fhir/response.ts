/**
 * The EHR's id of the Patient in a transaction-response Bundle: its first entry answers the
 * Patient's conditional update, `response.location` `Patient/<id>/_history/<version>` (or
 * `<base>/Patient/<id>…`). Null when the answer does not say.
 */
const LOCATION = /(?:^|\/)Patient\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/;

export function patientIdOfTransactionResponse(body: Record<string, unknown> | null): string | null {
  const entries = body?.['resourceType'] === 'Bundle' ? body['entry'] : undefined;
  const first: unknown = Array.isArray(entries) ? entries[0] : undefined;
  if (typeof first !== 'object' || first === null) return null;
  const { response, resource } = first as {
    response?: { location?: unknown };
    resource?: { resourceType?: unknown; id?: unknown };
  };
  const location = typeof response?.location === 'string' ? LOCATION.exec(response.location) : null;
  if (location) return location[1] ?? null;
  return resource?.resourceType === 'Patient' && typeof resource.id === 'string' ? resource.id : null;
}
