import type { Bundle } from '@medplum/fhirtypes';
import type { EhrSystemRecord, EhrTransactionRecord } from '../data/records';
import { patientIdOfTransactionResponse } from '../fhir/response';
import { validateBundle } from '../fhir/validate';
import { requestTarget } from './paths';

/** What the log says of a failed attempt: reason codes, the status, the body's size and hash. */
export type Detail = Record<string, string | number>;

export type Outcome =
  | { kind: 'delivered'; ehrPatientId: string | null; learned: string | null }
  | { kind: 'retry'; error: string; retryAfterMs: number | null; detail: Detail }
  | { kind: 'dead'; error: string; detail: Detail }
  | { kind: 'wait'; error: string };

/**
 * What `lastError` says, shown to staff through the graph: fixed sentences and a status code, never
 * the EHR's answer (which may repeat the payload), its headers, or the URL.
 */
export const DELIVERY_ERRORS = {
  noSystem: 'The EHR system no longer exists.',
  noEndpoint: 'The EHR endpoint no longer exists.',
  waiting: 'Waiting for the EHR to create the patient.',
  addressNotAllowed: "The EHR system's address is not allowed.",
  invalidFhir: 'The Bundle is not valid FHIR R4; fix the mapping and replay it with the current mapping.',
  timeout: 'The EHR did not answer in time.',
  unreachable: 'The EHR could not be reached.',
  answered: (status: number) => `The EHR answered HTTP ${status}.`,
  refused: (status: number) => `The EHR refused the request (HTTP ${status}).`,
  redirected: (status: number) => `The EHR redirected the request (HTTP ${status}); redirects are not followed.`,
  gaveUp: (attempts: number, last: string) => `Gave up after ${attempts} attempts. Last error: ${last}`,
} as const;

/** A request ready to go: where (relative to the base URL), how, and how its answer names the patient. */
export interface PreparedRequest {
  method: 'POST' | 'PUT';
  /** Appended to the system's base URL (without its trailing slash). */
  path: string;
  contentType: 'application/json' | 'application/fhir+json';
  /** The EHR's patient id in a successful answer, or null when it does not say. */
  learn: (body: string) => string | null;
}

export function safeJson(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * What the worker sends for a transaction, by the system's kind, or the outcome that stops it
 * before any request. A key-value transaction goes to its endpoint's path, once the EHR's patient
 * id is known where the path needs it, and only the endpoint that creates the patient answers its
 * id. A FHIR R4 transaction is its Bundle, POSTed to the base URL as it is, after validation
 * against FHIR R4: an invalid one is DEAD at once (the EHR would refuse it every time), with a
 * fixed reason and the number of problems in the log, never their values. The EHR's Patient id
 * is read from the transaction-response Bundle.
 */
export function prepareRequest(
  system: EhrSystemRecord,
  transaction: EhrTransactionRecord,
  ehrPatientId: string | null,
): PreparedRequest | Extract<Outcome, { kind: 'dead' | 'wait' }> {
  if (system.kind === 'FHIR_R4') {
    const problems = validateBundle(transaction.payload as unknown as Bundle);
    if (problems.length > 0) {
      return {
        kind: 'dead',
        error: DELIVERY_ERRORS.invalidFhir,
        detail: { reason: 'invalid_fhir', problems: problems.length },
      };
    }
    return {
      method: 'POST',
      path: '',
      contentType: 'application/fhir+json',
      learn: (body) => patientIdOfTransactionResponse(safeJson(body)),
    };
  }
  const endpoint = system.endpoints.find((e) => e.path === transaction.endpoint);
  if (!endpoint) return { kind: 'dead', error: DELIVERY_ERRORS.noEndpoint, detail: { reason: 'no_endpoint' } };
  // The EHR's own patient id is the one known at claim time, just now: an earlier transaction may
  // have just learnt it, and sending with it keeps data on the right patient and never creates a
  // second one.
  const target = requestTarget(endpoint, ehrPatientId);
  if (!target) return { kind: 'wait', error: DELIVERY_ERRORS.waiting };
  return {
    ...target,
    contentType: 'application/json',
    learn: (body) => {
      const id = endpoint.createsPatient ? safeJson(body)?.['patientId'] : null;
      return typeof id === 'string' ? id : null;
    },
  };
}
