import { useQuery } from '@apollo/client/react';
import { useId, useRef, useState, type ReactNode } from 'react';
import type { Gender, Language } from '../__generated__/graphql';
import { SelectField, TextField } from '../components/Field';
import type { MessageKey } from '../i18n/en';
import { useT } from '../i18n/I18nProvider';
import { PatientsFilterProvidersQuery } from './PatientFilters';
import {
  GROUP_NAMES,
  isGroupFilled,
  PATIENT_GROUPS,
  type PatientDraft,
  type PatientField,
  type PatientGroup,
} from './validation';

const GENDERS: readonly Gender[] = ['FEMALE', 'MALE', 'OTHER', 'UNKNOWN'];
export const PATIENT_LANGUAGES: readonly Language[] = ['EN', 'ES'];

export interface PatientFieldsProps {
  draft: PatientDraft;
  onChange: (field: PatientField, value: string) => void;
  /** The translated error of a field (the client's rule or the server's problem), if any. */
  errorOf: (field: PatientField) => string | undefined;
  /** YYYY-MM-DD: the latest date of birth the date picker offers. */
  today: string;
  /** A new patient's MRN is optional (generated when empty); an existing patient's cannot be cleared. */
  mrnOptional: boolean;
  /** A row of a bulk add shows the core fields and the physician only, not the optional groups. */
  variant?: 'full' | 'bulk';
  /** The patient's physician as last read, offered even when the physician list is not (yet) loaded. */
  currentPhysician?: { id: string; displayName: string } | null;
  /** A note that marks a field (e.g. that someone else changed it), shown as its hint. */
  noteOf?: (field: PatientField) => string | undefined;
}

const GROUP_LABELS: Record<PatientGroup, { title: MessageKey; clear: MessageKey }> = {
  address: { title: 'patientForm.address', clear: 'patientForm.address.clear' },
  emergencyContact: { title: 'patientForm.emergencyContact', clear: 'patientForm.emergencyContact.clear' },
  insurance: { title: 'patientForm.insurance', clear: 'patientForm.insurance.clear' },
};

/**
 * The fields of a patient, shared by adding, editing and each row of a bulk add: the demographics,
 * the primary care physician and preferred language, then the optional groups (address, emergency
 * contact, insurance), each folded away in a `<details>` until needed. A group opens by itself when
 * it is filled or one of its fields has an error, so the focus can reach that field.
 */
export function PatientFields({
  draft,
  onChange,
  errorOf,
  today,
  mrnOptional,
  variant = 'full',
  currentPhysician,
  noteOf,
}: PatientFieldsProps) {
  const t = useT();
  const optional = (label: string) => `${label} (${t('common.optional')})`;
  const bind = (field: PatientField) => {
    const note = noteOf?.(field);
    return {
      value: draft[field],
      error: errorOf(field),
      onChange: (event: { target: { value: string } }) => onChange(field, event.target.value),
      ...(note === undefined ? {} : { hint: note, marked: true }),
    };
  };
  const providersQuery = useQuery(PatientsFilterProvidersQuery);
  const providers = providersQuery.data?.providers ?? [];
  const physicians =
    currentPhysician && !providers.some((provider) => provider.id === currentPhysician.id)
      ? [currentPhysician, ...providers]
      : providers;

  return (
    <>
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
        <SelectField
          label={optional(t('patientForm.pcp'))}
          hint={providersQuery.error ? t('patients.filter.pcpUnavailable') : undefined}
          {...bind('primaryCarePhysicianId')}
        >
          <option value="">{t('patientForm.pcpNone')}</option>
          {physicians.map((provider) => (
            <option key={provider.id} value={provider.id}>
              {provider.displayName}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('patientForm.language')} {...bind('preferredLanguage')}>
          {PATIENT_LANGUAGES.map((language) => (
            <option key={language} value={language}>
              {t(`patientForm.language.${language}`)}
            </option>
          ))}
        </SelectField>
      </div>
      {variant === 'full' && <PatientGroups draft={draft} onChange={onChange} errorOf={errorOf} bind={bind} />}
    </>
  );
}

type Bind = (field: PatientField) => {
  value: string;
  error: string | undefined;
  onChange: (event: { target: { value: string } }) => void;
  hint?: string;
  marked?: boolean;
};

function PatientGroups({
  draft,
  onChange,
  errorOf,
  bind,
}: Pick<PatientFieldsProps, 'draft' | 'onChange' | 'errorOf'> & { bind: Bind }) {
  const t = useT();
  const optional = (label: string) => `${label} (${t('common.optional')})`;
  // Open from the start when filled (editing a patient who has one); the user folds them at will.
  const [open, setOpen] = useState(
    () =>
      Object.fromEntries(GROUP_NAMES.map((group) => [group, isGroupFilled(draft, group)])) as Record<
        PatientGroup,
        boolean
      >,
  );
  // A group that gets an error opens (during render, so it is open when the form moves the focus).
  const invalid = GROUP_NAMES.filter((group) => PATIENT_GROUPS[group].some((field) => errorOf(field)));
  const invalidKey = invalid.join(' ');
  const [openedFor, setOpenedFor] = useState('');
  if (invalidKey !== openedFor) {
    setOpenedFor(invalidKey);
    if (invalid.some((group) => !open[group])) {
      setOpen((current) => ({ ...current, ...Object.fromEntries(invalid.map((group) => [group, true])) }));
    }
  }

  const fields: Record<PatientGroup, ReactNode> = {
    address: (
      <>
        <TextField label={t('patientForm.address.line1')} autoComplete="off" {...bind('address.line1')} />
        <TextField label={optional(t('patientForm.address.line2'))} autoComplete="off" {...bind('address.line2')} />
        <TextField label={t('patientForm.address.city')} autoComplete="off" {...bind('address.city')} />
        <TextField label={t('patientForm.address.state')} autoComplete="off" {...bind('address.state')} />
        <TextField label={t('patientForm.address.postalCode')} autoComplete="off" {...bind('address.postalCode')} />
        <TextField
          label={optional(t('patientForm.address.country'))}
          hint={t('patientForm.address.countryHint')}
          autoComplete="off"
          maxLength={2}
          {...bind('address.country')}
        />
      </>
    ),
    emergencyContact: (
      <>
        <TextField
          label={t('patientForm.emergencyContact.name')}
          autoComplete="off"
          {...bind('emergencyContact.name')}
        />
        <TextField
          label={t('patientForm.emergencyContact.relationship')}
          autoComplete="off"
          {...bind('emergencyContact.relationship')}
        />
        <TextField
          label={t('patientForm.emergencyContact.phone')}
          type="tel"
          autoComplete="off"
          {...bind('emergencyContact.phone')}
        />
      </>
    ),
    insurance: (
      <>
        <TextField label={t('patientForm.insurance.provider')} autoComplete="off" {...bind('insurance.provider')} />
        <TextField
          label={t('patientForm.insurance.policyNumber')}
          autoComplete="off"
          {...bind('insurance.policyNumber')}
        />
      </>
    ),
  };

  return (
    <div className="patient-groups">
      {GROUP_NAMES.map((group) => (
        <PatientGroupDisclosure
          key={group}
          title={optional(t(GROUP_LABELS[group].title))}
          clearLabel={t(GROUP_LABELS[group].clear)}
          open={open[group]}
          filled={isGroupFilled(draft, group)}
          onToggle={(isOpen) =>
            setOpen((current) => (current[group] === isOpen ? current : { ...current, [group]: isOpen }))
          }
          onClear={() => PATIENT_GROUPS[group].forEach((field) => onChange(field, ''))}
        >
          {fields[group]}
        </PatientGroupDisclosure>
      ))}
    </div>
  );
}

function PatientGroupDisclosure({
  title,
  clearLabel,
  open,
  filled,
  onToggle,
  onClear,
  children,
}: {
  title: string;
  clearLabel: string;
  open: boolean;
  filled: boolean;
  onToggle: (open: boolean) => void;
  onClear: () => void;
  children: ReactNode;
}) {
  const t = useT();
  const titleId = useId();
  const hintId = useId();
  const groupRef = useRef<HTMLDivElement>(null);
  return (
    <details className="patient-group" open={open} onToggle={(event) => onToggle(event.currentTarget.open)}>
      <summary id={titleId}>{title}</summary>
      <div ref={groupRef} role="group" aria-labelledby={titleId} aria-describedby={hintId}>
        <p className="field__hint" id={hintId}>
          {t('patientForm.groupHint')}
        </p>
        <div className="form-grid">{children}</div>
        {filled && (
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => {
              onClear();
              // The button goes once the group is empty: the focus stays in the group.
              groupRef.current?.querySelector('input')?.focus();
            }}
          >
            {clearLabel}
          </button>
        )}
      </div>
    </details>
  );
}
