import { Fragment, useEffect, useId, useRef, useState } from 'react';
import { graphql } from '../__generated__';
import type { DeliveryTransactionRow_TransactionFragment } from '../__generated__/graphql';
import { useI18n } from '../i18n/I18nProvider';
import { PatientCell } from './PatientCell';
import { deliveryErrorText } from './deliveryErrors';
import type { PatientNameState } from './patientNames';
import { plural } from '../i18n/plural';
import { ReplayPanel } from './ReplayPanel';

export const DeliveryTransactionRow_transaction = graphql(`
  fragment DeliveryTransactionRow_transaction on EhrTransaction {
    id
    createdAt
    endpoint
    trigger
    attempts
    mappingVersion
    status
    lastError
    lastErrorCode
    lastErrorCause
    lastErrorHttpStatus
    patient {
      id
    }
    replayedBy {
      id
      status
    }
  }
`);

type Transaction = DeliveryTransactionRow_TransactionFragment;
const COLUMNS = 5;

interface TransactionTableProps {
  transactions: readonly Transaction[];
  /** Patient names by id (see `usePatientNames`); a patient absent or null shows as their id. */
  patientNames: ReadonlyMap<string, PatientNameState>;
  /** A replay was queued: show `notice` and refresh the list. */
  onReplayed: (notice: string) => void;
}

/**
 * One row per transaction, in five columns so the table fits a laptop screen (the request's
 * endpoint, trigger and mapping version together, the attempts with the status); the time and the
 * actions stay in view when it scrolls sideways, and on a phone each row is a card (delivery.css).
 * A DEAD one shows its reason and a Replay button that opens its
 * confirmation below it, or, once replayed (at most once), the replay's status instead.
 */
export function TransactionTable({ transactions, patientNames, onReplayed }: TransactionTableProps) {
  const { t, language } = useI18n();
  const idPrefix = useId();
  const [replaying, setReplaying] = useState<string | null>(null);
  const replayButtons = useRef(new Map<string, HTMLButtonElement>());
  const replayedMarks = useRef(new Map<string, HTMLElement>());
  /** The row just replayed: its button gives way to the replay's status, which takes the focus. */
  const focusAfterReplay = useRef<string | null>(null);
  const time = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'medium' });

  useEffect(() => {
    const id = focusAfterReplay.current;
    if (id === null) return;
    const target = replayedMarks.current.get(id) ?? replayButtons.current.get(id);
    if (target) {
      focusAfterReplay.current = null;
      target.focus();
    }
  });

  /** Closes the confirmation and puts the focus back on the button that opened it. */
  const close = (id: string) => {
    setReplaying(null);
    replayButtons.current.get(id)?.focus();
  };

  return (
    <div
      className="table-scroll tx-monitor__scroll"
      tabIndex={0}
      role="region"
      aria-label={t('deliveryMonitor.caption')}
    >
      <table className="table tx-monitor cards-on-phone">
        <caption className="visually-hidden">{t('deliveryMonitor.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('deliveryMonitor.col.time')}</th>
            <th scope="col">{t('deliveryMonitor.col.patient')}</th>
            <th scope="col">{t('deliveryMonitor.col.request')}</th>
            <th scope="col">{t('deliveryMonitor.col.status')}</th>
            <th scope="col">{t('deliveryMonitor.col.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {transactions.map((tx) => {
            // A transaction replayed meanwhile (by someone else, seen on a refresh) can no longer be.
            const open = replaying === tx.id && !tx.replayedBy;
            const panelId = `${idPrefix}-replay-${tx.id}`;
            return (
              <Fragment key={tx.id}>
                <tr className={tx.status === 'DEAD' ? 'tx-monitor__dead' : undefined}>
                  <th scope="row">
                    <time dateTime={tx.createdAt}>{time.format(new Date(tx.createdAt))}</time>
                  </th>
                  <td data-label={t('deliveryMonitor.col.patient')}>
                    <PatientCell id={tx.patient.id} name={patientNames.get(tx.patient.id)} />
                  </td>
                  <td data-label={t('deliveryMonitor.col.request')} className="tx-monitor__request">
                    <span className="mono">{tx.endpoint}</span>
                    <span className="tx-monitor__detail">
                      {t('deliveryMonitor.request', {
                        trigger: t(`deliveryMonitor.trigger.${tx.trigger}`),
                        version: tx.mappingVersion,
                      })}
                    </span>
                  </td>
                  <td data-label={t('deliveryMonitor.col.status')} className="tx-monitor__status">
                    <span className={`badge badge--${tx.status.toLowerCase()}`}>{t(`delivery.${tx.status}`)}</span>{' '}
                    <span className="tx-monitor__detail">{plural(t, 'deliveryMonitor.attempts', tx.attempts)}</span>
                    {tx.lastError && (tx.status === 'DEAD' || tx.status === 'FAILED') && (
                      <p
                        id={`${panelId}-reason`}
                        className={tx.status === 'DEAD' ? 'tx-monitor__reason' : 'tx-monitor__last-error'}
                      >
                        {t(tx.status === 'DEAD' ? 'deliveryMonitor.reason' : 'deliveryMonitor.lastError', {
                          reason: deliveryErrorText(t, tx),
                        })}
                      </p>
                    )}
                  </td>
                  <td data-label={t('deliveryMonitor.col.actions')} className="tx-monitor__actions">
                    {tx.status === 'DEAD' && tx.replayedBy ? (
                      <span
                        className="tx-monitor__replayed"
                        tabIndex={-1}
                        ref={(mark) => {
                          if (mark) replayedMarks.current.set(tx.id, mark);
                          else replayedMarks.current.delete(tx.id);
                        }}
                      >
                        {t('deliveryMonitor.replayed', { status: t(`delivery.${tx.replayedBy.status}`) })}
                      </span>
                    ) : (
                      tx.status === 'DEAD' && (
                        <button
                          type="button"
                          className="button button--secondary"
                          aria-expanded={open}
                          aria-controls={open ? panelId : undefined}
                          aria-describedby={tx.lastError ? `${panelId}-reason` : undefined}
                          ref={(button) => {
                            if (button) replayButtons.current.set(tx.id, button);
                            else replayButtons.current.delete(tx.id);
                          }}
                          onClick={() => (open ? close(tx.id) : setReplaying(tx.id))}
                        >
                          {t('deliveryMonitor.replay')}
                        </button>
                      )
                    )}
                  </td>
                </tr>
                {open && (
                  <tr className="tx-monitor__replay" id={panelId}>
                    <td colSpan={COLUMNS}>
                      <ReplayPanel
                        transaction={tx}
                        onCancel={() => close(tx.id)}
                        onReplayed={(notice) => {
                          focusAfterReplay.current = tx.id;
                          setReplaying(null);
                          onReplayed(notice);
                        }}
                      />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
