import type { GraphQLFormattedError } from 'graphql';

/**
 * Entity representations sent once each. @apollo/gateway sends a subgraph one representation per
 * entity in the list it is completing, so fifty patients of one organization make fifty identical
 * `{ __typename: "Organization", id }` in one `_entities` fetch. `dedupeRepresentations` sends each
 * distinct one once; `expand` turns the answer back into one entity per representation the gateway
 * sent, in its order, and an error at `_entities.<i>` into one at each position that shared it.
 */
export interface DedupedRepresentations {
  /** The distinct representations, in the order each first appears. */
  unique: unknown[];
  /** The answer as if every representation had been sent. */
  expand<T extends { data?: Record<string, unknown> | null; errors?: readonly GraphQLFormattedError[] }>(result: T): T;
}

/** A JSON value copied, so that entities shared by several positions are not one object the gateway merges into twice. */
function copy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copy);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) out[key] = copy(field);
  return out;
}

/** Undefined when every representation is distinct (nothing to change). */
export function dedupeRepresentations(representations: readonly unknown[]): DedupedRepresentations | undefined {
  if (representations.length < 2) return undefined;
  const indexOf = new Map<string, number>();
  const unique: unknown[] = [];
  // For each representation sent by the gateway, the index of the one sent instead.
  const sentAs = representations.map((representation) => {
    // The gateway builds every representation of a fetch from one selection, so equal ones serialise equally.
    const key = JSON.stringify(representation);
    let index = indexOf.get(key);
    if (index === undefined) {
      index = unique.length;
      indexOf.set(key, index);
      unique.push(representation);
    }
    return index;
  });
  if (unique.length === representations.length) return undefined;
  // Which positions each distinct representation answers, for the errors.
  const positions: number[][] = unique.map(() => []);
  sentAs.forEach((index, position) => positions[index]!.push(position));

  return {
    unique,
    expand(result) {
      const entities = result.data?.['_entities'];
      const seen = new Set<number>();
      const data = Array.isArray(entities)
        ? {
            ...result.data,
            _entities: sentAs.map((index) => {
              const entity: unknown = entities[index];
              if (!seen.has(index)) {
                seen.add(index);
                return entity;
              }
              return copy(entity);
            }),
          }
        : result.data;
      const errors = result.errors?.flatMap((error) => {
        const [root, index, ...rest] = error.path ?? [];
        if (root !== '_entities' || typeof index !== 'number' || positions[index] === undefined) return [error];
        return positions[index].map((position) => ({ ...error, path: ['_entities', position, ...rest] }));
      });
      return {
        ...result,
        ...(data === undefined ? {} : { data }),
        ...(errors === undefined ? {} : { errors }),
      };
    },
  };
}
