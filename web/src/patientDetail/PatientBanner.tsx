import type { PatientDetailQueryQuery } from '../__generated__/graphql';
import { useI18n } from '../i18n/I18nProvider';
import { ageOn } from '../lib/format';

type Patient = NonNullable<PatientDetailQueryQuery['patient']>;

export interface PatientBannerProps {
  patient: Patient;
  onEdit: (button: HTMLButtonElement) => void;
  onDelete: (button: HTMLButtonElement) => void;
  /** Whether the edit form is open (the Edit button says so). */
  editing: boolean;
  today?: string;
}

/**
 * Who the patient is at a glance, at the top of their page: name, age, sex and MRN, allergies (from
 * the clinical history the page loads, in the UI language), where their data goes and how its last
 * delivery went; with the Edit and Delete actions.
 */
export function PatientBanner({ patient, onEdit, onDelete, editing, today }: PatientBannerProps) {
  const { t, language } = useI18n();
  const age = ageOn(patient.dateOfBirth, today);
  const history = language === 'es' ? patient.historyEs : patient.historyEn;
  // Newest first (see the transactions section).
  const last = patient.ehrTransactions?.[0]?.status;
  const facts = [
    age === undefined ? null : t('patientDetail.banner.age', { age }),
    t(`gender.${patient.gender}`),
    t('patientDetail.banner.mrn', { mrn: patient.mrn }),
  ].filter((fact) => fact !== null);

  return (
    <header className="card patient-banner">
      <div className="patient-banner__who">
        <h1 id="patient-detail-title">
          {patient.firstName} {patient.lastName}
        </h1>
        <p className="patient-banner__facts">{facts.join(' · ')}</p>
      </div>
      <dl className="patient-banner__list">
        <div className={history && history.allergies.length > 0 ? 'patient-banner__allergies' : undefined}>
          <dt>{t('patientDetail.history.allergies')}</dt>
          <dd>
            {!history
              ? t('patientDetail.unavailable.short')
              : history.allergies.length === 0
                ? t('patientDetail.banner.noAllergies')
                : history.allergies.join(', ')}
          </dd>
        </div>
        <div>
          <dt>{t('patientDetail.field.ehrSystem')}</dt>
          <dd>{patient.ehrSystem?.name ?? t('patientDetail.unavailable.short')}</dd>
        </div>
        <div>
          <dt>{t('patientDetail.banner.lastDelivery')}</dt>
          <dd>
            {patient.ehrTransactions === null || patient.ehrTransactions === undefined ? (
              t('patientDetail.unavailable.short')
            ) : last ? (
              <span className={`badge badge--${last.toLowerCase()}`}>{t(`delivery.${last}`)}</span>
            ) : (
              t('patientDetail.banner.notSent')
            )}
          </dd>
        </div>
      </dl>
      <div className="patient-banner__actions">
        <button
          type="button"
          className="button button--secondary"
          aria-expanded={editing}
          onClick={(event) => onEdit(event.currentTarget)}
        >
          {t('patientDetail.edit')}
        </button>
        <button type="button" className="button button-danger" onClick={(event) => onDelete(event.currentTarget)}>
          {t('patientDetail.delete')}
        </button>
      </div>
    </header>
  );
}
