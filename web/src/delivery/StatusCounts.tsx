import { useQuery } from '@apollo/client/react';
import { graphql } from '../__generated__';
import type { DeliveryStatusCountsQueryQuery, EhrTransactionStatus } from '../__generated__/graphql';
import { useT } from '../i18n/I18nProvider';

export const DeliveryStatusCountsQuery = graphql(`
  query DeliveryStatusCountsQuery {
    pending: ehrTransactions(filter: { status: PENDING }, first: 1) {
      totalCount
    }
    failed: ehrTransactions(filter: { status: FAILED }, first: 1) {
      totalCount
    }
    delivered: ehrTransactions(filter: { status: DELIVERED }, first: 1) {
      totalCount
    }
    dead: ehrTransactions(filter: { status: DEAD, failedNow: true }, first: 1) {
      totalCount
    }
  }
`);

type Counts = DeliveryStatusCountsQueryQuery;

const FIELDS: readonly [EhrTransactionStatus, keyof Omit<Counts, '__typename'>][] = [
  ['PENDING', 'pending'],
  ['FAILED', 'failed'],
  ['DELIVERED', 'delivered'],
  ['DEAD', 'dead'],
];

/**
 * How many transactions are in each status; "Failed" counts what is failed now (see `filterOf`). Not cached: these one-node pages would otherwise
 * replace the lists the table shows under the same cache key (the `filter`).
 */
export function useStatusCounts(pollInterval: number) {
  return useQuery(DeliveryStatusCountsQuery, { fetchPolicy: 'no-cache', pollInterval });
}

export function StatusCounts({ counts }: { counts: Counts | undefined }) {
  const t = useT();
  if (!counts) return null;
  return (
    <div role="group" aria-label={t('deliveryMonitor.counts')}>
      <dl className="status-counts">
        {FIELDS.map(([status, field]) => (
          <div key={status} className={`status-counts__item status-counts__item--${field}`}>
            <dt>{t(`delivery.${status}`)}</dt>
            <dd>{counts[field].totalCount}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
