import type { GraphQLFormattedError } from 'graphql';

/**
 * Entity fetches to one subgraph merged into one request. The query plan often asks one subgraph
 * for two kinds of entity at once (the ehr subgraph for each patient's EHR system and for their
 * organization): two `_entities` fetches in parallel, each its own HTTP request, token check,
 * context and audit settlement at the subgraph. Sent together, they are one request with one
 * aliased `_entities` field each (`e0`, `e1`, …), and each fetch gets its own part of the answer
 * back under `_entities`, its errors' paths with it.
 *
 * Only the gateway's plain entity fetches are merged: a query of the one `$representations`
 * variable and one `_entities` field (no other variable, no fragment definition), which is what
 * @apollo/gateway writes for an entity fetch without `@requires` arguments.
 */
const ENTITY_FETCH =
  /^query(?: [_A-Za-z][_0-9A-Za-z]*)?\(\$representations:\[_Any!\]!\)\{_entities\(representations:\$representations\)(\{.*\})\}$/s;

/** The selection of a plain entity fetch (`{...on Patient{…}}`), or undefined when it is not one. */
export function entitySelection(query: string | undefined): string | undefined {
  if (query === undefined || query.includes('fragment ')) return undefined;
  return ENTITY_FETCH.exec(query)?.[1];
}

export const aliasOf = (index: number): string => `e${index}`;

/** One query and its variables for several entity fetches, the i-th as `e<i>: _entities(representations: $r<i>)`. */
export function mergedEntityFetch(fetches: readonly { selection: string; representations: unknown[] }[]): {
  query: string;
  variables: Record<string, unknown[]>;
} {
  const declarations = fetches.map((_, i) => `$r${i}:[_Any!]!`).join(',');
  const fields = fetches.map(({ selection }, i) => `${aliasOf(i)}:_entities(representations:$r${i})${selection}`);
  return {
    query: `query(${declarations}){${fields.join(' ')}}`,
    variables: Object.fromEntries(fetches.map(({ representations }, i) => [`r${i}`, representations])),
  };
}

type Result = { data?: Record<string, unknown> | null; errors?: readonly GraphQLFormattedError[] };

/**
 * The answer of a merged fetch as `count` answers, one per fetch: its alias's entities as
 * `_entities`, the errors at its alias with their paths under `_entities`, and errors of the
 * whole request (no path, or none at an alias) in each.
 */
export function splitMergedResult<T extends Result>(result: T, count: number): T[] {
  return Array.from({ length: count }, (_, i) => {
    const alias = aliasOf(i);
    const errors = result.errors?.flatMap((error) => {
      const [root, ...rest] = error.path ?? [];
      if (typeof root === 'string' && /^e\d+$/.test(root))
        return root === alias ? [{ ...error, path: ['_entities', ...rest] }] : [];
      return [error];
    });
    const data =
      result.data === undefined || result.data === null ? result.data : { _entities: result.data[alias] ?? null };
    return {
      ...result,
      ...(data === undefined ? {} : { data }),
      ...(errors === undefined ? {} : { errors: errors.length > 0 ? errors : undefined }),
    };
  }).map((part) => {
    if (part.errors === undefined) delete part.errors;
    return part;
  });
}
