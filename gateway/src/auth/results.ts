import type { FieldProblem } from '@carebridge/common';

/** What an auth endpoint answers; the HTTP layer turns it into a response. */
export interface AuthResult {
  status: number;
  body: Record<string, unknown>;
  /** The refresh cookie's new value; '' clears it. */
  refreshCookie?: string;
  retryAfterSeconds?: number;
}

/**
 * A problem with one field of an auth request. `code`, when there is one, names the problem for
 * the app, which says it in the user's language (the message is the English for other clients).
 */
export interface AuthProblem extends FieldProblem {
  code?: string;
}

/** 400 BAD_USER_INPUT with the problems, each by field. */
export const invalid = (problems: AuthProblem[]): AuthResult => ({
  status: 400,
  body: {
    error: `Invalid input. ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`,
    code: 'BAD_USER_INPUT',
    problems,
  },
});
