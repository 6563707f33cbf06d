import { NetworkStatus } from '@apollo/client';
import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { graphql } from '../__generated__';
import { useAuth } from '../auth/AuthProvider';
import { ErrorState, LoadingState } from '../components/States';
import { useT } from '../i18n/I18nProvider';
import { plural } from '../i18n/plural';
import { useFormatters } from '../lib/format';
import { AlertRulesEditor } from './AlertRulesEditor';
import { serverProblems } from './problems';
import { LoadMore } from '../components/LoadMore';

/** Alerts per page, newest first; "Load more" fetches the next page. */
export const ALERTS_SHOWN = 50;

export const DeliveryAlertsQuery = graphql(`
  query DeliveryAlertsQuery($first: Int!, $after: String) {
    alerts(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        ruleId
        kind
        ehrSystemId
        status
        value
        openedAt
        acknowledgedAt
        acknowledgedBy
        resolvedAt
        notificationError
      }
    }
  }
`);

export const DeliveryAcknowledgeAlertMutation = graphql(`
  mutation DeliveryAcknowledgeAlertMutation($id: ID!) {
    acknowledgeAlert(id: $id) {
      id
      status
      acknowledgedAt
      acknowledgedBy
    }
  }
`);

/** The Alerts tab: the organization's alerts, newest first, with Acknowledge; the rules editor for ADMINs. */
export function AlertsPanel() {
  const t = useT();
  const { dateTime } = useFormatters();
  const { state } = useAuth();
  const isAdmin = state.status === 'signedIn' && state.user.role === 'ADMIN';
  const { data, error, refetch, fetchMore, networkStatus } = useQuery(DeliveryAlertsQuery, {
    variables: { first: ALERTS_SHOWN },
    notifyOnNetworkStatusChange: true,
  });
  const [acknowledge, { loading: acknowledging }] = useMutation(DeliveryAcknowledgeAlertMutation);
  const [failure, setFailure] = useState<string | null>(null);
  const [loadMoreFailed, setLoadMoreFailed] = useState(false);
  const connection = data?.alerts;
  const loadingMore = networkStatus === NetworkStatus.fetchMore;

  const onLoadMore = async () => {
    const after = connection?.pageInfo.endCursor;
    if (loadingMore || !after) return;
    setLoadMoreFailed(false);
    try {
      await fetchMore({ variables: { after } });
    } catch {
      setLoadMoreFailed(true);
    }
  };

  const onAcknowledge = async (id: string) => {
    if (acknowledging) return;
    setFailure(null);
    try {
      await acknowledge({ variables: { id } });
    } catch (caught) {
      const problems = serverProblems(caught).map((p) => p.message);
      setFailure(problems.length > 0 ? problems.join(' ') : t('common.unexpectedError'));
    }
  };

  return (
    <>
      <h2>{t('alerts.title')}</h2>
      <p className="delivery__intro">{t('alerts.intro')}</p>
      {failure && (
        <p className="alert" role="alert">
          {failure}
        </p>
      )}
      {error && !connection ? (
        <ErrorState
          title={t('alerts.error.title')}
          message={t('common.unexpectedError')}
          onRetry={() => void refetch()}
        />
      ) : !connection ? (
        <LoadingState />
      ) : connection.nodes.length === 0 ? (
        <div className="state state--empty">
          <h3>{t('alerts.empty.title')}</h3>
          <p>{t('alerts.empty.body')}</p>
        </div>
      ) : (
        <>
          <p className="toolbar__count" aria-live="polite">
            {plural(t, 'alerts.count', connection.totalCount)}
          </p>
          <table className="table cards-on-phone">
            <caption>{t('alerts.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('alerts.col.opened')}</th>
                <th scope="col">{t('alerts.col.kind')}</th>
                <th scope="col">{t('alerts.col.value')}</th>
                <th scope="col">{t('alerts.col.status')}</th>
                <th scope="col">{t('alerts.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {connection.nodes.map((alert) => (
                <tr key={alert.id}>
                  <td data-label={t('alerts.col.opened')}>{dateTime(alert.openedAt)}</td>
                  <td data-label={t('alerts.col.kind')}>{t(`alerts.kind.${alert.kind}`)}</td>
                  <td data-label={t('alerts.col.value')}>{t(`alerts.value.${alert.kind}`, { value: alert.value })}</td>
                  <td data-label={t('alerts.col.status')}>
                    {t(`alerts.status.${alert.status}`)}
                    {alert.acknowledgedAt && (
                      <span className="alert-row__detail">
                        {t('alerts.acknowledgedAt', { time: dateTime(alert.acknowledgedAt) })}
                      </span>
                    )}
                    {alert.resolvedAt && (
                      <span className="alert-row__detail">
                        {t('alerts.resolvedAt', { time: dateTime(alert.resolvedAt) })}
                      </span>
                    )}
                    {alert.notificationError && (
                      <span className="alert-row__detail">
                        {t('alerts.notificationError', { reason: alert.notificationError })}
                      </span>
                    )}
                  </td>
                  <td data-label={t('alerts.col.actions')}>
                    {alert.status === 'OPEN' && (
                      <button
                        type="button"
                        className="button button--secondary"
                        aria-label={t('alerts.acknowledge.label', {
                          kind: t(`alerts.kind.${alert.kind}`),
                          time: dateTime(alert.openedAt),
                        })}
                        aria-disabled={acknowledging || undefined}
                        onClick={() => void onAcknowledge(alert.id)}
                      >
                        {t('alerts.acknowledge')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <LoadMore
            hasNextPage={connection.pageInfo.hasNextPage}
            loading={loadingMore}
            label={t('deliveryMonitor.loadMore')}
            loadingLabel={t('deliveryMonitor.loadingMore')}
            onLoadMore={() => void onLoadMore()}
            error={loadMoreFailed ? t('alerts.loadMoreError') : null}
          />
        </>
      )}
      {isAdmin && <AlertRulesEditor />}
    </>
  );
}
