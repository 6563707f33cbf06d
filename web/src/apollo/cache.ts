import { InMemoryCache, type ApolloCache, type FieldPolicy } from '@apollo/client';

interface Connection {
  __typename?: string;
  nodes: unknown[];
  pageInfo: unknown;
  totalCount: number;
}

/**
 * Merges cursor pages of a `{ nodes, pageInfo, totalCount }` connection. Each filter is its own
 * list (`keyArgs`), `first`/`after` are not part of the key: a page with `after` appends to the
 * list fetched so far, a page without it (first load, refetch, poll) replaces it. So a first-page
 * request must not land after a "Load more": the delivery monitor stops polling before loading
 * more, and waits for a first-page request in flight (see `TransactionsPanel`).
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
          alerts: connectionPagination(['status']),
        },
      },
    },
  });
}

/** The Patient fields whose value a delivery changes: every bulk change queues new transactions. */
const DELIVERY_FIELDS = ['ehrTransactions', 'lastEhrTransaction'] as const;

/**
 * Forgets what a real (not dry-run) bulk change made stale, so that every list and patient shown
 * next is fetched again: every patient list (all filters: a physician's list changes when patients
 * move to another one), each cached patient's delivery fields and the `patientFields` the change
 * set, then whatever is no longer reachable.
 */
export function evictAfterBulkChange(cache: ApolloCache, patientFields: readonly string[] = []): void {
  cache.evict({ id: 'ROOT_QUERY', fieldName: 'patients' });
  const fields = [...DELIVERY_FIELDS, ...patientFields];
  for (const [id, entity] of Object.entries(cache.extract() as Record<string, { __typename?: string } | undefined>)) {
    if (entity?.__typename !== 'Patient') continue;
    for (const fieldName of fields) cache.evict({ id, fieldName });
  }
  cache.gc();
}
