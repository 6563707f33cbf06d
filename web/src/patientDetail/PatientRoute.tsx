import { useQuery } from '@apollo/client/react';
import { useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { graphql } from '../__generated__';
import { useAuth } from '../auth/AuthProvider';
import { useT } from '../i18n/I18nProvider';
import { graphQLErrors, hasErrorCode } from '../lib/graphqlErrors';
import { ClinicalHistorySection, ResponsesSection } from './ClinicalSections';
import { Demographics } from './Demographics';
import { EhrPreviewSection } from './EhrPreviewSection';
import { EhrTransactionsSection } from './EhrTransactionsSection';
import { IntakeLinkPanel } from './IntakeLinkPanel';
import { PatientBanner } from './PatientBanner';
import { DeletePatientDialog } from '../patients/DeletePatientDialog';
import { EditPatientForm } from '../patients/EditPatientForm';
import type { PatientsLocationState } from '../patients/PatientsRoute';
import type { ListLocationState } from '../patients/useListParams';
import './patientDetail.css';

/**
 * Everything on the page in one request. Each subgraph's fields are nullable on Patient, so with
 * `errorPolicy: 'all'` a subgraph that is down leaves its section null (and an error at its path)
 * while the rest renders. Texts are fetched in both languages (aliases) so the language switch
 * needs no new request. The organization's name is a root field: `Patient.organization` is
 * non-null, so asking its name there would null the whole patient when the ehr subgraph is down.
 */
export const PatientDetailQuery = graphql(`
  query PatientDetailQuery($id: ID!, $organizationId: ID!) {
    organization(id: $organizationId) {
      id
      name
    }
    patient(id: $id) {
      id
      mrn
      firstName
      lastName
      gender
      dateOfBirth
      phone
      email
      address {
        line1
        line2
        city
        state
        postalCode
        country
      }
      emergencyContact {
        name
        relationship
        phone
      }
      insurance {
        provider
        policyNumber
      }
      preferredLanguage
      primaryCarePhysician {
        id
        displayName
        specialty
      }
      organization {
        id
      }
      ehrSystem {
        id
        name
      }
      createdAt
      updatedAt
      historyEn: clinicalHistory(lang: EN) {
        ...PatientDetailHistory_history
      }
      historyEs: clinicalHistory(lang: ES) {
        ...PatientDetailHistory_history
      }
      questionnaireResponses {
        ...PatientDetailResponses_response
      }
      ehrPreview {
        endpoint
        method
        payload
      }
      ehrTransactions {
        ...PatientDetailTransactions_transaction
      }
    }
  }
`);

export function PatientRoute() {
  const t = useT();
  const { id = '' } = useParams();
  const { state } = useAuth();
  const organizationId = state.status === 'signedIn' ? state.user.organizationId : '';
  const { data, error, loading, refetch } = useQuery(PatientDetailQuery, {
    variables: { id, organizationId },
    // Shown from the cache at once, then refreshed: the preview follows the current mapping and the
    // transactions move on, so a page seen earlier in this session must not stay as it was.
    fetchPolicy: 'cache-and-network',
    errorPolicy: 'all',
    notifyOnNetworkStatusChange: true,
  });
  const patient = data?.patient;
  const navigate = useNavigate();
  // Back to the list as it was left (its search and filters), when the page was opened from it.
  const list = { pathname: '/', search: (useLocation().state as ListLocationState | null)?.list ?? '' };
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const editButton = useRef<HTMLButtonElement | null>(null);
  const deleteButton = useRef<HTMLButtonElement | null>(null);

  const back = (
    <p className="patient-detail__back">
      <Link to={list}>
        <span aria-hidden="true">← </span>
        {t('patientDetail.back')}
      </Link>
    </p>
  );

  if (!patient) {
    let body;
    if (loading) {
      body = (
        <div className="state state--loading" role="status" aria-busy="true">
          <span className="spinner" aria-hidden="true" />
          {t('patientDetail.loading')}
        </div>
      );
    } else if (hasErrorCode(error, 'FORBIDDEN', ['patient'])) {
      body = (
        <div className="state state--error" role="alert">
          <h1>{t('patientDetail.forbidden.title')}</h1>
          <p>{t('patientDetail.forbidden.body')}</p>
        </div>
      );
    } else if (error && (!data || graphQLErrors(error, ['patient']).length > 0)) {
      body = (
        <div className="state state--error" role="alert">
          <h1>{t('patientDetail.error.title')}</h1>
          <p>{t('common.unexpectedError')}</p>
          <button type="button" className="button" onClick={() => void refetch()}>
            {t('common.retry')}
          </button>
        </div>
      );
    } else {
      body = (
        <div className="state state--empty">
          <h1>{t('patientDetail.notFound.title')}</h1>
          <p>{t('patientDetail.notFound.body')}</p>
        </div>
      );
    }
    return (
      <section className="page patient-detail">
        {back}
        {body}
      </section>
    );
  }

  const organizationName = data.organization?.id === patient.organization.id ? data.organization.name : null;

  return (
    <article className="page patient-detail" aria-labelledby="patient-detail-title">
      {back}
      <PatientBanner
        patient={patient}
        editing={editing}
        onEdit={(button) => {
          editButton.current = button;
          setNotice(null);
          setEditing(true);
        }}
        onDelete={(button) => {
          deleteButton.current = button;
          setNotice(null);
          setDeleting(true);
        }}
      />
      <div role="status">{notice && <p className="notice notice--success">{notice}</p>}</div>
      {editing && (
        <EditPatientForm
          patientId={patient.id}
          onDone={(name) => {
            setEditing(false);
            if (name) setNotice(t('editPatient.saved', { name }));
            editButton.current?.focus();
          }}
        />
      )}
      {deleting && (
        <DeletePatientDialog
          patient={patient}
          onDone={(name) => {
            setDeleting(false);
            if (!name) {
              deleteButton.current?.focus();
              return;
            }
            const state: PatientsLocationState = { deleted: name };
            void navigate(list, { state });
          }}
        />
      )}
      <Demographics patient={patient} organizationName={organizationName} />
      <ClinicalHistorySection en={patient.historyEn} es={patient.historyEs} />
      <ResponsesSection responses={patient.questionnaireResponses} />
      <EhrPreviewSection requests={patient.ehrPreview} ehrSystemName={patient.ehrSystem?.name ?? null} />
      <EhrTransactionsSection patientId={patient.id} transactions={patient.ehrTransactions} />
      <IntakeLinkPanel patientId={patient.id} />
    </article>
  );
}
