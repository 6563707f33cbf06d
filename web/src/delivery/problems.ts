import { codeOf, graphQLErrors, problemsByField } from '../lib/graphqlErrors';

export interface Problem {
  /** The input path the server named (e.g. `filter.primaryCarePhysicianId`); null for the request as a whole. */
  path: string | null;
  message: string;
}

/**
 * What the server said was wrong with a request: each field problem of a BAD_USER_INPUT error
 * (`extensions.problems`), or the error's own message when it lists none. Empty for anything else
 * (network or server failures), which callers show as an unexpected error.
 */
export function serverProblems(error: unknown): Problem[] {
  const fields = Object.entries(problemsByField(error)).map(([path, message]) => ({ path, message }));
  if (fields.length > 0) return fields;
  return graphQLErrors(error)
    .filter((e) => codeOf(e) === 'BAD_USER_INPUT')
    .map((e) => ({ path: null, message: e.message }));
}
