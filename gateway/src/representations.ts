import type { GraphQLFormattedError } from 'graphql';

/**
 * Entity representations sent once each. @apollo/gateway sends a subgraph one representation per
 * entity in the list it is completing, so fifty patients of one organization make fifty identical
 * `{ __typename: "Organization", id }` in one `_entities` fetch. `dedupeRepresentations` sends each
 * distinct one once; `expand` turns the answer back into one entity per representation the gateway
 * sent, in its order, and an error at `_entities.<i>` into one at each position that shared it.
 */
export interface DedupedRepresentations {
  /** The distinct representations, in the order each first appears, with their JSON text (`itemsJsonOf`). */
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

/**
 * The JSON text of each item of a list the gateway sends as a variable, kept on the list itself
 * (a symbol: JSON.stringify does not see it, and the list stays an array): the deduplication
 * serialises every representation to compare them, and `requestBody` puts that same text in the
 * request instead of serialising the representations a second time.
 */
const ITEMS_JSON = Symbol('itemsJson');
type ListWithJson = unknown[] & { [ITEMS_JSON]?: readonly string[] };

/** The JSON text of each of a list's items, when the deduplication kept it. */
export function itemsJsonOf(value: unknown): readonly string[] | undefined {
  return Array.isArray(value) ? (value as ListWithJson)[ITEMS_JSON] : undefined;
}

/**
 * A request body as JSON.stringify writes it, each list variable with kept item texts written from
 * them (`variables` last; the order of an object's keys means nothing in JSON).
 */
export function requestBody(body: Record<string, unknown>): string {
  const variables = body['variables'];
  if (variables === null || typeof variables !== 'object') return JSON.stringify(body);
  const entries = Object.entries(variables);
  if (!entries.some(([, value]) => itemsJsonOf(value) !== undefined)) return JSON.stringify(body);
  const fields: string[] = [];
  for (const [name, value] of entries) {
    const items = itemsJsonOf(value);
    // As JSON.stringify: a member whose value has no JSON (undefined, a function) is left out.
    const json = items === undefined ? (JSON.stringify(value) as string | undefined) : `[${items.join(',')}]`;
    if (json !== undefined) fields.push(`${JSON.stringify(name)}:${json}`);
  }
  const { variables: _variables, ...rest } = body;
  const head = JSON.stringify(rest);
  return `${head.slice(0, -1)}${head === '{}' ? '' : ','}"variables":{${fields.join(',')}}}`;
}

/** Undefined for fewer than two representations; otherwise the distinct ones, with their JSON text. */
export function dedupeRepresentations(representations: readonly unknown[]): DedupedRepresentations | undefined {
  if (representations.length < 2) return undefined;
  const indexOf = new Map<string, number>();
  const unique: unknown[] = [];
  const uniqueJson: string[] = [];
  // For each representation sent by the gateway, the index of the one sent instead.
  const sentAs = representations.map((representation) => {
    // The gateway builds every representation of a fetch from one selection, so equal ones serialise equally.
    const key = JSON.stringify(representation);
    let index = indexOf.get(key);
    if (index === undefined) {
      index = unique.length;
      indexOf.set(key, index);
      unique.push(representation);
      uniqueJson.push(key);
    }
    return index;
  });
  Object.defineProperty(unique, ITEMS_JSON, { value: uniqueJson });
  // Every one distinct: the same list (its JSON kept), the answer as it comes.
  if (unique.length === representations.length) return { unique, expand: (result) => result };
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
