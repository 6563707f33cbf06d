import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { graphql } from '../__generated__';
import type { PatientDetailTransactions_TransactionFragment } from '../__generated__/graphql';
import { useI18n } from '../i18n/I18nProvider';
import { plural } from '../i18n/plural';
import { useFormatters } from '../lib/format';
import { deliveryErrorText } from '../delivery/deliveryErrors';
import { usePageVisible } from '../delivery/usePageVisible';
import { Unavailable } from './ClinicalSections';

export const PatientDetailTransactions_transaction = graphql(`
  fragment PatientDetailTransactions_transaction on EhrTransaction {
    id
    status
    trigger
    endpoint
    method
    attempts
    mappingVersion
    lastError
    lastErrorCode
    lastErrorCause
    lastErrorHttpStatus
    nextAttemptAt
    createdAt
    updatedAt
    deliveredAt
  }
`);

/**
 * Refetched after a resend, then polled until the new transactions settle: the transactions land
 * in the cached patient, which the page reads.
 */
export const PatientDetailTransactionsQuery = graphql(`
  query PatientDetailTransactionsQuery($id: ID!) {
    patient(id: $id) {
      id
      ehrTransactions {
        ...PatientDetailTransactions_transaction
      }
    }
  }
`);

export const PatientDetailResendMutation = graphql(`
  mutation PatientDetailResendMutation($patientId: ID!) {
    resendPatientToEhr(patientId: $patientId) {
      ...PatientDetailTransactions_transaction
    }
  }
`);

type Outcome = { ok: true; count: number } | { ok: false };

/** How often the transactions are read again after a resend, while some are still on their way. */
export const RESEND_POLL_MS = 2_000;
/** How long after a resend they are followed at most (a retry may be scheduled far later). */
export const RESEND_WATCH_MS = 60_000;

/** Still on its way: waiting for a first attempt, or failed with a retry scheduled. */
export function isUnsettled(tx: Pick<PatientDetailTransactions_TransactionFragment, 'status' | 'nextAttemptAt'>) {
  return tx.status === 'PENDING' || (tx.status === 'FAILED' && tx.nextAttemptAt != null);
}

/**
 * After a resend, reads the patient's transactions every `RESEND_POLL_MS` while any is unsettled
 * and the page is visible, for `RESEND_WATCH_MS` at most. Returns whether it is following them.
 */
function useFollowAfterResend(
  patientId: string,
  transactions: readonly PatientDetailTransactions_TransactionFragment[] | null | undefined,
) {
  // Each resend starts a new watch (1, 2…); `ended` is the last watch whose time ran out.
  const [watch, setWatch] = useState(0);
  const [ended, setEnded] = useState(0);
  const visible = usePageVisible();
  useEffect(() => {
    if (watch === 0) return;
    const timer = setTimeout(() => setEnded(watch), RESEND_WATCH_MS);
    return () => clearTimeout(timer);
  }, [watch]);
  const following = watch > ended && (transactions?.some(isUnsettled) ?? false);
  // The first read comes from the cache (the resend's refetch just wrote it); each poll asks the server.
  useQuery(PatientDetailTransactionsQuery, {
    variables: { id: patientId },
    skip: !following || !visible,
    pollInterval: RESEND_POLL_MS,
    fetchPolicy: 'cache-first',
  });
  return { following, start: () => setWatch((n) => n + 1) };
}

export function EhrTransactionsSection({
  patientId,
  transactions,
}: {
  patientId: string;
  transactions: readonly PatientDetailTransactions_TransactionFragment[] | null | undefined;
}) {
  const { t } = useI18n();
  const format = useFormatters();
  const none = t('patientDetail.none');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const follow = useFollowAfterResend(patientId, transactions);
  const [resend, { loading }] = useMutation(PatientDetailResendMutation, {
    refetchQueries: [{ query: PatientDetailTransactionsQuery, variables: { id: patientId } }],
    awaitRefetchQueries: true,
  });

  const onResend = async () => {
    setOutcome(null);
    try {
      const { data } = await resend({ variables: { patientId } });
      setOutcome(data ? { ok: true, count: data.resendPatientToEhr.length } : { ok: false });
      if (data) follow.start();
    } catch {
      setOutcome({ ok: false });
    }
  };

  const time = (iso: string | null | undefined) => (iso ? <time dateTime={iso}>{format.dateTime(iso)}</time> : none);

  return (
    <section className="card patient-detail__section" aria-labelledby="patient-transactions">
      <div className="page__header">
        <h2 id="patient-transactions">{t('patientDetail.transactions.title')}</h2>
        <button type="button" className="button" disabled={loading} onClick={() => void onResend()}>
          {loading ? t('patientDetail.resend.sending') : t('patientDetail.resend')}
        </button>
      </div>
      <div role="status" className="patient-detail__status">
        {outcome?.ok && (
          <p className="notice notice--success">
            {outcome.count === 0
              ? t('patientDetail.resend.none')
              : plural(t, { one: 'patientDetail.resend.one', other: 'patientDetail.resend.done' }, outcome.count)}
          </p>
        )}
        {follow.following && <p className="patient-detail__empty">{t('patientDetail.resend.watching')}</p>}
      </div>
      {outcome && !outcome.ok && (
        <p className="alert" role="alert">
          {t('patientDetail.resend.failed')}
        </p>
      )}
      {!transactions ? (
        <Unavailable message="patientDetail.transactions.unavailable" />
      ) : transactions.length === 0 ? (
        <p className="patient-detail__empty">{t('patientDetail.transactions.empty')}</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('patientDetail.transactions.caption')}>
          <table className="table transactions">
            <caption className="visually-hidden">{t('patientDetail.transactions.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('patientDetail.transactions.col.status')}</th>
                <th scope="col">{t('patientDetail.transactions.col.request')}</th>
                <th scope="col">{t('patientDetail.transactions.col.trigger')}</th>
                <th scope="col">{t('patientDetail.transactions.col.attempts')}</th>
                <th scope="col">{t('patientDetail.transactions.col.created')}</th>
                <th scope="col">{t('patientDetail.transactions.col.updated')}</th>
                <th scope="col">{t('patientDetail.transactions.col.next')}</th>
                <th scope="col">{t('patientDetail.transactions.col.error')}</th>
              </tr>
            </thead>
            <tbody>
              {transactions.map((tx) => (
                <tr key={tx.id}>
                  <th scope="row">
                    <span className={`badge badge--${tx.status.toLowerCase()}`}>{t(`delivery.${tx.status}`)}</span>
                  </th>
                  <td className="mono">
                    {tx.method} {tx.endpoint}
                    <span className="transactions__mapping">
                      {t('patientDetail.transactions.mapping', { version: tx.mappingVersion })}
                    </span>
                  </td>
                  <td>{t(`patientDetail.trigger.${tx.trigger}`)}</td>
                  <td>{tx.attempts}</td>
                  <td>{time(tx.createdAt)}</td>
                  <td>
                    {tx.deliveredAt ? (
                      <>
                        {t('patientDetail.transactions.deliveredAt')} {time(tx.deliveredAt)}
                      </>
                    ) : (
                      time(tx.updatedAt)
                    )}
                  </td>
                  <td>{tx.status === 'PENDING' || tx.status === 'FAILED' ? time(tx.nextAttemptAt) : none}</td>
                  <td className="transactions__error">
                    {tx.lastError ? (
                      <>
                        {tx.status === 'DEAD' && <strong>{t('patientDetail.transactions.deadReason')} </strong>}
                        {deliveryErrorText(t, tx)}
                      </>
                    ) : (
                      none
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
