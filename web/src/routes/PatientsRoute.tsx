import { NetworkStatus } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { useEffect, useId, useRef, useState } from 'react';
import { graphql } from '../__generated__';
import type { PatientFilter, PatientTable_PatientFragment } from '../__generated__/graphql';
import { useT } from '../i18n/I18nProvider';
import { AddPatientForm } from '../patients/AddPatientForm';
import { BulkAddPatients, countMessage } from '../patients/BulkAddPatients';
import { DeletePatientDialog } from '../patients/DeletePatientDialog';
import { EditPatientForm } from '../patients/EditPatientForm';
import { PatientFilters } from '../patients/PatientFilters';
import { PatientTable } from '../patients/PatientTable';
import '../patients/patients.css';
import { useDebouncedValue } from '../patients/useDebouncedValue';

export const PAGE_SIZE = 25;
export const SEARCH_DEBOUNCE_MS = 300;

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

export function PatientsRoute() {
  const t = useT();
  const searchId = useId();
  const titleRef = useRef<HTMLHeadingElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  const bulkRef = useRef<HTMLButtonElement>(null);
  const [search, setSearch] = useState('');
  const [physicianId, setPhysicianId] = useState('');
  const [organizationId, setOrganizationId] = useState('');
  const [panel, setPanel] = useState<Panel | null>(null);
  const [deleting, setDeleting] = useState<PatientTable_PatientFragment | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

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
    focusBack.current = returnTo;
    setPanel(next);
  };
  const finish = (message: string | null) => {
    if (message) setNotice(message);
    setFocusRequest((n) => n + 1);
  };
  const closePanel = (message: string | null) => {
    setPanel(null);
    finish(message);
  };
  const closeDialog = (message: string | null) => {
    // A patient deleted while its edit form is open: the form has nothing left to edit.
    if (message && panel?.kind === 'edit' && panel.patientId === deleting?.id) setPanel(null);
    setDeleting(null);
    finish(message);
  };

  // Typing waits for a pause; emptying the search applies at once.
  const debounced = useDebouncedValue(search.trim(), SEARCH_DEBOUNCE_MS);
  const term = search.trim() === '' ? '' : debounced;
  // `filter` is the cache key of the list (see apollo/cache.ts), so each filter keeps its own pages.
  const filter: PatientFilter = {
    ...(term === '' ? {} : { search: term }),
    ...(organizationId === '' ? {} : { organizationId }),
    ...(physicianId === '' ? {} : { primaryCarePhysicianId: physicianId }),
  };
  const narrowed = organizationId !== '' || physicianId !== '';
  const { data, error, networkStatus, fetchMore, refetch } = useQuery(PatientsQuery, {
    variables: { first: PAGE_SIZE, filter },
    notifyOnNetworkStatusChange: true,
  });
  const connection = data?.patients;
  const loadingMore = networkStatus === NetworkStatus.fetchMore;

  const loadMore = () => {
    if (!connection?.pageInfo.endCursor) return;
    void fetchMore({ variables: { after: connection.pageInfo.endCursor } });
  };

  const clearFilters = () => {
    setSearch('');
    setPhysicianId('');
    setOrganizationId('');
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
              onClick={() => open({ kind: 'add' }, () => addRef.current)}
            >
              {t('patients.add')}
            </button>
            <button
              ref={bulkRef}
              type="button"
              className="button button--secondary"
              onClick={() => open({ kind: 'bulk' }, () => bulkRef.current)}
            >
              {t('patients.addSeveral')}
            </button>
          </div>
        )}
      </div>

      <div role="status" className="visually-hidden-if-empty">
        {notice && <p className="notice notice--success">{notice}</p>}
      </div>

      {panel?.kind === 'add' && (
        <AddPatientForm onDone={(name) => closePanel(name && t('addPatient.added', { name }))} />
      )}
      {panel?.kind === 'bulk' && (
        <BulkAddPatients
          onDone={(count) =>
            closePanel(count === null ? null : countMessage(t, count, 'bulkAdd.added.one', 'bulkAdd.added'))
          }
        />
      )}
      {panel?.kind === 'edit' && (
        <EditPatientForm
          key={panel.patientId}
          patientId={panel.patientId}
          onDone={(name) => closePanel(name && t('editPatient.saved', { name }))}
        />
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
            onOrganizationChange={setOrganizationId}
            physicianId={physicianId}
            onPhysicianChange={setPhysicianId}
          />
        </div>
        {connection && (
          <p className="toolbar__count" aria-live="polite">
            {countMessage(t, connection.totalCount, 'patients.count.one', 'patients.count')}
          </p>
        )}
      </div>

      {error && !connection ? (
        <div className="state state--error" role="alert">
          <h2>{t('patients.error.title')}</h2>
          <p>{t('common.unexpectedError')}</p>
          <button type="button" className="button" onClick={() => void refetch()}>
            {t('common.retry')}
          </button>
        </div>
      ) : !connection ? (
        <div className="state state--loading" role="status" aria-busy="true">
          <span className="spinner" aria-hidden="true" />
          {t('common.loading')}
        </div>
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
        <>
          <PatientTable
            patients={connection.nodes}
            onEdit={(patient, button) => open({ kind: 'edit', patientId: patient.id }, () => button)}
            onDelete={(patient, button) => {
              setNotice(null);
              focusBack.current = () => button;
              setDeleting(patient);
            }}
          />
          {connection.pageInfo.hasNextPage && (
            <div className="load-more">
              <button type="button" className="button button--secondary" disabled={loadingMore} onClick={loadMore}>
                {loadingMore ? t('patients.loadingMore') : t('patients.loadMore')}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
