import { Link } from 'react-router';
import { graphql } from '../__generated__';
import type { PatientTable_PatientFragment } from '../__generated__/graphql';
import { useI18n } from '../i18n/I18nProvider';
import { formatDate } from '../lib/format';
import './patients.css';

export const PatientTable_patient = graphql(`
  fragment PatientTable_patient on Patient {
    id
    firstName
    lastName
    mrn
    dateOfBirth
    gender
    phone
    email
    primaryCarePhysician {
      id
      displayName
    }
    ehrSystem {
      id
      name
    }
    lastEhrTransaction {
      id
      status
    }
  }
`);

export interface PatientTableProps {
  patients: readonly PatientTable_PatientFragment[];
  /** The row's button is given, so the focus can go back to it. */
  onEdit: (patient: PatientTable_PatientFragment, button: HTMLButtonElement) => void;
  onDelete: (patient: PatientTable_PatientFragment, button: HTMLButtonElement) => void;
}

/**
 * One row per patient, the name linking to the patient's page, with edit and delete buttons named
 * after the patient. The owning subgraphs may be down, so every cross-subgraph field is optional here.
 */
export function PatientTable({ patients, onEdit, onDelete }: PatientTableProps) {
  const { t, language } = useI18n();
  const none = t('patients.none');
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={t('patients.caption')}>
      <table className="table">
        <caption className="visually-hidden">{t('patients.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('patients.col.name')}</th>
            <th scope="col">{t('patients.col.mrn')}</th>
            <th scope="col">{t('patients.col.dateOfBirth')}</th>
            <th scope="col">{t('patients.col.gender')}</th>
            <th scope="col">{t('patients.col.phone')}</th>
            <th scope="col">{t('patients.col.email')}</th>
            <th scope="col">{t('patients.col.pcp')}</th>
            <th scope="col">{t('patients.col.ehr')}</th>
            <th scope="col">{t('patients.col.delivery')}</th>
            <th scope="col">{t('patients.col.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {patients.map((patient) => {
            const last = patient.lastEhrTransaction?.status;
            const name = `${patient.lastName}, ${patient.firstName}`;
            return (
              <tr key={patient.id}>
                <th scope="row">
                  <Link to={`/patients/${encodeURIComponent(patient.id)}`}>{name}</Link>
                </th>
                <td className="mono">{patient.mrn}</td>
                <td>
                  <time dateTime={patient.dateOfBirth}>{formatDate(patient.dateOfBirth, language)}</time>
                </td>
                <td>{t(`gender.${patient.gender}`)}</td>
                <td>{patient.phone ?? none}</td>
                <td>{patient.email ?? none}</td>
                <td>{patient.primaryCarePhysician?.displayName ?? none}</td>
                <td>{patient.ehrSystem?.name ?? none}</td>
                <td>
                  {last ? <span className={`badge badge--${last.toLowerCase()}`}>{t(`delivery.${last}`)}</span> : none}
                </td>
                <td>
                  <div className="row-actions">
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      aria-label={t('patients.editLabel', { name })}
                      onClick={(event) => onEdit(patient, event.currentTarget)}
                    >
                      {t('patients.edit')}
                    </button>
                    <button
                      type="button"
                      className="button button--secondary button--small button--danger-outline"
                      aria-label={t('patients.deleteLabel', { name })}
                      onClick={(event) => onDelete(patient, event.currentTarget)}
                    >
                      {t('patients.delete')}
                    </button>
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
