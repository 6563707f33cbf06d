import type { ReactNode } from 'react';
import { TextField } from '../components/Field';
import { useT } from '../i18n/I18nProvider';
import type { Draft, DraftRow } from './draft';
import { MappingRow, rowControlId } from './MappingRow';
import type { Endpoint } from './operations';
import { problemsOfRow, type Column, type MappingProblems } from './problems';
import { SourceOptions, type SourceCatalog } from './sources';
import { ACTIONS_COLUMN, ScrollTable } from './ui';

export const ADD_ROW = 'add-row';
/** The id suffix of the problem summary, which takes the focus when publishing is refused. */
export const PROBLEMS = 'problems';

/** Every problem the server reported, each row's with a button that takes the focus to the control. */
function ProblemSummary({
  problems,
  rows,
  idPrefix,
}: {
  problems: MappingProblems;
  rows: readonly DraftRow[];
  idPrefix: string;
}) {
  const t = useT();
  const located = problems.rows.flatMap((problem) => {
    const index = rows.findIndex((row) => row.id === problem.rowId);
    return index === -1 ? [] : [{ ...problem, number: index + 1 }];
  });
  return (
    <div id={`${idPrefix}-${PROBLEMS}`} className="alert ehr-problems" role="alert" tabIndex={-1}>
      <p>{problems.origin === 'publish' ? t('ehr.problems.publish') : t('ehr.problems.preview')}</p>
      <ul>
        {problems.general.map((problem) => (
          <li key={`${problem.field}:${problem.message}`}>
            {problem.field === 'fields' ? problem.message : `${problem.field}: ${problem.message}`}
          </li>
        ))}
        {located.map((problem) => (
          <li key={`${problem.rowId}:${problem.column}:${problem.message}`}>
            <button
              type="button"
              className="ehr-link"
              onClick={() => document.getElementById(rowControlId(idPrefix, problem.rowId, problem.column))?.focus()}
            >
              {t(`ehr.row.${problem.column}`, { row: problem.number })}
            </button>{' '}
            {problem.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The draft as an editable table, its note, and the discard and publish controls. */
export function MappingEditor({
  draft,
  version,
  dirty,
  problems,
  idPrefix,
  endpoints,
  catalog,
  publish,
  stale,
  onRowChange,
  onRemoveRow,
  onAddRow,
  onNoteChange,
  onDiscard,
}: {
  draft: Draft;
  /** The published version the page shows. */
  version: number;
  dirty: boolean;
  problems: MappingProblems | null;
  idPrefix: string;
  endpoints: readonly Endpoint[];
  catalog: SourceCatalog;
  /** The publish button and its confirmation. */
  publish: ReactNode;
  /** What to do about a newer published version than the draft's, when there is one. */
  stale: ReactNode;
  onRowChange: (rowId: string, patch: Partial<DraftRow>, column: Column) => void;
  onRemoveRow: (rowId: string) => void;
  onAddRow: () => void;
  onNoteChange: (note: string) => void;
  /** Undefined when there is nothing to discard. */
  onDiscard: (() => void) | undefined;
}) {
  const t = useT();
  const sourceOptions = <SourceOptions catalog={catalog} />;
  return (
    <section className="card ehr-panel" aria-labelledby={`${idPrefix}-editor`}>
      <div className="ehr-panel__header">
        <h2 id={`${idPrefix}-editor`}>{t('ehr.editor.title')}</h2>
        <p role="status" className={dirty ? 'badge ehr-badge--dirty' : 'ehr-muted'}>
          {dirty ? t('ehr.editor.dirty') : t('ehr.editor.clean', { version })}
        </p>
      </div>
      {stale}
      {problems && <ProblemSummary problems={problems} rows={draft.rows} idPrefix={idPrefix} />}
      <p id={`${idPrefix}-codes-hint`} className="visually-hidden">
        {t('ehr.row.codesHint')}
      </p>

      {draft.rows.length === 0 ? (
        <div className="state state--empty">
          <h3>{t('ehr.editor.empty.title')}</h3>
          <p>{t('ehr.editor.empty.body')}</p>
        </div>
      ) : (
        <ScrollTable
          caption={t('ehr.editor.caption')}
          className="ehr-table"
          columns={[
            t('ehr.col.row'),
            t('ehr.col.source'),
            t('ehr.col.endpoint'),
            t('ehr.col.target'),
            t('ehr.col.transform'),
            ACTIONS_COLUMN,
          ]}
        >
          {draft.rows.map((row, index) => (
            <MappingRow
              key={row.id}
              row={row}
              number={index + 1}
              idPrefix={idPrefix}
              endpoints={endpoints}
              sourceOptions={sourceOptions}
              knownSources={catalog.known}
              problems={problemsOfRow(problems, row.id)}
              onChange={(patch, column) => onRowChange(row.id, patch, column)}
              onRemove={() => onRemoveRow(row.id)}
            />
          ))}
        </ScrollTable>
      )}

      <div className="ehr-actions">
        <button type="button" id={`${idPrefix}-${ADD_ROW}`} className="button button--secondary" onClick={onAddRow}>
          {t('ehr.editor.addRow')}
        </button>
      </div>
      <div className="ehr-publish">
        <TextField
          label={`${t('ehr.editor.note')} (${t('common.optional')})`}
          hint={t('ehr.editor.noteHint')}
          value={draft.note}
          maxLength={500}
          onChange={(event) => onNoteChange(event.target.value)}
        />
        <div className="form-actions">
          <button type="button" className="button button--secondary" disabled={!onDiscard} onClick={onDiscard}>
            {t('ehr.editor.discard')}
          </button>
          {publish}
        </div>
      </div>
    </section>
  );
}
