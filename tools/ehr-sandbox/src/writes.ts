import { validateBody, type EhrSpec, type EndpointSpec } from './specs';
import type { JsonObject, SandboxStore, StoredResponse } from './store';

/**
 * One write to an imitated EHR, after routing and fault injection: the idempotency check, the
 * patient lookup, validation, and the change to the store. Synchronous, so that between the check
 * of an idempotency key and the storing of its response no other request can run.
 */

export interface WriteRequest {
  ehr: EhrSpec;
  endpoint: EndpointSpec;
  /** From the path, for `replace` and `append` endpoints. */
  ehrPatientId?: string;
  /** The `Idempotency-Key` header, if any. */
  idempotencyKey?: string;
  /** The parsed JSON body; undefined when there was none or it was not JSON. */
  body: unknown;
}

export interface WriteOutcome extends StoredResponse {
  /** True when the answer is the stored response to an earlier request with the same key. */
  replayed: boolean;
}

export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

const answer = (status: number, body: JsonObject, replayed = false): WriteOutcome => ({ status, body, replayed });

/**
 * Only a write that changed the store keeps its response under the key (201/200). A request that
 * was refused (400, 404, 422) leaves the key unused, so the caller can fix the request and send it
 * again with the same key — the same rule as Stripe's: nothing was executed, nothing is replayed.
 */
export function processWrite(store: SandboxStore, request: WriteRequest): WriteOutcome {
  const { ehr, endpoint, ehrPatientId, idempotencyKey } = request;
  const reject = (status: number, body: JsonObject): WriteOutcome => {
    store.count(ehr.id, 'rejected');
    return answer(status, body);
  };

  if (idempotencyKey === undefined || idempotencyKey.trim() === '') {
    return reject(400, { error: 'Every write needs an Idempotency-Key header' });
  }
  if (idempotencyKey.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    return reject(400, { error: `Idempotency-Key must be at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters` });
  }

  const stored = store.storedResponse(ehr.id, idempotencyKey);
  if (stored) {
    store.count(ehr.id, 'idempotentReplays');
    return answer(stored.status, stored.body, true);
  }

  if (endpoint.action !== 'create' && (ehrPatientId === undefined || !store.hasPatient(ehr.id, ehrPatientId))) {
    return reject(404, { error: 'Unknown patient' });
  }

  const problems = validateBody(endpoint, request.body);
  if (problems.length > 0) {
    return reject(422, { error: 'The request body is not valid for this endpoint', problems });
  }
  const body = request.body as JsonObject;

  let response: StoredResponse;
  switch (endpoint.action) {
    case 'create':
      response = { status: 201, body: { patientId: store.createPatient(ehr.id, body) } };
      break;
    case 'replace':
      store.replaceDemographics(ehr.id, ehrPatientId as string, body);
      response = { status: 200, body: { patientId: ehrPatientId } };
      break;
    case 'append':
      store.appendClinical(ehr.id, ehrPatientId as string, endpoint.path, body);
      response = { status: 200, body: { patientId: ehrPatientId } };
      break;
  }
  store.rememberResponse(ehr.id, idempotencyKey, response);
  return answer(response.status, response.body);
}
