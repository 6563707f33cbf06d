import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { SelectField } from '../components/Field';
import { useI18n } from '../i18n/I18nProvider';
import { ConfirmPanel } from './ConfirmPanel';
import { MappingDiff } from './MappingDiff';
import { EhrRollbackMappingMutation, REFETCH_AFTER_CHANGE, type HistoryEntry } from './operations';
import { ACTIONS_COLUMN, ScrollTable } from './ui';

/** Every published version; two of them compared; an earlier one brought back. */
export function VersionsPanel({
  idPrefix,
  systemId,
  history,
  current,
  userId,
  dirty,
  onRolledBack,
}: {
  idPrefix: string;
  systemId: string;
  /** Newest first. */
  history: readonly HistoryEntry[];
  current: number;
  userId: string;
  dirty: boolean;
  onRolledBack: (version: number, restoredFrom: number) => void;
}) {
  const { t, language } = useI18n();
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const [sameVersion, setSameVersion] = useState(false);
  const [compared, setCompared] = useState<{ from: number; to: number } | null>(null);
  const [restoring, setRestoring] = useState<number | null>(null);
  const [failed, setFailed] = useState(false);
  const [rollback, { loading }] = useMutation(EhrRollbackMappingMutation, REFETCH_AFTER_CHANGE);
  const fromVersion = from ?? history[1]?.version ?? current;
  const toVersion = to ?? history[0]?.version ?? current;
  const dates = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });

  const compare = (event: FormEvent) => {
    event.preventDefault();
    setSameVersion(fromVersion === toVersion);
    if (fromVersion !== toVersion) setCompared({ from: fromVersion, to: toVersion });
  };

  const confirmRollback = async (version: number) => {
    setFailed(false);
    try {
      const { data } = await rollback({ variables: { ehrSystemId: systemId, version } });
      setRestoring(null);
      if (data) onRolledBack(data.rollbackEhrMapping.version, data.rollbackEhrMapping.restoredFrom ?? version);
    } catch {
      setRestoring(null);
      setFailed(true);
    }
  };

  const publisher = (by: string) =>
    by === 'seed' ? t('ehr.versions.seed') : by === userId ? t('ehr.versions.you') : by;
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
                  onClick={() => {
                    setFailed(false);
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

      {failed && (
        <p className="alert" role="alert">
          {t('ehr.versions.rollbackFailed')} {t('common.unexpectedError')}
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
