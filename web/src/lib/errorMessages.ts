import type { MessageKey } from '../i18n/en';
import type { FieldProblem } from './graphqlErrors';

/**
 * The servers' codes as catalogue keys, so that what a server refused reaches the user in their
 * language and never in the server's English: a GraphQL error's `extensions.code`, a REST body's
 * `code` (the gateway's /auth endpoints) and a field problem's `code`. Features reuse these and
 * add their own codes through `overrides`.
 */

/** Whole-request answers. The keys with `{seconds}` take the wait the server asked for (Retry-After). */
const REQUEST_CODES: Readonly<Record<string, MessageKey>> = {
  UNAUTHENTICATED: 'error.unauthenticated',
  FORBIDDEN: 'error.forbidden',
  NOT_FOUND: 'error.notFound',
  BAD_USER_INPUT: 'common.errorSummary',
  RATE_LIMITED: 'error.rateLimited',
  TOO_MANY_ATTEMPTS: 'login.throttled',
  TOO_BUSY: 'auth.busy',
  SERVICE_UNAVAILABLE: 'auth.busy',
  SUBGRAPH_UNAVAILABLE: 'error.unavailable',
};

/** Problems with one field (the gateway's sign-up, invites). */
const PROBLEM_CODES: Readonly<Record<string, MessageKey>> = {
  REQUIRED: 'validation.required',
  INVALID_EMAIL: 'validation.email',
  INVALID_CHARACTERS: 'validation.characters',
  FORMULA_START: 'validation.formula',
  INVALID_CHOICE: 'problem.invalidChoice',
  PASSWORD_TOO_SHORT: 'validation.password',
  PASSWORD_TOO_LONG: 'validation.password',
  PASSWORD_BLANK: 'validation.passwordBlank',
  PASSWORD_COMMON: 'validation.passwordCommon',
  PASSWORD_PERSONAL: 'validation.passwordPersonal',
  INVITE_INVALID: 'problem.inviteInvalid',
  INVITE_OR_ORGANIZATION: 'problem.inviteOrOrganization',
};

/** The catalogue key for a request's error code; `fallback` for a code this app does not know (or none). */
export function requestErrorKey(
  code: string | undefined,
  fallback: MessageKey = 'common.unexpectedError',
  overrides: Readonly<Record<string, MessageKey>> = {},
): MessageKey {
  if (code === undefined) return fallback;
  return overrides[code] ?? REQUEST_CODES[code] ?? fallback;
}

/**
 * The catalogue key for one field problem, by its code. `overrides` says the codes whose words
 * depend on the field (`INVALID_LENGTH`: "Must be 1 to 100 characters." for a name); a problem
 * without a known code is said as `problem.invalid`, never in the server's words.
 */
export function problemKey(
  problem: Pick<FieldProblem, 'code'>,
  overrides: Readonly<Record<string, MessageKey>> = {},
): MessageKey {
  const code = problem.code;
  if (code === undefined) return 'problem.invalid';
  return overrides[code] ?? PROBLEM_CODES[code] ?? 'problem.invalid';
}

/** The `code` of a JSON error body (`{ error, code }`), if it has one. */
export function bodyCode(body: unknown): string | undefined {
  const code: unknown =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['code'] : undefined;
  return typeof code === 'string' ? code : undefined;
}
