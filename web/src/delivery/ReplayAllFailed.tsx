import { useMutation } from '@apollo/client/react';
import { useId, useRef, useState } from 'react';
import { graphql } from '../__generated__';
import type { DeliveryReplayFailedMutationMutation } from '../__generated__/graphql';
import { useAuth } from '../auth/AuthProvider';
import { useT } from '../i18n/I18nProvider';
import { plural } from '../i18n/plural';
import { serverProblems } from './problems';

export const DeliveryReplayFailedMutation = graphql(`
  mutation DeliveryReplayFailedMutation($dryRun: Boolean!) {
    replayFailedEhrTransactions(dryRun: $dryRun) {
      dryRun
      replayCount
      remainingCount
    }
  }
`);

type Counted = DeliveryReplayFailedMutationMutation['replayFailedEhrTransactions'];

/**
 * "Replay all failed" (ADMINs only, as the server requires): first counts the transactions failed
 * now (a dry run), then, once confirmed, replays each of them once with the current mapping.
 * Nothing is shown to other roles.
 */
export function ReplayAllFailed({ onReplayed }: { onReplayed: (notice: string) => void }) {
  const t = useT();
  const id = useId();
  const { state } = useAuth();
  const [counted, setCounted] = useState<Counted | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [replay, { loading }] = useMutation(DeliveryReplayFailedMutation);
  const opener = useRef<HTMLButtonElement>(null);
  if (state.status !== 'signedIn' || state.user.role !== 'ADMIN') return null;

  const run = async (dryRun: boolean) => {
    if (loading) return;
    setError(null);
    try {
      const { data } = await replay({ variables: { dryRun } });
      if (!data) throw new Error('No data');
      const result = data.replayFailedEhrTransactions;
      if (dryRun) {
        setCounted(result);
        return;
      }
      setCounted(null);
      opener.current?.focus();
      const done = plural(t, 'deliveryMonitor.replayAll.done', result.replayCount);
      onReplayed(
        result.remainingCount > 0
          ? `${done} ${plural(t, 'deliveryMonitor.replayAll.remaining', result.remainingCount)}`
          : done,
      );
    } catch (caught) {
      const problems = serverProblems(caught).map((problem) => problem.message);
      setError(problems.length > 0 ? problems.join(' ') : t('common.unexpectedError'));
    }
  };
  const cancel = () => {
    setCounted(null);
    setError(null);
    opener.current?.focus();
  };

  return (
    <div className="replay-all">
      <button
        type="button"
        ref={opener}
        className="button button--secondary"
        aria-expanded={counted !== null}
        aria-controls={counted ? `${id}-confirm` : undefined}
        aria-disabled={loading || undefined}
        onClick={() => void (counted ? cancel() : run(true))}
      >
        {loading && !counted ? t('bulk.checking') : t('deliveryMonitor.replayAll')}
      </button>
      {counted && (
        <div id={`${id}-confirm`} className="replay-all__confirm" role="group" aria-labelledby={`${id}-count`}>
          <p id={`${id}-count`} role="status">
            {counted.replayCount === 0
              ? t('deliveryMonitor.replayAll.none')
              : plural(t, 'deliveryMonitor.replayAll.preview', counted.replayCount)}
          </p>
          <div className="form-actions">
            {counted.replayCount > 0 && (
              <button
                type="button"
                className="button"
                aria-disabled={loading || undefined}
                onClick={() => void run(false)}
              >
                {loading
                  ? t('deliveryMonitor.replay.replaying')
                  : plural(t, 'deliveryMonitor.replayAll.confirm', counted.replayCount)}
              </button>
            )}
            <button type="button" className="button button--secondary" onClick={cancel}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
