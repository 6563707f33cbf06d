import { CombinedGraphQLErrors, type ErrorLike } from '@apollo/client';
import type { GraphQLFormattedError } from 'graphql';

/** The GraphQL errors of `error` (none for a network error), optionally only those at or below `path`. */
export function graphQLErrors(
  error: ErrorLike | undefined,
  path: readonly (string | number)[] = [],
): readonly GraphQLFormattedError[] {
  if (!error || !CombinedGraphQLErrors.is(error)) return [];
  return error.errors.filter((e) => path.every((segment, i) => e.path?.[i] === segment));
}

/** Whether one of the GraphQL errors at or below `path` has `extensions.code` = `code`. */
export function hasErrorCode(error: ErrorLike | undefined, code: string, path?: readonly (string | number)[]): boolean {
  return graphQLErrors(error, path).some((e) => e.extensions?.['code'] === code);
}

export interface Problem {
  field: string;
  message: string;
}

/** Every `extensions.problems` entry (BAD_USER_INPUT) of the GraphQL errors, in order. */
export function problemsOf(error: ErrorLike | undefined): Problem[] {
  return graphQLErrors(error).flatMap((e) => {
    const problems: unknown = e.extensions?.['problems'];
    if (!Array.isArray(problems)) return [];
    return problems.filter(
      (p: unknown): p is Problem =>
        typeof (p as Problem | null)?.field === 'string' && typeof (p as Problem | null)?.message === 'string',
    );
  });
}
