import { useMutation } from '@apollo/client/react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useAuth } from '../auth/AuthProvider';
import { SelectField } from '../components/Field';
import { useI18n } from '../i18n/I18nProvider';
import { ConfirmPanel } from './ConfirmPanel';
import { MappingDiff } from './MappingDiff';
import { EhrRollbackMappingMutation, REFETCH_AFTER_CHANGE, type HistoryEntry } from './operations';
import { conflictVersion } from './problems';
import { ACTIONS_COLUMN, ScrollTable } from './ui';

type Failure = { kind: 'conflict'; current: number } | { kind: 'failed' };

/**
 * Every published version; two of them compared; an earlier one brought back, only over the
 * version this page shows as current (`expectedVersion`): if someone published since, nothing is
 * rolled back and `onConflict` refreshes the list.
 */
export function VersionsPanel({
  idPrefix,
  systemId,
  history,
  current,
  dirty,
  onRolledBack,
  onConflict,
}: {
  idPrefix: string;
  systemId: string;
  /** Newest first. */
  history: readonly HistoryEntry[];
  current: number;
  dirty: boolean;
  onRolledBack: (version: number, restoredFrom: number) => void;
  /** Someone published since this page read the mapping; `current` is their version, when known. */
  onConflict: (current: number | null) => void;
}) {
  const { t, language } = useI18n();
  const { state } = useAuth();
  const userId = state.status === 'signedIn' ? state.user.id : null;
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const [sameVersion, setSameVersion] = useState(false);
  const [compared, setCompared] = useState<{ from: number; to: number } | null>(null);
  const [restoring, setRestoring] = useState<number | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const failureRef = useRef<HTMLParagraphElement>(null);
  const [rollback, { loading }] = useMutation(EhrRollbackMappingMutation, REFETCH_AFTER_CHANGE);
  const fromVersion = from ?? history[1]?.version ?? current;
  const toVersion = to ?? history[0]?.version ?? current;
  const dates = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });

  const compare = (event: FormEvent) => {
    event.preventDefault();
    setSameVersion(fromVersion === toVersion);
    if (fromVersion !== toVersion) setCompared({ from: fromVersion, to: toVersion });
  };

  // The confirmation that had the focus is gone: the focus goes to what says why.
  useEffect(() => {
    if (failure) failureRef.current?.focus();
  }, [failure]);

  const confirmRollback = async (version: number) => {
    if (loading) return;
    setFailure(null);
    try {
      const { data } = await rollback({ variables: { ehrSystemId: systemId, version, expectedVersion: current } });
      setRestoring(null);
      if (data) onRolledBack(data.rollbackEhrMapping.version, data.rollbackEhrMapping.restoredFrom ?? version);
    } catch (error) {
      setRestoring(null);
      const conflict = conflictVersion(error);
      if (conflict) onConflict(conflict.current);
      setFailure(conflict ? { kind: 'conflict', current: conflict.current ?? current + 1 } : { kind: 'failed' });
    }
  };

  // User ids mean nothing to the reader: the platform's seed, the reader, or someone else.
  const publisher = (by: string) =>
    by === 'seed' ? t('ehr.versions.seed') : by === userId ? t('ehr.versions.you') : t('ehr.versions.otherAdmin');
  const versionOptions = history.map((entry) => (
    <option key={entry.version} value={entry.version}>
      {t('ehr.versions.version', { version: entry.version })}
    </option>
  ));

  return (
    <section className="card ehr-panel" aria-labelledby={`${idPrefix}-versions`}>
      <h2 id={`${idPrefix}-versions`}>{t('ehr.versions.title')}</h2>
      <ScrollTable
        caption={t('ehr.versions.caption')}
        columns={[
          t('ehr.versions.col.version'),
          t('ehr.versions.col.published'),
          t('ehr.versions.col.by'),
          t('ehr.versions.col.note'),
          ACTIONS_COLUMN,
        ]}
      >
        {history.map((entry) => (
          <tr key={entry.version}>
            <th scope="row">
              {t('ehr.versions.version', { version: entry.version })}
              {entry.version === current && (
                <>
                  {' '}
                  <span className="badge ehr-badge--current">{t('ehr.versions.current')}</span>
                </>
              )}
            </th>
            <td>
              <time dateTime={entry.publishedAt}>{dates.format(new Date(entry.publishedAt))}</time>
            </td>
            <td>{publisher(entry.publishedBy)}</td>
            <td className="ehr-wrap">
              {entry.note ?? ''}
              {entry.restoredFrom != null && (
                <span className="ehr-muted"> {t('ehr.versions.restoredFrom', { version: entry.restoredFrom })}</span>
              )}
            </td>
            <td>
              {entry.version !== current && (
                <button
                  type="button"
                  className="button button--secondary"
                  aria-expanded={restoring === entry.version}
                  aria-disabled={loading || undefined}
                  onClick={() => {
                    if (loading) return;
                    setFailure(null);
                    setRestoring(entry.version);
                  }}
                >
                  {t('ehr.versions.rollback', { version: entry.version })}
                </button>
              )}
            </td>
          </tr>
        ))}
      </ScrollTable>

      {failure && (
        <p ref={failureRef} tabIndex={-1} className="alert" role="alert">
          {failure.kind === 'conflict'
            ? t('ehr.versions.rollbackConflict', { version: failure.current })
            : `${t('ehr.versions.rollbackFailed')} ${t('common.unexpectedError')}`}
        </p>
      )}
      {restoring !== null && (
        <ConfirmPanel
          key={restoring}
          title={t('ehr.versions.rollbackTitle', { version: restoring })}
          confirmLabel={t('ehr.versions.rollbackConfirm')}
          busy={loading}
          onConfirm={() => void confirmRollback(restoring)}
          onCancel={() => setRestoring(null)}
        >
          <p>{t('ehr.versions.rollbackBody', { version: restoring, next: current + 1 })}</p>
          {dirty && <p className="notice">{t('ehr.versions.rollbackDiscards')}</p>}
        </ConfirmPanel>
      )}

      <h3>{t('ehr.diff.heading')}</h3>
      {history.length < 2 ? (
        <p>{t('ehr.diff.onlyOne')}</p>
      ) : (
        <form className="toolbar" aria-label={t('ehr.diff.heading')} noValidate onSubmit={compare}>
          <SelectField
            label={t('ehr.diff.from')}
            value={fromVersion}
            onChange={(event) => setFrom(Number(event.target.value))}
          >
            {versionOptions}
          </SelectField>
          <SelectField
            label={t('ehr.diff.to')}
            value={toVersion}
            error={sameVersion ? t('ehr.diff.same') : undefined}
            onChange={(event) => setTo(Number(event.target.value))}
          >
            {versionOptions}
          </SelectField>
          <button type="submit" className="button">
            {t('ehr.diff.compare')}
          </button>
        </form>
      )}
      {compared && <MappingDiff systemId={systemId} from={compared.from} to={compared.to} />}
    </section>
  );
}
