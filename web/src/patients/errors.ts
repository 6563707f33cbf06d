import { CombinedGraphQLErrors, type ErrorLike } from '@apollo/client';

/** The server's field problems (`extensions.problems` of BAD_USER_INPUT), by field path. */
export function fieldProblems(error: ErrorLike | undefined): Record<string, string> {
  const fields: Record<string, string> = {};
  if (!error || !CombinedGraphQLErrors.is(error)) return fields;
  for (const graphQLError of error.errors) {
    const problems = graphQLError.extensions?.['problems'];
    if (!Array.isArray(problems)) continue;
    for (const problem of problems as unknown[]) {
      if (typeof problem !== 'object' || problem === null) continue;
      const { field, message } = problem as { field?: unknown; message?: unknown };
      if (typeof field === 'string' && typeof message === 'string') fields[field] ??= message;
    }
  }
  return fields;
}

/** The `extensions.code` of the first GraphQL error (VERSION_CONFLICT, NOT_FOUND, FORBIDDEN…), if any. */
export function errorCode(error: ErrorLike | undefined): string | undefined {
  if (!error || !CombinedGraphQLErrors.is(error)) return undefined;
  const code = error.errors[0]?.extensions?.['code'];
  return typeof code === 'string' ? code : undefined;
}
