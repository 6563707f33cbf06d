import { useApolloClient, useQuery } from '@apollo/client/react';
import { useRef, useState } from 'react';
import { SelectField, TextField } from '../components/Field';
import { useT } from '../i18n/I18nProvider';
import { plural } from '../i18n/plural';
import { useDebouncedValue } from '../lib/useDebouncedValue';
import { mappingInput, type Draft, type DraftRow } from './draft';
import { EhrPreviewPatientsQuery, EhrPreviewQuery } from './operations';
import { PreviewRequests, type PreviewRequest } from './PreviewRequests';

export const PATIENT_SEARCH_DEBOUNCE_MS = 300;

type Outcome =
  | { status: 'loading' }
  | { status: 'done'; draft: boolean; version: number; patient: string; requests: readonly PreviewRequest[] }
  | { status: 'problems' }
  | { status: 'failed' };

/**
 * Tries the draft (or, for comparison, the published mapping) on a real patient: the requests the
 * EHR would receive, built by the server exactly as delivery builds them, and nothing sent.
 */
export function PreviewPanel({
  idPrefix,
  systemId,
  draft,
  version,
  onRefused,
  onAccepted,
}: {
  idPrefix: string;
  systemId: string;
  draft: Draft;
  version: number;
  onRefused: (error: unknown, rows: readonly DraftRow[]) => boolean;
  onAccepted: () => void;
}) {
  const t = useT();
  const client = useApolloClient();
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState('');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const latest = useRef(0);
  const term = useDebouncedValue(search.trim(), PATIENT_SEARCH_DEBOUNCE_MS);
  // `no-cache`: a page of 10 under `patients(filter)` would replace the patient list's cache entry.
  const patients = useQuery(EhrPreviewPatientsQuery, {
    variables: { search: term },
    skip: term === '',
    fetchPolicy: 'no-cache',
  });
  const found = term === '' ? undefined : patients.data?.patients.nodes;
  const patient = found?.find((p) => p.id === chosen) ?? found?.[0];

  const busy = outcome?.status === 'loading';
  const run = async (withDraft: boolean) => {
    if (!patient || busy) return;
    const rows = draft.rows;
    const request = ++latest.current;
    const variables = {
      patientId: patient.id,
      ehrSystemId: systemId,
      ...(withDraft ? { draft: mappingInput(draft) } : {}),
    };
    setOutcome({ status: 'loading' });
    let failure: unknown;
    let next: Outcome | undefined;
    try {
      // `no-cache`: the answer is patient data, and an entry per draft would only accumulate.
      const { data, error } = await client.query({ query: EhrPreviewQuery, variables, fetchPolicy: 'no-cache' });
      failure = error;
      if (!error) {
        const requests = data?.patient?.ehrPreview ?? [];
        next = {
          status: 'done',
          draft: withDraft,
          version,
          patient: `${patient.firstName} ${patient.lastName}`,
          requests,
        };
        if (withDraft) onAccepted();
      }
    } catch (error) {
      failure = error;
    }
    next ??= withDraft && onRefused(failure, rows) ? { status: 'problems' } : { status: 'failed' };
    if (request === latest.current) setOutcome(next);
  };

  return (
    <section className="card ehr-panel" aria-labelledby={`${idPrefix}-preview`}>
      <h2 id={`${idPrefix}-preview`}>{t('ehr.preview.title')}</h2>
      <p className="ehr-muted">{t('ehr.preview.intro')}</p>
      <div className="form-grid">
        <TextField
          label={t('ehr.preview.search')}
          type="search"
          hint={t('patients.searchHint')}
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
        <SelectField
          label={t('ehr.preview.patient')}
          value={patient?.id ?? ''}
          disabled={!found || found.length === 0}
          onChange={(event) => setChosen(event.target.value)}
        >
          {!found ? (
            <option value="">{patients.loading ? t('common.loading') : t('ehr.preview.searchFirst')}</option>
          ) : found.length === 0 ? (
            <option value="">{t('ehr.preview.noPatient', { search: term })}</option>
          ) : (
            found.map((p) => (
              <option key={p.id} value={p.id}>
                {t('ehr.preview.patientOption', { last: p.lastName, first: p.firstName, mrn: p.mrn })}
              </option>
            ))
          )}
        </SelectField>
      </div>
      {patients.error && (
        <p className="alert" role="alert">
          {t('ehr.preview.searchFailed')}
        </p>
      )}
      <div className="form-actions">
        {/* While a preview runs the buttons keep the focus (aria-disabled) and `run` ignores them. */}
        <button
          type="button"
          className="button"
          disabled={!patient}
          aria-disabled={busy || undefined}
          onClick={() => void run(true)}
        >
          {t('ehr.preview.run')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          disabled={!patient}
          aria-disabled={busy || undefined}
          onClick={() => void run(false)}
        >
          {t('ehr.preview.compare')}
        </button>
      </div>

      <section className="ehr-preview-output" aria-label={t('ehr.preview.output')} aria-busy={busy}>
        {/* Always there, so screen readers hear the loading and the result as they come. */}
        <div role="status" className={busy ? 'state state--loading' : undefined}>
          {busy && (
            <>
              <span className="spinner" aria-hidden="true" />
              {t('ehr.preview.loading')}
            </>
          )}
          {outcome?.status === 'done' && (
            <h3>
              {outcome.draft
                ? t('ehr.preview.resultDraft', { patient: outcome.patient })
                : t('ehr.preview.resultPublished', { patient: outcome.patient, version: outcome.version })}
              : {plural(t, 'ehr.preview.count', outcome.requests.length)}
            </h3>
          )}
        </div>
        {outcome?.status === 'done' && <PreviewRequests requests={outcome.requests} />}
        {outcome?.status === 'problems' && (
          <p className="alert" role="alert">
            {t('ehr.preview.problems')}
          </p>
        )}
        {outcome?.status === 'failed' && (
          <p className="alert" role="alert">
            {t('ehr.preview.failed')} {t('common.unexpectedError')}
          </p>
        )}
      </section>
    </section>
  );
}
