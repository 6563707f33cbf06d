import type { Gender } from '../__generated__/graphql';
import { SelectField, TextField } from '../components/Field';
import { useT } from '../i18n/I18nProvider';
import type { PatientDraft, PatientField } from './validation';

const GENDERS: readonly Gender[] = ['FEMALE', 'MALE', 'OTHER', 'UNKNOWN'];

export interface PatientFieldsProps {
  draft: PatientDraft;
  onChange: (field: PatientField, value: string) => void;
  /** The translated error of a field (the client's rule or the server's problem), if any. */
  errorOf: (field: PatientField) => string | undefined;
  /** YYYY-MM-DD: the latest date of birth the date picker offers. */
  today: string;
  /** A new patient's MRN is optional (generated when empty); an existing patient's cannot be cleared. */
  mrnOptional: boolean;
}

/** The demographic fields of a patient, shared by adding, editing and each row of a bulk add. */
export function PatientFields({ draft, onChange, errorOf, today, mrnOptional }: PatientFieldsProps) {
  const t = useT();
  const optional = (label: string) => `${label} (${t('common.optional')})`;
  const bind = (field: PatientField) => ({
    value: draft[field],
    error: errorOf(field),
    onChange: (event: { target: { value: string } }) => onChange(field, event.target.value),
  });

  return (
    <div className="form-grid">
      <TextField label={t('addPatient.firstName')} autoComplete="off" required {...bind('firstName')} />
      <TextField label={t('addPatient.lastName')} autoComplete="off" required {...bind('lastName')} />
      <SelectField label={t('addPatient.gender')} required {...bind('gender')}>
        <option value="">{t('addPatient.gender.choose')}</option>
        {GENDERS.map((gender) => (
          <option key={gender} value={gender}>
            {t(`gender.${gender}`)}
          </option>
        ))}
      </SelectField>
      <TextField label={t('addPatient.dateOfBirth')} type="date" max={today} required {...bind('dateOfBirth')} />
      <TextField
        label={mrnOptional ? optional(t('addPatient.mrn')) : t('addPatient.mrn')}
        hint={mrnOptional ? t('addPatient.mrnHint') : undefined}
        required={!mrnOptional}
        autoComplete="off"
        {...bind('mrn')}
      />
      <TextField label={optional(t('addPatient.phone'))} type="tel" autoComplete="off" {...bind('phone')} />
      <TextField label={optional(t('addPatient.email'))} type="email" autoComplete="off" {...bind('email')} />
    </div>
  );
}
