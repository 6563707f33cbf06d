import { useQuery } from '@apollo/client/react';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { problemsOf } from '../lib/graphqlErrors';
import { CoveragePanel } from './CoveragePanel';
import {
  countChanges,
  draftFromMapping,
  emptyRow,
  rowCodeProblems,
  suggestEndpoint,
  type Draft,
  type DraftRow,
} from './draft';
import { LeaveGuard } from './LeaveGuard';
import { ADD_ROW, MappingEditor, PROBLEMS } from './MappingEditor';
import { codeTableId, rowControlId } from './MappingRow';
import { EhrQuestionnairesQuery, EhrSystemMappingQuery, type CanonicalField } from './operations';
import { PreviewPanel } from './PreviewPanel';
import { tieToRows, type Column, type MappingProblems } from './problems';
import { PublishControls } from './PublishControls';
import { sourceCatalog } from './sources';
import { StaleDraft } from './StaleDraft';
import { ErrorState, LoadingState } from '../components/States';
import { VersionsPanel } from './VersionsPanel';

/** Moves the focus to an element by id once the render that creates it is on screen. */
function useFocusAfterRender(): (id: string) => void {
  const pending = useRef<string | null>(null);
  useEffect(() => {
    if (pending.current === null) return;
    document.getElementById(pending.current)?.focus();
    pending.current = null;
  });
  return (id) => {
    pending.current = id;
  };
}

/** The id suffix of the alert about a newer published version than the draft's. */
const STALE = 'stale';

/**
 * One EHR system's mapping tool. The draft is kept by the route (`draft`, undefined until the first
 * edit) in the browser's storage, so switching systems, leaving the page or reloading it keeps it;
 * without one the editor shows the published mapping. With unpublished changes, leaving the tool
 * asks first (LeaveGuard).
 *
 * The mapping is shown from the cache at once and refreshed from the server each time the tool
 * opens, so a version another administrator published since shows up; a draft started from an
 * older version then says so, and publishing it is refused (VERSION_CONFLICT) rather than
 * replacing their version unseen.
 */
export function MappingWorkspace({
  systemId,
  canonicalFields,
  draft: stored,
  onDraftChange,
}: {
  systemId: string;
  canonicalFields: readonly CanonicalField[];
  draft: Draft | undefined;
  onDraftChange: (draft: Draft | undefined) => void;
}) {
  const { t, language } = useI18n();
  const idPrefix = useId();
  const [problems, setProblems] = useState<MappingProblems | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const focusLater = useFocusAfterRender();
  // The version the server said is current when it refused a publication or a rollback: it may be
  // ahead of `system` until the refetch lands.
  const [conflict, setConflict] = useState<number | null>(null);
  // Set when a publication was refused as stale: the alert takes the focus once it is on screen.
  const focusStale = useRef(false);
  const { data, error, refetch } = useQuery(EhrSystemMappingQuery, {
    variables: { id: systemId },
    fetchPolicy: 'cache-and-network',
    nextFetchPolicy: 'cache-first',
  });
  const questions = useQuery(EhrQuestionnairesQuery, {
    variables: { ehrSystemId: systemId, lang: language === 'es' ? 'ES' : 'EN' },
    fetchPolicy: 'cache-and-network',
    nextFetchPolicy: 'cache-first',
  });
  const system = data?.ehrSystem;
  const unpublished =
    stored !== undefined && (!system || countChanges(draftFromMapping(system.mapping).rows, stored.rows).total > 0);
  // Every render has the guard first, so it keeps its state from loading to the tool.
  const guarded = (content: ReactNode) => (
    <>
      <LeaveGuard active={unpublished} />
      {content}
    </>
  );

  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  useEffect(() => {
    if (!focusStale.current) return;
    const alert = document.getElementById(`${idPrefix}-${STALE}`);
    if (!alert) return;
    focusStale.current = false;
    alert.focus();
  });

  if (error && !system) {
    return guarded(
      <ErrorState title={t('ehr.system.error')} message={t('common.unexpectedError')} onRetry={() => void refetch()} />,
    );
  }
  if (!system) return guarded(<LoadingState />);

  const published = draftFromMapping(system.mapping);
  const draft = stored ?? published;
  const latest = Math.max(system.mapping.version, conflict ?? 0);
  const stale = stored !== undefined && stored.baseVersion < latest;
  const changes = countChanges(published.rows, draft.rows);
  const dirty = changes.total > 0;
  const catalog = sourceCatalog(canonicalFields, questions.data?.questionnaires);
  const setRows = (rows: DraftRow[]) => onDraftChange({ ...draft, rows });

  const addRow = (source = '') => {
    const row = { ...emptyRow(source), endpoint: suggestEndpoint(catalog.categoryOf.get(source), system.endpoints) };
    setRows([...draft.rows, row]);
    focusLater(rowControlId(idPrefix, row.id, 'source'));
  };
  const changeRow = (rowId: string, patch: Partial<DraftRow>, column: Column) => {
    setRows(
      draft.rows.map((row) => {
        if (row.id !== rowId) return row;
        const next = { ...row, ...patch };
        // A newly chosen source suggests its endpoint, unless the row already has one.
        if (column === 'source' && row.endpoint === '') {
          next.endpoint = suggestEndpoint(catalog.categoryOf.get(next.source), system.endpoints);
        }
        return next;
      }),
    );
    // The user is fixing it: the server's word on that control no longer applies.
    setProblems((p) => p && { ...p, rows: p.rows.filter((x) => !(x.rowId === rowId && x.column === column)) });
  };
  const removeRow = (rowId: string) => {
    const index = draft.rows.findIndex((row) => row.id === rowId);
    const neighbour = draft.rows[index + 1] ?? draft.rows[index - 1];
    setRows(draft.rows.filter((row) => row.id !== rowId));
    setProblems((p) => p && { ...p, rows: p.rows.filter((x) => x.rowId !== rowId) });
    focusLater(neighbour ? rowControlId(idPrefix, neighbour.id, 'remove') : `${idPrefix}-${ADD_ROW}`);
  };
  const discard = () => {
    onDraftChange(undefined);
    setProblems(null);
    setConflict(null);
  };
  const refused = (origin: MappingProblems['origin']) => (err: unknown, rows: readonly DraftRow[]) => {
    const list = problemsOf(err);
    if (list.length > 0) {
      setProblems(tieToRows(list, rows, origin));
      // The confirmation that had the focus is gone; the preview's buttons are still there.
      if (origin === 'publish') focusLater(`${idPrefix}-${PROBLEMS}`);
    }
    return list.length > 0;
  };
  const changed = (message: string) => {
    discard();
    setNotice(message);
  };
  /** Someone published since this page read the mapping: show their version, keep the draft. */
  const outdated = (current: number | null) => {
    if (current !== null) setConflict(current);
    void refetch().catch(() => undefined);
    void questions.refetch().catch(() => undefined);
  };
  const startAgain = () => {
    if (system.mapping.version < latest) void refetch().catch(() => undefined);
    discard();
    setNotice(t('ehr.conflict.restarted', { version: latest }));
  };
  const keepDraft = () => {
    onDraftChange({ ...draft, baseVersion: latest });
    setConflict(null);
    setNotice(t('ehr.conflict.kept', { version: latest }));
  };

  return guarded(
    <div className="ehr-workspace">
      <div role="status">
        {notice && (
          <p ref={noticeRef} tabIndex={-1} className="notice notice--success">
            {notice}
          </p>
        )}
      </div>
      <MappingEditor
        draft={draft}
        version={system.mapping.version}
        dirty={dirty}
        problems={problems}
        idPrefix={idPrefix}
        endpoints={system.endpoints}
        catalog={catalog}
        onRowChange={changeRow}
        onRemoveRow={removeRow}
        onAddRow={() => addRow()}
        onNoteChange={(note) => onDraftChange({ ...draft, note })}
        onDiscard={stored ? discard : undefined}
        stale={
          stale && (
            <StaleDraft
              id={`${idPrefix}-${STALE}`}
              systemId={systemId}
              base={draft.baseVersion}
              current={latest}
              onStartAgain={startAgain}
              onKeep={keepDraft}
            />
          )
        }
        publish={
          <PublishControls
            systemId={systemId}
            draft={draft}
            changes={changes}
            nextVersion={(system.mappingHistory[0]?.version ?? system.mapping.version) + 1}
            onPublished={(version) => changed(t('ehr.publish.done', { version }))}
            onRefused={refused('publish')}
            onConflict={(current) => {
              focusStale.current = true;
              outdated(current);
            }}
            blocked={() => {
              const invalid = draft.rows.find((row) => rowCodeProblems(row).length > 0);
              if (!invalid) return null;
              document.getElementById(codeTableId(idPrefix, invalid.id))?.focus();
              return t('ehr.codes.blocked', { row: draft.rows.indexOf(invalid) + 1 });
            }}
          />
        }
      />
      <div className="ehr-columns">
        <CoveragePanel
          idPrefix={idPrefix}
          catalog={catalog}
          questionsState={{ failed: !!questions.error && !questions.data, retry: () => void questions.refetch() }}
          dirty={dirty}
          rows={draft.rows}
          version={system.mapping.version}
          unmappedFields={system.unmappedFields}
          onMap={addRow}
        />
        <PreviewPanel
          idPrefix={idPrefix}
          systemId={systemId}
          draft={draft}
          version={system.mapping.version}
          onRefused={refused('preview')}
          onAccepted={() => setProblems((p) => (p?.origin === 'preview' ? null : p))}
        />
      </div>
      <VersionsPanel
        idPrefix={idPrefix}
        systemId={systemId}
        history={system.mappingHistory}
        current={latest}
        dirty={dirty}
        onRolledBack={(version, restoredFrom) => changed(t('ehr.versions.rolledBack', { version, restoredFrom }))}
        onConflict={outdated}
      />
    </div>,
  );
}
