import { Link } from 'react-router';
import { graphql } from '../__generated__';
import type { PatientTable_PatientFragment } from '../__generated__/graphql';
import { useI18n } from '../i18n/I18nProvider';
import { ageOn, useFormatters } from '../lib/format';
import './patients.css';
import type { ListLocationState } from './useListParams';

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
  /** The state the name links pass on, for the patient's page to link back to this list. */
  back: ListLocationState;
  /** The row's button is given, so the focus can go back to it. */
  onEdit: (patient: PatientTable_PatientFragment, button: HTMLButtonElement) => void;
  onDelete: (patient: PatientTable_PatientFragment, button: HTMLButtonElement) => void;
  /** A patient just added, whose row stands out. */
  highlightId?: string | null;
  today?: string;
}

/**
 * One row per patient, the name linking to the patient's page, with edit and delete buttons named
 * after the patient. Seven columns that fit a 1280 px screen (date of birth with age and gender,
 * phone with email, the last delivery with its EHR); on a phone each row is a card (patients.css,
 * where `data-label` names each value). The owning subgraphs may be down, so every
 * cross-subgraph field is optional here.
 */
export function PatientTable({ patients, back, onEdit, onDelete, highlightId, today }: PatientTableProps) {
  const { t } = useI18n();
  const format = useFormatters();
  const none = t('patients.none');
  const columns = {
    mrn: t('patients.col.mrn'),
    born: t('patients.col.dateOfBirth'),
    contact: t('patients.col.contact'),
    pcp: t('patients.col.pcp'),
    delivery: t('patients.col.delivery'),
    actions: t('patients.col.actions'),
  };
  return (
    <div className="table-scroll table-fit" tabIndex={0} role="region" aria-label={t('patients.caption')}>
      <table className="table patient-table">
        <caption className="visually-hidden">{t('patients.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('patients.col.name')}</th>
            {Object.entries(columns).map(([key, label]) => (
              <th key={key} scope="col">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {patients.map((patient) => {
            const last = patient.lastEhrTransaction?.status;
            const name = `${patient.lastName}, ${patient.firstName}`;
            const age = ageOn(patient.dateOfBirth, today);
            const isNew = patient.id === highlightId;
            return (
              <tr key={patient.id} className={isNew ? 'table__row--new' : undefined}>
                <th scope="row">
                  <Link to={`/patients/${encodeURIComponent(patient.id)}`} state={back}>
                    {name}
                  </Link>
                </th>
                <td data-label={columns.mrn}>
                  <span className="mono">{patient.mrn}</span>
                  {isNew && <span className="badge badge--new">{t('patients.new')}</span>}
                </td>
                <td data-label={columns.born}>
                  <time dateTime={patient.dateOfBirth}>{format.date(patient.dateOfBirth)}</time>
                  <span className="cell__sub">
                    {age === undefined
                      ? t(`gender.${patient.gender}`)
                      : t('patients.ageGender', { age, gender: t(`gender.${patient.gender}`) })}
                  </span>
                </td>
                <td data-label={columns.contact} className="cell--wrap">
                  {patient.phone ? format.phone(patient.phone) : none}
                  <span className="cell__sub">{patient.email ?? none}</span>
                </td>
                <td data-label={columns.pcp} className="cell--wrap">
                  {patient.primaryCarePhysician?.displayName ?? none}
                </td>
                <td data-label={columns.delivery}>
                  {last ? <span className={`badge badge--${last.toLowerCase()}`}>{t(`delivery.${last}`)}</span> : none}
                  <span className="cell__sub">{patient.ehrSystem?.name ?? none}</span>
                </td>
                <td data-label={columns.actions}>
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
                      className="button button--small button-danger button-danger--outline"
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
