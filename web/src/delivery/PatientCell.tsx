import { Link } from 'react-router';
import { useT } from '../i18n/I18nProvider';
import { DELETED_PATIENT, type PatientNameState } from './patientNames';

/**
 * The patient of a transaction: a link to their page when their name is known (see
 * `usePatientNames`), "Deleted patient" when the patient service says they are gone, and the bare id
 * otherwise (the patient service could not answer, or the name is still loading).
 */
export function PatientCell({ id, name }: { id: string; name: PatientNameState | undefined }) {
  const t = useT();
  if (name === DELETED_PATIENT)
    return <span className="tx-monitor__deleted">{t('deliveryMonitor.patient.deleted')}</span>;
  if (!name) return <span className="mono">{id}</span>;
  return (
    <Link to={`/patients/${encodeURIComponent(name.id)}`}>
      {name.lastName}, {name.firstName}
    </Link>
  );
}
