import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { useT } from '../i18n/I18nProvider';
import { ConfirmPanel } from './ConfirmPanel';
import { mappingInput, type ChangeCount, type Draft, type DraftRow } from './draft';
import { EhrPublishMappingMutation, REFETCH_AFTER_CHANGE } from './operations';

/** The publish button, and its confirmation saying how many entries change. */
export function PublishControls({
  systemId,
  draft,
  changes,
  nextVersion,
  onPublished,
  onRefused,
}: {
  systemId: string;
  draft: Draft;
  changes: ChangeCount;
  nextVersion: number;
  onPublished: (version: number) => void;
  /** Ties the server's problems to `rows`; false when the error was not about the mapping. */
  onRefused: (error: unknown, rows: readonly DraftRow[]) => boolean;
}) {
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  const [failed, setFailed] = useState(false);
  const [publish, { loading }] = useMutation(EhrPublishMappingMutation, REFETCH_AFTER_CHANGE);
  const note = draft.note.trim();

  const confirm = async () => {
    const rows = draft.rows;
    setFailed(false);
    try {
      const { data } = await publish({ variables: { ehrSystemId: systemId, input: mappingInput(draft) } });
      setConfirming(false);
      if (data) onPublished(data.publishEhrMapping.version);
    } catch (error) {
      setConfirming(false);
      setFailed(!onRefused(error, rows));
    }
  };

  return (
    <>
      <button
        type="button"
        className="button"
        disabled={changes.total === 0 || loading}
        aria-expanded={confirming}
        onClick={() => {
          setFailed(false);
          setConfirming(true);
        }}
      >
        {t('ehr.publish.open')}
      </button>
      {failed && (
        <p className="alert ehr-wide" role="alert">
          {t('ehr.publish.failed')} {t('common.unexpectedError')}
        </p>
      )}
      {confirming && (
        <ConfirmPanel
          title={t('ehr.publish.title', { version: nextVersion })}
          confirmLabel={t('ehr.publish.confirm')}
          busy={loading}
          onConfirm={() => void confirm()}
          onCancel={() => setConfirming(false)}
        >
          <p>
            {changes.total === 1 ? t('ehr.publish.count.one') : t('ehr.publish.count', { count: changes.total })}{' '}
            {t('ehr.publish.breakdown', changes)}
          </p>
          <p>{note === '' ? t('ehr.publish.noNote') : t('ehr.publish.note', { note })}</p>
        </ConfirmPanel>
      )}
    </>
  );
}
