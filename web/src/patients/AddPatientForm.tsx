import { useState, type FormEvent } from 'react';
import type { Gender, PatientInput } from '../__generated__/graphql';
import { SelectField, TextField } from '../components/Field';
import { useT } from '../i18n/I18nProvider';
import { fieldProblems, useCreatePatientMutation } from './useCreatePatientMutation';
import { todayUtc, validatePatientDraft, type DraftErrors, type PatientDraft, type PatientField } from './validation';

const GENDERS: readonly Gender[] = ['FEMALE', 'MALE', 'OTHER', 'UNKNOWN'];
const EMPTY: PatientDraft = { firstName: '', lastName: '', gender: '', dateOfBirth: '', mrn: '', phone: '', email: '' };

function toInput(draft: PatientDraft): PatientInput {
  const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());
  return {
    firstName: draft.firstName.trim(),
    lastName: draft.lastName.trim(),
    gender: draft.gender as Gender,
    dateOfBirth: draft.dateOfBirth,
    mrn: optional(draft.mrn),
    phone: optional(draft.phone),
    email: optional(draft.email),
  };
}

export function AddPatientForm({ onDone, today = todayUtc() }: { onDone: (name: string) => void; today?: string }) {
  const t = useT();
  const [draft, setDraft] = useState<PatientDraft>(EMPTY);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [server, setServer] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [createPatient, { loading }] = useCreatePatientMutation();

  const set = (field: PatientField) => (event: { target: { value: string } }) => {
    setDraft((d) => ({ ...d, [field]: event.target.value }));
  };
  const errorOf = (field: PatientField) => {
    const key = errors[field];
    return key ? t(key) : server[field];
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const next = validatePatientDraft(draft, today);
    setErrors(next);
    setServer({});
    setFormError(null);
    if (Object.keys(next).length > 0) {
      setFormError(t('common.errorSummary'));
      return;
    }
    try {
      const { data } = await createPatient({ variables: { input: toInput(draft) } });
      if (data) onDone(`${data.createPatient.firstName} ${data.createPatient.lastName}`);
    } catch (error) {
      const problems = fieldProblems(error as Error);
      setServer(problems);
      setFormError(Object.keys(problems).length > 0 ? t('common.errorSummary') : t('common.unexpectedError'));
    }
  };

  return (
    <form
      className="card add-patient"
      noValidate
      aria-labelledby="add-patient-title"
      onSubmit={(e) => void onSubmit(e)}
    >
      <h2 id="add-patient-title">{t('addPatient.title')}</h2>
      {formError && (
        <p className="alert" role="alert">
          {formError}
        </p>
      )}
      <div className="form-grid">
        <TextField
          label={t('addPatient.firstName')}
          value={draft.firstName}
          onChange={set('firstName')}
          error={errorOf('firstName')}
          required
        />
        <TextField
          label={t('addPatient.lastName')}
          value={draft.lastName}
          onChange={set('lastName')}
          error={errorOf('lastName')}
          required
        />
        <SelectField
          label={t('addPatient.gender')}
          value={draft.gender}
          onChange={set('gender')}
          error={errorOf('gender')}
          required
        >
          <option value="">{t('addPatient.gender.choose')}</option>
          {GENDERS.map((gender) => (
            <option key={gender} value={gender}>
              {t(`gender.${gender}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('addPatient.dateOfBirth')}
          type="date"
          max={today}
          value={draft.dateOfBirth}
          onChange={set('dateOfBirth')}
          error={errorOf('dateOfBirth')}
          required
        />
        <TextField
          label={`${t('addPatient.mrn')} (${t('common.optional')})`}
          hint={t('addPatient.mrnHint')}
          value={draft.mrn}
          onChange={set('mrn')}
          error={errorOf('mrn')}
        />
        <TextField
          label={`${t('addPatient.phone')} (${t('common.optional')})`}
          type="tel"
          value={draft.phone}
          onChange={set('phone')}
          error={errorOf('phone')}
        />
        <TextField
          label={`${t('addPatient.email')} (${t('common.optional')})`}
          type="email"
          value={draft.email}
          onChange={set('email')}
          error={errorOf('email')}
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="button" disabled={loading}>
          {loading ? t('addPatient.submitting') : t('addPatient.submit')}
        </button>
        <button type="button" className="button button--secondary" onClick={() => onDone('')}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
