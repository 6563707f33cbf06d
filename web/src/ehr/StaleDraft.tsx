import { useId, useState } from 'react';
import { useT } from '../i18n/I18nProvider';
import { MappingDiff } from './MappingDiff';

/**
 * The draft was started from version `base` and someone has published `current` since: publishing
 * it now is refused (VERSION_CONFLICT). Says so, and lets the user see what changed, start again
 * from `current` (the draft is discarded), or keep the draft and publish it over `current` once
 * they have looked. Nothing happens to the draft until they choose.
 */
export function StaleDraft({
  id,
  systemId,
  base,
  current,
  onStartAgain,
  onKeep,
}: {
  /** Of the alert, so the workspace can move the focus to it. */
  id: string;
  systemId: string;
  base: number;
  current: number;
  onStartAgain: () => void;
  onKeep: () => void;
}) {
  const t = useT();
  const diffId = useId();
  const [showDiff, setShowDiff] = useState(false);
  return (
    <div className="ehr-stale">
      <div id={id} className="notice" role="alert" tabIndex={-1}>
        <p>
          <strong>{t('ehr.conflict.title', { version: current })}</strong>
        </p>
        <p>{t('ehr.conflict.body', { base, version: current })}</p>
      </div>
      <div className="form-actions">
        <button
          type="button"
          className="button button--secondary"
          aria-expanded={showDiff}
          aria-controls={diffId}
          onClick={() => setShowDiff((shown) => !shown)}
        >
          {t('ehr.conflict.showChanges')}
        </button>
        <button type="button" className="button" onClick={onStartAgain}>
          {t('ehr.conflict.startAgain', { version: current })}
        </button>
        <button type="button" className="button button--secondary" onClick={onKeep}>
          {t('ehr.conflict.keep')}
        </button>
      </div>
      <div id={diffId}>{showDiff && <MappingDiff systemId={systemId} from={base} to={current} />}</div>
    </div>
  );
}
