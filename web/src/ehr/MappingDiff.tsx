import { useQuery } from '@apollo/client/react';
import type { EhrFieldMappingFieldsFragment } from '../__generated__/graphql';
import { useT } from '../i18n/I18nProvider';
import { EhrMappingDiffQuery } from './operations';
import { ErrorState, LoadingState } from '../components/States';
import { sourceLabel } from './sources';
import { ScrollTable } from './ui';

/** The diff names canonical fields in words; a question keeps its `question:<linkId>` (its text is not loaded here). */
const NO_QUESTIONNAIRES = { questionnaires: undefined };

/** One side of a change: endpoint, target and transform, as text. */
function Entry({ entry }: { entry: EhrFieldMappingFieldsFragment | null | undefined }) {
  const t = useT();
  if (!entry) return <span className="ehr-muted">{t('ehr.diff.none')}</span>;
  const transform = entry.transform;
  return (
    <span className="mono">
      {entry.endpoint} → {entry.target}
      {transform?.kind === 'DATE_FORMAT' && ` (${t('ehr.transform.DATE_FORMAT')}: ${transform.dateFormat ?? ''})`}
      {transform?.kind === 'CODE_TABLE' &&
        ` (${t('ehr.transform.CODE_TABLE')}: ${(transform.codes ?? []).map((c) => `${c.from}=${c.to}`).join(', ')})`}
    </span>
  );
}

/** What changed from one version to another, each change named in words as well as marked in colour. */
export function MappingDiff({ systemId, from, to }: { systemId: string; from: number; to: number }) {
  const t = useT();
  const { data, error, refetch } = useQuery(EhrMappingDiffQuery, { variables: { id: systemId, from, to } });
  const changes = data?.ehrSystem?.mappingDiff;
  const title = t('ehr.diff.title', { from, to });

  if (error && !changes) {
    return <ErrorState message={t('ehr.diff.error', { from, to })} onRetry={() => void refetch()} />;
  }
  if (!changes) return <LoadingState />;
  if (changes.length === 0) {
    return (
      <div className="state state--empty" role="status">
        <p>{t('ehr.diff.empty', { from, to })}</p>
      </div>
    );
  }
  return (
    <ScrollTable
      caption={title}
      showCaption
      className="ehr-diff"
      columns={[
        t('ehr.diff.kind'),
        t('ehr.col.source'),
        t('ehr.diff.before', { version: from }),
        t('ehr.diff.after', { version: to }),
      ]}
    >
      {changes.map((change, index) => (
        <tr key={`${change.source}:${index}`}>
          <td>
            <span className={`badge ehr-badge--${change.kind.toLowerCase()}`}>{t(`ehr.diff.${change.kind}`)}</span>
          </td>
          <th scope="row">
            {sourceLabel(t, NO_QUESTIONNAIRES, change.source)}
            {sourceLabel(t, NO_QUESTIONNAIRES, change.source) !== change.source && (
              <code className="ehr-diff__source">{change.source}</code>
            )}
          </th>
          <td>
            <Entry entry={change.before} />
          </td>
          <td>
            <Entry entry={change.after} />
          </td>
        </tr>
      ))}
    </ScrollTable>
  );
}
