import { NetworkStatus } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { graphql } from '../__generated__';
import type { PatientFilter, PatientTable_PatientFragment } from '../__generated__/graphql';
import { ErrorState, LoadingState } from '../components/States';
import { useT } from '../i18n/I18nProvider';
import { plural } from '../i18n/plural';
import { AddPatientForm } from './AddPatientForm';
import { BulkAddPatients } from './BulkAddPatients';
import { ConfirmDialog } from './ConfirmDialog';
import { DeletePatientDialog } from './DeletePatientDialog';
import { EditPatientForm } from './EditPatientForm';
import { PatientFilters } from './PatientFilters';
import { PatientTable } from './PatientTable';
import './patients.css';
import { LoadMore } from '../components/LoadMore';
import { useListParams } from './useListParams';
import { useListSearch } from './useListSearch';

export const PAGE_SIZE = 25;
export { SEARCH_DEBOUNCE_MS } from './useListSearch';

export const PatientsQuery = graphql(`
  query PatientsQuery($first: Int!, $after: String, $filter: PatientFilter!) {
    patients(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...PatientTable_patient
      }
    }
  }
`);

/** The open panel above the list: one form at a time. */
type Panel = { kind: 'add' } | { kind: 'bulk' } | { kind: 'edit'; patientId: string };

const samePanel = (a: Panel, b: Panel) =>
  a.kind === b.kind && (a.kind !== 'edit' || b.kind !== 'edit' || a.patientId === b.patientId);

/** What a patient's page tells the list it returns to (router state): the patient it deleted. */
export interface PatientsLocationState {
  deleted?: string;
}

/** A patient just added: named in the notice (with a link to their page), their row highlighted. */
interface Added {
  id: string;
  name: string;
}

/** A panel asked for while the open one has unsaved changes: opened only if the user discards them. */
interface PendingPanel {
  panel: Panel;
  returnTo: () => HTMLElement | null;
  /** The button that asked, which gets the focus back if the user keeps editing. */
  invoker: HTMLElement;
}

export function PatientsRoute() {
  const t = useT();
  const searchId = useId();
  const titleRef = useRef<HTMLHeadingElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  const bulkRef = useRef<HTMLButtonElement>(null);
  // The search, filters and loaded pages are in the address (see useListParams); the search box
  // has its own state so typing is not slowed, and reaches the address once typing pauses, or
  // when a link is followed first (useListSearch).
  const [list, setList] = useListParams();
  const { physicianId, organizationId } = list;
  const { search, setSearch, term, back } = useListSearch(list, setList);
  const location = useLocation();
  const deletedName = (location.state as PatientsLocationState | null)?.deleted;
  const [panel, setPanel] = useState<Panel | null>(null);
  // Whether the open panel has unsaved changes (it says so through `onDirtyChange`).
  const [dirty, setDirty] = useState(false);
  const [pending, setPending] = useState<PendingPanel | null>(null);
  const [deleting, setDeleting] = useState<PatientTable_PatientFragment | null>(null);
  const [notice, setNotice] = useState<ReactNode>(
    () => deletedName && t('deletePatient.deleted', { name: deletedName }),
  );
  const [added, setAdded] = useState<Added | null>(null);
  // Said once: a reload of this entry, or Back to it, does not say the deletion again.
  const navigate = useNavigate();
  useEffect(() => {
    if (deletedName) void navigate({ search: location.search }, { replace: true, state: null });
  }, [deletedName, location.search, navigate]);

  // Where the focus goes back to when a panel or the dialog closes: the control that opened it
  // (found again after it re-renders), else the page title.
  const focusBack = useRef<() => HTMLElement | null>(() => null);
  const [focusRequest, setFocusRequest] = useState(0);
  useEffect(() => {
    if (focusRequest === 0) return;
    const target = focusBack.current();
    (target?.isConnected ? target : titleRef.current)?.focus();
  }, [focusRequest]);

  const open = (next: Panel, returnTo: () => HTMLElement | null) => {
    setNotice(null);
    setAdded(null);
    focusBack.current = returnTo;
    setDirty(false);
    setPanel(next);
  };
  // Opening another panel would throw away what was typed in this one: ask first.
  const requestOpen = (next: Panel, returnTo: () => HTMLElement | null, invoker: HTMLElement) => {
    if (panel && samePanel(panel, next)) return;
    if (panel && dirty) setPending({ panel: next, returnTo, invoker });
    else open(next, returnTo);
  };
  const keepEditing = () => {
    pending?.invoker.focus();
    setPending(null);
  };
  const discard = () => {
    if (!pending) return;
    setPending(null);
    open(pending.panel, pending.returnTo);
  };
  const finish = (message: ReactNode) => {
    if (message) setNotice(message);
    setFocusRequest((n) => n + 1);
  };
  const closePanel = (message: ReactNode) => {
    setPanel(null);
    setDirty(false);
    finish(message);
  };
  const closeDialog = (message: string | null) => {
    // A patient deleted while its edit form is open: the form has nothing left to edit.
    if (message && panel?.kind === 'edit' && panel.patientId === deleting?.id) {
      setPanel(null);
      setDirty(false);
    }
    setDeleting(null);
    finish(message);
  };

  // `filter` is the cache key of the list (see apollo/cache.ts), so each filter keeps its own pages.
  const filter: PatientFilter = {
    ...(term === '' ? {} : { search: term }),
    ...(organizationId === '' ? {} : { organizationId }),
    ...(physicianId === '' ? {} : { primaryCarePhysicianId: physicianId }),
  };
  const narrowed = organizationId !== '' || physicianId !== '';
  // The cached list shows at once and is refreshed from the server (the delivery statuses move on
  // their own); later cache updates do not refetch. A refresh brings back the first page only: the
  // pages loaded with "Load more" are replaced by it (see apollo/cache.ts).
  // The list the page opened on (from the address) comes back with as many pages as were loaded,
  // in one request; any other list starts with one page. "Load more" asks for one page at a time.
  const filterKey = JSON.stringify(filter);
  const [opened] = useState({ filterKey, pages: list.pages });
  const first = PAGE_SIZE * (filterKey === opened.filterKey ? opened.pages : 1);
  const { data, previousData, error, networkStatus, fetchMore, refetch } = useQuery(PatientsQuery, {
    variables: { first, filter },
    fetchPolicy: 'cache-and-network',
    nextFetchPolicy: 'cache-first',
    notifyOnNetworkStatusChange: true,
  });
  // While the same list reloads because part of it left the cache (a saved patient's deliveries, a
  // new patient), it stays on screen rather than a spinner; another filter's list never stands in.
  const connection = (data ?? (networkStatus === NetworkStatus.loading ? previousData : undefined))?.patients;
  const loadingMore = networkStatus === NetworkStatus.fetchMore;

  // "Load more" keeps the focus while busy (aria-disabled); once the page is in, the focus moves to
  // its first patient and a polite message says how many came.
  const listRef = useRef<HTMLDivElement>(null);
  const focusRowAfterLoad = useRef<number | null>(null);
  // Set at once on a press, before the network status re-renders the button as busy.
  const loadMoreBusy = useRef(false);
  const [loadedMessage, setLoadedMessage] = useState('');
  const [loadMoreFailed, setLoadMoreFailed] = useState(false);
  const shownRows = connection?.nodes.length ?? 0;
  useEffect(() => {
    const index = focusRowAfterLoad.current;
    if (index === null) return;
    const link = listRef.current?.querySelectorAll<HTMLElement>('tbody th a')[index];
    if (!link) return;
    focusRowAfterLoad.current = null;
    link.focus();
  }, [shownRows]);

  const loadMore = async () => {
    if (loadingMore || loadMoreBusy.current || !connection?.pageInfo.endCursor) return;
    loadMoreBusy.current = true;
    setLoadedMessage('');
    setLoadMoreFailed(false);
    focusRowAfterLoad.current = connection.nodes.length;
    try {
      const result = await fetchMore({ variables: { first: PAGE_SIZE, after: connection.pageInfo.endCursor } });
      const count = result.data?.patients.nodes.length ?? 0;
      setList({ pages: Math.ceil((connection.nodes.length + count) / PAGE_SIZE) });
      if (count === 0) focusRowAfterLoad.current = null;
      setLoadedMessage(plural(t, 'patients.loadedMore', count));
    } catch {
      focusRowAfterLoad.current = null;
      setLoadMoreFailed(true);
    } finally {
      loadMoreBusy.current = false;
    }
  };

  const clearFilters = () => {
    setSearch('');
    setList({ search: '', physicianId: '', organizationId: '' });
    searchRef.current?.focus();
  };

  return (
    <section className="page" aria-labelledby="patients-title">
      <div className="page__header">
        <h1 id="patients-title" ref={titleRef} tabIndex={-1}>
          {t('patients.title')}
        </h1>
        {!panel && (
          <div className="page__actions">
            <button
              ref={addRef}
              type="button"
              className="button"
              onClick={(event) => requestOpen({ kind: 'add' }, () => addRef.current, event.currentTarget)}
            >
              {t('patients.add')}
            </button>
            <button
              ref={bulkRef}
              type="button"
              className="button button--secondary"
              onClick={(event) => requestOpen({ kind: 'bulk' }, () => bulkRef.current, event.currentTarget)}
            >
              {t('patients.addSeveral')}
            </button>
          </div>
        )}
      </div>

      <div role="status">{notice && <p className="notice notice--success">{notice}</p>}</div>

      {panel?.kind === 'add' && (
        <AddPatientForm
          onDone={(created) => {
            setAdded(created);
            closePanel(
              created && (
                <>
                  {t('addPatient.added', { name: created.name })}{' '}
                  <Link to={`/patients/${encodeURIComponent(created.id)}`}>{t('patients.added.open')}</Link>
                </>
              ),
            );
          }}
          onDirtyChange={setDirty}
        />
      )}
      {panel?.kind === 'bulk' && (
        <BulkAddPatients
          onDirtyChange={setDirty}
          onDone={(count) => closePanel(count === null ? null : plural(t, 'bulkAdd.added', count))}
        />
      )}
      {panel?.kind === 'edit' && (
        <EditPatientForm
          key={panel.patientId}
          patientId={panel.patientId}
          onDone={(name) => closePanel(name && t('editPatient.saved', { name }))}
          onDirtyChange={setDirty}
        />
      )}
      {pending && (
        <ConfirmDialog
          title={t('patients.discard.title')}
          confirmLabel={t('patients.discard.confirm')}
          cancelLabel={t('patients.discard.keep')}
          busyLabel={t('patients.discard.confirm')}
          busy={false}
          onConfirm={discard}
          onCancel={keepEditing}
        >
          <p>{t('patients.discard.body')}</p>
        </ConfirmDialog>
      )}
      {deleting && (
        <DeletePatientDialog
          patient={deleting}
          onDone={(name) => closeDialog(name && t('deletePatient.deleted', { name }))}
        />
      )}

      <div className="toolbar">
        <div className="toolbar__filters" role="search" aria-label={t('patients.filters')}>
          <div className="field field--inline">
            <label htmlFor={searchId}>{t('patients.search')}</label>
            <input
              ref={searchRef}
              id={searchId}
              type="search"
              value={search}
              placeholder={t('patients.searchHint')}
              onChange={(event) => setSearch(event.target.value)}
            />
          </div>
          <PatientFilters
            organizationId={organizationId}
            onOrganizationChange={(id) => setList({ organizationId: id })}
            physicianId={physicianId}
            onPhysicianChange={(id) => setList({ physicianId: id })}
          />
        </div>
        {connection && (
          <p className="toolbar__count" aria-live="polite">
            {plural(t, 'patients.count', connection.totalCount)}
          </p>
        )}
      </div>

      {error && !connection ? (
        <ErrorState
          title={t('patients.error.title')}
          message={t('common.unexpectedError')}
          onRetry={() => void refetch()}
        />
      ) : !connection ? (
        <LoadingState />
      ) : connection.nodes.length === 0 ? (
        <div className="state state--empty">
          {narrowed || term ? (
            <>
              <h2>{narrowed ? t('patients.emptyFilters.title') : t('patients.emptySearch.title', { search: term })}</h2>
              <p>{narrowed ? t('patients.emptyFilters.body') : t('patients.emptySearch.body')}</p>
              <button type="button" className="button button--secondary" onClick={clearFilters}>
                {t('patients.clearFilters')}
              </button>
            </>
          ) : (
            <>
              <h2>{t('patients.empty.title')}</h2>
              <p>{t('patients.empty.body')}</p>
            </>
          )}
        </div>
      ) : (
        <div ref={listRef}>
          <PatientTable
            patients={connection.nodes}
            back={back}
            highlightId={added?.id}
            onEdit={(patient, button) => requestOpen({ kind: 'edit', patientId: patient.id }, () => button, button)}
            onDelete={(patient, button) => {
              setNotice(null);
              setAdded(null);
              focusBack.current = () => button;
              setDeleting(patient);
            }}
          />
          <LoadMore
            hasNextPage={connection.pageInfo.hasNextPage}
            loading={loadingMore}
            label={t('patients.loadMore')}
            loadingLabel={t('patients.loadingMore')}
            onLoadMore={() => void loadMore()}
            error={loadMoreFailed ? t('patients.loadMoreError') : null}
          />
        </div>
      )}
      <p role="status" className="visually-hidden">
        {loadedMessage}
      </p>
    </section>
  );
}
