import { NetworkStatus } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { useEffect, useId, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { graphql } from '../__generated__';
import { ErrorState, LoadingState } from '../components/States';
import { useT } from '../i18n/I18nProvider';
import { plural } from '../i18n/plural';
import { usePatientNames } from './patientNames';
import { StatusCounts, useStatusCounts } from './StatusCounts';
import { TransactionTable } from './TransactionTable';
import { usePageVisible } from './usePageVisible';
import { LoadMore } from '../components/LoadMore';
import { ReplayAllFailed } from './ReplayAllFailed';
import { filterOf, STATUS_CHOICES, STATUS_OF, statusChoiceOf } from './statuses';

export const PAGE_SIZE = 25;
export const POLL_MS = 10_000;

export const DeliveryTransactionsQuery = graphql(`
  query DeliveryTransactionsQuery($first: Int!, $after: String, $filter: EhrTransactionFilter!) {
    ehrTransactions(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...DeliveryTransactionRow_transaction
      }
    }
  }
`);

/** The requests that fetch the first page again: a "Load more" waits for them (see `loadMore`). */
const FIRST_PAGE_IN_FLIGHT: readonly NetworkStatus[] = [
  NetworkStatus.loading,
  NetworkStatus.setVariables,
  NetworkStatus.refetch,
  NetworkStatus.poll,
];

/** The transaction list: a status filter (kept in the URL), counts, refresh and polling, pages, replays. */
export function TransactionsPanel() {
  const t = useT();
  const filterId = useId();
  const [params, setParams] = useSearchParams();
  const status = statusChoiceOf(params.get('status'));
  const statusWords = status && t(`delivery.${STATUS_OF[status]}`);
  const [notice, setNotice] = useState<string | null>(null);
  // A poll fetches the first page again, which replaces the list: once more pages are loaded, it stops.
  const [morePages, setMorePages] = useState(false);
  // "Load more" was asked and has not finished: it runs once no first-page request is in flight.
  const [moreWaiting, setMoreWaiting] = useState(false);
  const moreInFlight = useRef(false);
  const [moreFailed, setMoreFailed] = useState(false);
  const pollInterval = usePageVisible() && !morePages ? POLL_MS : 0;

  // `filter` is the cache key of the list (see apollo/cache.ts), so each status keeps its own pages.
  const filter = filterOf(status);
  const { data, error, networkStatus, fetchMore, refetch, stopPolling } = useQuery(DeliveryTransactionsQuery, {
    variables: { first: PAGE_SIZE, filter },
    // Coming back to the tab (or after a bulk resend) shows the cache at once, then what changed.
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
    pollInterval,
  });
  const counts = useStatusCounts(pollInterval);
  const connection = data?.ehrTransactions;
  const patientNames = usePatientNames(connection?.nodes.map((tx) => tx.patient.id) ?? []);
  const firstPageInFlight = FIRST_PAGE_IN_FLIGHT.includes(networkStatus);
  const loadingMore = networkStatus === NetworkStatus.fetchMore || moreWaiting;
  const refreshing = networkStatus === NetworkStatus.refetch;

  const refresh = () => {
    if (refreshing) return;
    setMorePages(false);
    setMoreWaiting(false);
    setMoreFailed(false);
    void refetch();
    void counts.refetch();
  };

  // The next page, after the list as it is now (a first-page request in flight would land after
  // it and replace the pages loaded, see apollo/cache.ts: hence `moreWaiting`).
  useEffect(() => {
    if (!moreWaiting || firstPageInFlight || moreInFlight.current) return;
    const after = connection?.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
    moreInFlight.current = true;
    const request = after
      ? fetchMore({ variables: { after } }).then(
          () => undefined,
          () => setMoreFailed(true),
        )
      : Promise.resolve();
    void request.finally(() => {
      moreInFlight.current = false;
      setMoreWaiting(false);
    });
  }, [moreWaiting, firstPageInFlight, connection, fetchMore]);

  const loadMore = () => {
    if (loadingMore || !connection?.pageInfo.endCursor) return;
    setMoreFailed(false);
    // No poll may start from now on; one already in flight is waited for by the effect above.
    stopPolling();
    setMorePages(true);
    setMoreWaiting(true);
  };
  const chooseStatus = (value: string) => {
    setMorePages(false);
    setMoreWaiting(false);
    setMoreFailed(false);
    setNotice(null);
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        const choice = statusChoiceOf(value);
        if (choice) next.set('status', choice);
        else next.delete('status');
        return next;
      },
      { replace: true },
    );
  };

  return (
    <>
      <div className="toolbar">
        <div className="field">
          <label htmlFor={filterId}>{t('deliveryMonitor.filter.status')}</label>
          <select id={filterId} value={status ?? ''} onChange={(event) => chooseStatus(event.target.value)}>
            <option value="">{t('deliveryMonitor.filter.all')}</option>
            {STATUS_CHOICES.map((value) => (
              <option key={value} value={value}>
                {t(`delivery.${STATUS_OF[value]}`)}
              </option>
            ))}
          </select>
        </div>
        <StatusCounts counts={counts.data} />
        <ReplayAllFailed
          onReplayed={(message) => {
            setNotice(message);
            refresh();
          }}
        />
        <div className="tx-monitor__refresh">
          {/* aria-disabled, not disabled, while busy: disabling the focused button would drop the focus. */}
          <button
            type="button"
            className="button button--secondary"
            aria-disabled={refreshing || undefined}
            onClick={refresh}
          >
            {refreshing ? t('deliveryMonitor.refreshing') : t('deliveryMonitor.refresh')}
          </button>
          <p className="field__hint" aria-live="polite">
            {morePages ? t('deliveryMonitor.autoRefresh.paused') : t('deliveryMonitor.autoRefresh')}
          </p>
        </div>
      </div>

      <div role="status" className="tx-monitor__notice">
        {notice && <p className="notice notice--success">{notice}</p>}
        {/* A failed poll or refresh keeps the list shown, which may then be out of date. */}
        {error && connection && (
          <p className="notice">
            {pollInterval > 0 ? t('deliveryMonitor.updateFailed') : t('deliveryMonitor.updateFailed.paused')}
          </p>
        )}
        {moreFailed && <p className="notice">{t('deliveryMonitor.loadMoreFailed')}</p>}
      </div>

      {error && !connection ? (
        <ErrorState title={t('deliveryMonitor.error.title')} message={t('common.unexpectedError')} onRetry={refresh} />
      ) : !connection ? (
        <LoadingState />
      ) : connection.nodes.length === 0 ? (
        <div className="state state--empty">
          <h2>
            {status
              ? t('deliveryMonitor.emptyStatus.title', { status: statusWords ?? '' })
              : t('deliveryMonitor.empty.title')}
          </h2>
          <p>{status ? t('deliveryMonitor.emptyStatus.body') : t('deliveryMonitor.empty.body')}</p>
        </div>
      ) : (
        <>
          <p className="toolbar__count" aria-live="polite">
            {plural(t, 'deliveryMonitor.count', connection.totalCount)}
          </p>
          <TransactionTable
            transactions={connection.nodes}
            patientNames={patientNames}
            onReplayed={(message) => {
              setNotice(message);
              refresh();
            }}
          />
          <LoadMore
            hasNextPage={connection.pageInfo.hasNextPage}
            loading={loadingMore}
            label={t('deliveryMonitor.loadMore')}
            loadingLabel={t('deliveryMonitor.loadingMore')}
            onLoadMore={loadMore}
          />
        </>
      )}
    </>
  );
}
