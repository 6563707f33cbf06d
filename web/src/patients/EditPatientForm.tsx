import type { ApolloCache } from '@apollo/client';
import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { graphql } from '../__generated__';
import type { PatientsEdit_PatientFragment } from '../__generated__/graphql';
import { useT } from '../i18n/I18nProvider';
import { errorCode } from '../lib/graphqlErrors';
import { changedFields, draftOf, rebaseDraft } from './draft';
import { FIELD_LABELS } from './fieldLabels';
import { useFocusOnMount } from './focus';
import { PatientForm, type SubmitOutcome } from './PatientForm';
import { translatedProblems } from './problems';
import './patients.css';
import type { PatientDraft, PatientField } from './validation';

export const PatientsEdit_patient = graphql(`
  fragment PatientsEdit_patient on Patient {
    id
    version
    firstName
    lastName
    gender
    dateOfBirth
    mrn
    phone
    email
    preferredLanguage
    primaryCarePhysician {
      id
      displayName
    }
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
  }
`);

export const PatientsEditPatientQuery = graphql(`
  query PatientsEditPatientQuery($id: ID!) {
    patient(id: $id) {
      ...PatientsEdit_patient
    }
  }
`);

export const PatientsEditUpdateMutation = graphql(`
  mutation PatientsEditUpdateMutation($id: ID!, $input: PatientUpdateInput!, $expectedVersion: Int!) {
    updatePatient(id: $id, input: $input, expectedVersion: $expectedVersion) {
      ...PatientsEdit_patient
    }
  }
`);

export interface EditPatientFormProps {
  patientId: string;
  /** Called with the patient's name once saved, or null when cancelled or closed. */
  onDone: (name: string | null) => void;
  today?: string;
  /** Told whether the form has unsaved changes (see `PatientForm`). */
  onDirtyChange?: (dirty: boolean) => void;
}

/**
 * A saved patient is sent to the EHR again, so the cached deliveries of that patient are out of
 * date: they are dropped, and whatever shows them (the list's "Last delivery") fetches them again.
 */
export function forgetDeliveries(cache: ApolloCache, patientId: string) {
  const id = cache.identify({ __typename: 'Patient', id: patientId });
  if (!id) return;
  cache.evict({ id, fieldName: 'lastEhrTransaction' });
  cache.evict({ id, fieldName: 'ehrTransactions' });
  cache.gc();
}

/**
 * Edits a patient's details: reads the patient (with its `version`) fresh from the server, then
 * sends only the changed fields as `updatePatient(expectedVersion:)`. The saved patient updates the
 * cache, so every list and page showing it follows. Reusable outside the patient list.
 */
export function EditPatientForm({ patientId, onDone, today, onDirtyChange }: EditPatientFormProps) {
  const t = useT();
  // Fresh from the server: an edit must start from the current version, not a cached one.
  const { data, error, loading, refetch } = useQuery(PatientsEditPatientQuery, {
    variables: { id: patientId },
    fetchPolicy: 'network-only',
  });
  // Each reload starts the form again from the latest details, with the user's pending edits on top.
  const [reloaded, setReloaded] = useState<{ generation: number; pending: PendingEdits | null }>({
    generation: 0,
    pending: null,
  });

  const reload = async (pending: PendingEdits) => {
    await refetch();
    setReloaded((r) => ({ generation: r.generation + 1, pending }));
  };

  if (data?.patient) {
    return (
      <EditPatientBody
        key={reloaded.generation}
        patient={data.patient}
        pending={reloaded.pending}
        onReload={reload}
        onDone={onDone}
        today={today}
        onDirtyChange={onDirtyChange}
      />
    );
  }
  if (loading) {
    return (
      <div className="card add-patient state--loading" role="status" aria-busy="true">
        <span className="spinner" aria-hidden="true" />
        {t('editPatient.loading')}
      </div>
    );
  }
  const code = errorCode(error);
  return (
    <EditPatientProblem
      message={
        !error
          ? t('editPatient.notFound')
          : code === 'FORBIDDEN'
            ? t('editPatient.forbidden')
            : t('editPatient.loadError')
      }
      onRetry={error && code !== 'FORBIDDEN' ? () => void refetch().catch(() => undefined) : undefined}
      onClose={() => onDone(null)}
    />
  );
}

function EditPatientProblem({
  message,
  onRetry,
  onClose,
}: {
  message: string;
  onRetry: (() => void) | undefined;
  onClose: () => void;
}) {
  const t = useT();
  const ref = useFocusOnMount<HTMLDivElement>();
  return (
    <div className="card add-patient state--error" role="alert" tabIndex={-1} ref={ref}>
      <p>{message}</p>
      <div className="form-actions">
        {onRetry && (
          <button type="button" className="button" onClick={onRetry}>
            {t('common.retry')}
          </button>
        )}
        <button type="button" className="button button--secondary" onClick={onClose}>
          {t('editPatient.close')}
        </button>
      </div>
    </div>
  );
}

/** What a reload after a version conflict keeps: the user's draft, and the values it was edited from. */
interface PendingEdits {
  base: PatientDraft;
  mine: PatientDraft;
}

function EditPatientBody({
  patient,
  pending,
  onReload,
  onDone,
  today,
  onDirtyChange,
}: {
  patient: PatientsEdit_PatientFragment;
  pending: PendingEdits | null;
  onReload: (pending: PendingEdits) => Promise<void>;
  onDone: (name: string | null) => void;
  today: string | undefined;
  onDirtyChange: ((dirty: boolean) => void) | undefined;
}) {
  const t = useT();
  // The version and values this form started from: a cache update while editing must not move them.
  const [base] = useState(patient);
  const initial = draftOf(base);
  // After a conflict: the latest details with the user's edits on top, and what someone else changed.
  const [rebased] = useState(() => pending && rebaseDraft(pending.base, pending.mine, initial));
  const noteOf = (field: PatientField) =>
    rebased?.both.includes(field)
      ? t('editPatient.changedBoth')
      : rebased?.theirs.includes(field)
        ? t('editPatient.changedTheirs')
        : undefined;
  const merged = rebased && (
    <>
      {t('editPatient.merged')}{' '}
      {rebased.theirs.length === 0
        ? t('editPatient.mergedNone')
        : t('editPatient.mergedFields', { fields: rebased.theirs.map((field) => t(FIELD_LABELS[field])).join(', ') })}
    </>
  );
  const { cache } = useApolloClient();
  const [updatePatient] = useMutation(PatientsEditUpdateMutation);

  const onSubmit = async (draft: typeof initial): Promise<SubmitOutcome | undefined> => {
    const input = changedFields(initial, draft);
    if (Object.keys(input).length === 0) return { alert: t('editPatient.noChanges') };
    try {
      const { data } = await updatePatient({ variables: { id: base.id, input, expectedVersion: base.version } });
      // Once the saved patient has reached the lists (not in `update`), so a list that reloads the
      // deliveries shows the saved details meanwhile rather than those from before.
      forgetDeliveries(cache, base.id);
      if (data) onDone(`${data.updatePatient.firstName} ${data.updatePatient.lastName}`);
      return undefined;
    } catch (error) {
      const code = errorCode(error);
      if (code === 'VERSION_CONFLICT') {
        return { alert: <VersionConflict onReload={() => onReload({ base: initial, mine: draft })} /> };
      }
      if (code === 'NOT_FOUND') return { alert: t('editPatient.notFound') };
      if (code === 'FORBIDDEN') return { alert: t('editPatient.forbidden') };
      const problems = translatedProblems(error, t);
      return Object.keys(problems).length > 0 ? { problems } : { alert: t('common.unexpectedError') };
    }
  };

  return (
    <PatientForm
      title={t('editPatient.title', { name: `${base.firstName} ${base.lastName}` })}
      initial={initial}
      mode="edit"
      submitLabel={t('editPatient.submit')}
      submittingLabel={t('editPatient.submitting')}
      notice={merged}
      start={rebased?.draft}
      noteOf={noteOf}
      today={today}
      currentPhysician={base.primaryCarePhysician}
      onSubmit={onSubmit}
      onCancel={() => onDone(null)}
      onDirtyChange={onDirtyChange}
    />
  );
}

/** Someone saved the patient since this form read it: say so, and offer to start again from theirs. */
function VersionConflict({ onReload }: { onReload: () => Promise<void> }) {
  const t = useT();
  const [state, setState] = useState<'idle' | 'reloading' | 'failed'>('idle');
  const reload = async () => {
    if (state === 'reloading') return;
    setState('reloading');
    try {
      await onReload();
    } catch {
      setState('failed');
    }
  };
  return (
    <>
      <span>{t('editPatient.conflict')}</span>
      {state === 'failed' && <span className="alert__detail">{t('editPatient.loadError')}</span>}
      <span className="alert__actions">
        <button
          type="button"
          className="button button--secondary"
          aria-disabled={state === 'reloading' || undefined}
          onClick={() => void reload()}
        >
          {state === 'reloading' ? t('editPatient.reloading') : t('editPatient.reload')}
        </button>
      </span>
    </>
  );
}
