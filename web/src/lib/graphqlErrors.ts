import { CombinedGraphQLErrors } from '@apollo/client';
import type { GraphQLFormattedError } from 'graphql';

/**
 * Reading the errors the graph answers with: their `extensions.code` (BAD_USER_INPUT, NOT_FOUND,
 * VERSION_CONFLICT, UNAUTHENTICATED, FORBIDDEN: the servers' `ErrorCode`, packages/common/src/errors.ts),
 * and the field problems of a BAD_USER_INPUT error (`extensions.problems`, each `{ field, message }`
 * with `field` a path into the input such as `inputs[2].address.city`). The gateway's /auth
 * endpoints answer the same problems in a JSON body.
 */

/** One problem with one input field: `field` is a path such as `mrn`, `inputs[2].address.city`, `draft.fields[3].target`. */
export interface FieldProblem {
  field: string;
  message: string;
  /** What the problem is, for the app to say it in the user's language (errorMessages.ts `problemKey`). */
  code?: string;
}

/** A path of a response (`['patient', 'ehrTransactions']`). */
export type ResponsePath = readonly (string | number)[];

/** The GraphQL errors of `error` (none for a network error), optionally only those at or below `path`. */
export function graphQLErrors(error: unknown, path: ResponsePath = []): readonly GraphQLFormattedError[] {
  if (!CombinedGraphQLErrors.is(error)) return [];
  return error.errors.filter((e) => path.every((segment, i) => e.path?.[i] === segment));
}

/** The `extensions.code` of one GraphQL error, if it has one. */
export function codeOf(graphQLError: GraphQLFormattedError | undefined): string | undefined {
  const code: unknown = graphQLError?.extensions?.['code'];
  return typeof code === 'string' ? code : undefined;
}

/** The `extensions.code` of the first GraphQL error (VERSION_CONFLICT, NOT_FOUND, FORBIDDEN…), if any. */
export function errorCode(error: unknown): string | undefined {
  return codeOf(graphQLErrors(error)[0]);
}

/** The first GraphQL error at or below `path` whose `extensions.code` is `code`. */
export function errorWithCode(error: unknown, code: string, path?: ResponsePath): GraphQLFormattedError | undefined {
  return graphQLErrors(error, path).find((e) => codeOf(e) === code);
}

/** Whether one of the GraphQL errors at or below `path` has `extensions.code` = `code`. */
export function hasErrorCode(error: unknown, code: string, path?: ResponsePath): boolean {
  return errorWithCode(error, code, path) !== undefined;
}

/** The well-formed `{ field, message }` entries of a `problems` list (an error's extensions, a REST body's). */
export function fieldProblemsIn(problems: unknown): FieldProblem[] {
  if (!Array.isArray(problems)) return [];
  return problems.filter(
    (p: unknown): p is FieldProblem =>
      typeof (p as FieldProblem | null)?.field === 'string' && typeof (p as FieldProblem | null)?.message === 'string',
  );
}

/** Every `extensions.problems` entry of the BAD_USER_INPUT errors of `error`, in order; none for any other error. */
export function problemsOf(error: unknown): FieldProblem[] {
  return graphQLErrors(error)
    .filter((e) => codeOf(e) === 'BAD_USER_INPUT')
    .flatMap((e) => fieldProblemsIn(e.extensions?.['problems']));
}

/** The same problems by field path, the first message of each. */
export function problemsByField(error: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const { field, message } of problemsOf(error)) fields[field] ??= message;
  return fields;
}

/**
 * Where a problem path enters the list `list` of the input: the item's index and the rest of the
 * path inside it (`inputs[2].address.city` in `inputs` → `{ index: 2, inner: 'address.city' }`;
 * `inner` is '' for the item itself). With `nested`, the list may also stand below other names
 * (the preview's `draft.fields[3].target`). Undefined when the path is not into that list.
 */
export function listItemOf(
  path: string,
  list: string,
  { nested = false }: { nested?: boolean } = {},
): { index: number; inner: string } | undefined {
  const start = nested ? '(?:^|\\.)' : '^';
  const match = new RegExp(`${start}${escapeRegExp(list)}\\[(\\d+)\\](?=$|[.[])(.*)$`).exec(path);
  if (!match) return undefined;
  const rest = match[2] ?? '';
  return { index: Number(match[1]), inner: rest.startsWith('.') ? rest.slice(1) : rest };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
