import { useMutation } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n/I18nProvider';
import { plural } from '../i18n/plural';
import { ConfirmPanel } from './ConfirmPanel';
import { mappingInput, type ChangeCount, type Draft, type DraftRow } from './draft';
import { EhrPublishMappingMutation, REFETCH_AFTER_CHANGE } from './operations';
import { conflictVersion } from './problems';

/**
 * The publish button, and its confirmation saying how many entries change. The draft is published
 * only over the version it was started from (`expectedVersion`): if someone published since, the
 * server refuses it and `onConflict` says so, the draft untouched.
 */
export function PublishControls({
  systemId,
  draft,
  changes,
  nextVersion,
  onPublished,
  onRefused,
  onConflict,
  blocked,
}: {
  systemId: string;
  draft: Draft;
  changes: ChangeCount;
  nextVersion: number;
  onPublished: (version: number) => void;
  /** Ties the server's problems to `rows`; false when the error was not about the mapping. */
  onRefused: (error: unknown, rows: readonly DraftRow[]) => boolean;
  /** Someone published since the draft was started; `current` is their version, when known. */
  onConflict: (current: number | null) => void;
  /** Called instead of confirming while the draft has problems the editor shows (code table lines); answers why. */
  blocked?: (() => string | null) | undefined;
}) {
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  const [failed, setFailed] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const failure = useRef<HTMLParagraphElement>(null);
  const [publish, { loading }] = useMutation(EhrPublishMappingMutation, REFETCH_AFTER_CHANGE);
  const note = draft.note.trim();

  // The confirmation that had the focus is gone: the focus goes to what says why.
  useEffect(() => {
    if (failed) failure.current?.focus();
  }, [failed]);

  const confirm = async () => {
    if (loading) return;
    const rows = draft.rows;
    setFailed(false);
    try {
      const { data } = await publish({
        variables: { ehrSystemId: systemId, input: mappingInput(draft), expectedVersion: draft.baseVersion },
      });
      setConfirming(false);
      if (data) onPublished(data.publishEhrMapping.version);
    } catch (error) {
      setConfirming(false);
      const conflict = conflictVersion(error);
      if (conflict) onConflict(conflict.current);
      else setFailed(!onRefused(error, rows));
    }
  };

  return (
    <>
      <button
        type="button"
        className="button"
        disabled={changes.total === 0}
        aria-disabled={loading || undefined}
        aria-expanded={confirming}
        onClick={() => {
          if (loading) return;
          setFailed(false);
          const reason = blocked?.() ?? null;
          setRefusal(reason);
          if (reason === null) setConfirming(true);
        }}
      >
        {t('ehr.publish.open')}
      </button>
      {refusal && (
        <p className="alert ehr-wide" role="alert">
          {refusal}
        </p>
      )}
      {failed && (
        <p ref={failure} tabIndex={-1} className="alert ehr-wide" role="alert">
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
            {plural(t, 'ehr.publish.count', changes.total)} {t('ehr.publish.breakdown', changes)}
          </p>
          <p>{note === '' ? t('ehr.publish.noNote') : t('ehr.publish.note', { note })}</p>
        </ConfirmPanel>
      )}
    </>
  );
}
