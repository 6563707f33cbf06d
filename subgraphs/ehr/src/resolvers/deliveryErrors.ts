import type { EhrDeliveryErrorCode } from '../__generated__/schema-types';
import { PATIENT_DELETED_ERROR } from '../delivery/engine';
import { DELIVERY_ERRORS } from '../delivery/worker';

/**
 * `lastError` as a code (and the HTTP status it names), for clients to word in their user's
 * language. The sentences are the fixed ones of `DELIVERY_ERRORS` and the deletion's, so each is
 * matched by building it here with a placeholder: the codes follow the sentences as they are
 * written. A sentence that is not one of them (none today) has no code, and clients show the text.
 */
export interface CodedDeliveryError {
  code: EhrDeliveryErrorCode;
  cause: EhrDeliveryErrorCode | null;
  httpStatus: number | null;
}

const STATUS = 999;

const FIXED: ReadonlyMap<string, EhrDeliveryErrorCode> = new Map([
  [DELIVERY_ERRORS.noSystem, 'SYSTEM_GONE'],
  [DELIVERY_ERRORS.noEndpoint, 'ENDPOINT_GONE'],
  [DELIVERY_ERRORS.waiting, 'WAITING_FOR_PATIENT'],
  [DELIVERY_ERRORS.addressNotAllowed, 'ADDRESS_NOT_ALLOWED'],
  [DELIVERY_ERRORS.timeout, 'TIMEOUT'],
  [DELIVERY_ERRORS.unreachable, 'UNREACHABLE'],
  [PATIENT_DELETED_ERROR, 'PATIENT_DELETED'],
]);

const WITH_STATUS: readonly [(status: number) => string, EhrDeliveryErrorCode][] = [
  [DELIVERY_ERRORS.answered, 'HTTP_ERROR'],
  [DELIVERY_ERRORS.refused, 'REFUSED'],
  [DELIVERY_ERRORS.redirected, 'REDIRECTED'],
];

/** The prefix and suffix of "Gave up after N attempts. Last error: …" around N. */
const [GAVE_UP_START = '', GAVE_UP_REST = ''] = DELIVERY_ERRORS.gaveUp(STATUS, '').split(String(STATUS));

function single(text: string): CodedDeliveryError | null {
  const fixed = FIXED.get(text);
  if (fixed) return { code: fixed, cause: null, httpStatus: null };
  for (const [sentence, code] of WITH_STATUS) {
    const [start = '', end = ''] = sentence(STATUS).split(String(STATUS));
    if (!text.startsWith(start) || !text.endsWith(end)) continue;
    const status = text.slice(start.length, text.length - end.length);
    if (/^\d{3}$/.test(status)) return { code, cause: null, httpStatus: Number(status) };
  }
  return null;
}

export function codeDeliveryError(text: string | null): CodedDeliveryError | null {
  if (text === null) return null;
  if (text.startsWith(GAVE_UP_START)) {
    const at = text.indexOf(GAVE_UP_REST, GAVE_UP_START.length);
    if (at !== -1 && /^\d+$/.test(text.slice(GAVE_UP_START.length, at))) {
      const last = single(text.slice(at + GAVE_UP_REST.length));
      return last && { code: 'GAVE_UP', cause: last.code, httpStatus: last.httpStatus };
    }
  }
  return single(text);
}
