import { graphql } from '../__generated__';
import type { PatientTable_PatientFragment } from '../__generated__/graphql';
import { useT } from '../i18n/I18nProvider';

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
    ehrTransactions {
      id
      status
    }
  }
`);

/** One row per patient. The owning subgraphs may be down, so every cross-subgraph field is optional here. */
export function PatientTable({ patients }: { patients: readonly PatientTable_PatientFragment[] }) {
  const t = useT();
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
          </tr>
        </thead>
        <tbody>
          {patients.map((patient) => {
            // Newest first (see Patient.ehrTransactions), so the first is the last delivery.
            const last = patient.ehrTransactions?.[0]?.status;
            return (
              <tr key={patient.id}>
                <th scope="row">
                  {patient.lastName}, {patient.firstName}
                </th>
                <td className="mono">{patient.mrn}</td>
                <td>
                  <time dateTime={patient.dateOfBirth}>{patient.dateOfBirth}</time>
                </td>
                <td>{t(`gender.${patient.gender}`)}</td>
                <td>{patient.phone ?? none}</td>
                <td>{patient.email ?? none}</td>
                <td>{patient.primaryCarePhysician?.displayName ?? none}</td>
                <td>{patient.ehrSystem?.name ?? none}</td>
                <td>
                  {last ? <span className={`badge badge--${last.toLowerCase()}`}>{t(`delivery.${last}`)}</span> : none}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
