import { NetworkStatus } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { useId, useState } from 'react';
import { graphql } from '../__generated__';
import { useT } from '../i18n/I18nProvider';
import { AddPatientForm } from '../patients/AddPatientForm';
import { PatientTable } from '../patients/PatientTable';
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

export function PatientsRoute() {
  const t = useT();
  const searchId = useId();
  const [search, setSearch] = useState('');
  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState<string | null>(null);
  const term = useDebouncedValue(search.trim(), SEARCH_DEBOUNCE_MS);
  // `filter` is the cache key of the list (see apollo/cache.ts), so each search keeps its own pages.
  const filter = term === '' ? {} : { search: term };
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

  return (
    <section className="page" aria-labelledby="patients-title">
      <div className="page__header">
        <h1 id="patients-title">{t('patients.title')}</h1>
        {!adding && (
          <button
            type="button"
            className="button"
            onClick={() => {
              setAdded(null);
              setAdding(true);
            }}
          >
            {t('patients.add')}
          </button>
        )}
      </div>

      <div role="status" className="visually-hidden-if-empty">
        {added && <p className="notice notice--success">{t('addPatient.added', { name: added })}</p>}
      </div>

      {adding && (
        <AddPatientForm
          onDone={(name) => {
            setAdding(false);
            setAdded(name || null);
          }}
        />
      )}

      <div className="toolbar">
        <div className="field field--inline">
          <label htmlFor={searchId}>{t('patients.search')}</label>
          <input
            id={searchId}
            type="search"
            value={search}
            placeholder={t('patients.searchHint')}
            onChange={(event) => setSearch(event.target.value)}
          />
        </div>
        {connection && (
          <p className="toolbar__count" aria-live="polite">
            {connection.totalCount === 1
              ? t('patients.count.one')
              : t('patients.count', { count: connection.totalCount })}
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
          <h2>{term ? t('patients.emptySearch.title', { search: term }) : t('patients.empty.title')}</h2>
          <p>{term ? t('patients.emptySearch.body') : t('patients.empty.body')}</p>
        </div>
      ) : (
        <>
          <PatientTable patients={connection.nodes} />
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
