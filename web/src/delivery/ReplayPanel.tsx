import { useMutation } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { graphql } from '../__generated__';
import type { ReplayMapping } from '../__generated__/graphql';
import { useT } from '../i18n/I18nProvider';
import { serverProblems } from './problems';

export const DeliveryReplayMutation = graphql(`
  mutation DeliveryReplayMutation($id: ID!, $mapping: ReplayMapping!) {
    replayEhrTransaction(id: $id, mapping: $mapping) {
      id
      status
    }
  }
`);

const MAPPINGS: readonly ReplayMapping[] = ['CURRENT', 'ORIGINAL'];

interface ReplayPanelProps {
  transaction: { id: string; endpoint: string; mappingVersion: number };
  onCancel: () => void;
  /** Called with the (translated) notice once the replay is queued. */
  onReplayed: (notice: string) => void;
}

/** The confirmation step of a replay: which mapping builds the new request, then confirm or cancel. */
export function ReplayPanel({ transaction, onCancel, onReplayed }: ReplayPanelProps) {
  const t = useT();
  const titleId = useId();
  const [mapping, setMapping] = useState<ReplayMapping>('CURRENT');
  const [error, setError] = useState<string | null>(null);
  const [replay, { loading }] = useMutation(DeliveryReplayMutation);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    // While replaying, the button keeps the focus but does nothing (aria-disabled, not disabled).
    if (loading) return;
    setError(null);
    try {
      const { data } = await replay({
        variables: { id: transaction.id, mapping },
        // The DEAD row shows its replay at once, instead of a Replay button, until the list is refreshed.
        update: (cache, { data: result }) => {
          const replayed = result?.replayEhrTransaction;
          if (!replayed) return;
          cache.modify({
            id: cache.identify({ __typename: 'EhrTransaction', id: transaction.id }),
            fields: { replayedBy: (_existing, { toReference }) => toReference(replayed) ?? null },
          });
        },
      });
      if (!data) throw new Error('No data');
      const status = t(`delivery.${data.replayEhrTransaction.status}`);
      onReplayed(t('deliveryMonitor.replay.done', { endpoint: transaction.endpoint, status }));
    } catch (caught) {
      const problems = serverProblems(caught).map((problem) => problem.message);
      setError(problems.length > 0 ? problems.join(' ') : t('common.unexpectedError'));
    }
  };

  return (
    <form className="replay-panel" aria-labelledby={titleId} onSubmit={(e) => void onSubmit(e)}>
      <fieldset className="choice">
        <legend id={titleId}>{t('deliveryMonitor.replay.title', { endpoint: transaction.endpoint })}</legend>
        <p className="replay-panel__question">{t('deliveryMonitor.replay.mapping')}</p>
        {MAPPINGS.map((choice) => (
          <label key={choice}>
            <input
              type="radio"
              name={`${titleId}-mapping`}
              value={choice}
              checked={mapping === choice}
              autoFocus={choice === 'CURRENT'}
              onChange={() => setMapping(choice)}
            />
            {t(`deliveryMonitor.replay.${choice}`, { version: transaction.mappingVersion })}
          </label>
        ))}
        <p className="field__hint">{t('deliveryMonitor.replay.hint')}</p>
      </fieldset>
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button" aria-disabled={loading || undefined}>
          {loading ? t('deliveryMonitor.replay.replaying') : t('deliveryMonitor.replay.confirm')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
