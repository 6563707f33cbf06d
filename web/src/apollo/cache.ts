import { InMemoryCache, type FieldPolicy } from '@apollo/client';

interface Connection {
  __typename?: string;
  nodes: unknown[];
  pageInfo: unknown;
  totalCount: number;
}

/**
 * Merges cursor pages of a `{ nodes, pageInfo, totalCount }` connection. Each filter is its own
 * list (`keyArgs`), `first`/`after` are not part of the key: a page with `after` appends to the
 * list fetched so far, a page without it (first load, refetch) replaces it.
 */
export function connectionPagination(keyArgs: string[]): FieldPolicy<Connection> {
  return {
    keyArgs,
    merge(existing, incoming, { args }) {
      if (!existing || args?.['after'] == null) return incoming;
      return { ...incoming, nodes: [...existing.nodes, ...incoming.nodes] };
    },
  };
}

export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      Query: {
        fields: {
          patients: connectionPagination(['filter']),
          ehrTransactions: connectionPagination(['filter']),
        },
      },
    },
  });
}
