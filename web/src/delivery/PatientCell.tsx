import { Link } from 'react-router';
import type { PatientName } from './patientNames';

/**
 * The patient of a transaction: a link to their page when their name is known (see
 * `usePatientNames`), the bare id otherwise (a deleted patient, the patient service is down, or
 * the name is still loading).
 */
export function PatientCell({ id, name }: { id: string; name: PatientName | null | undefined }) {
  if (!name) return <span className="mono">{id}</span>;
  return (
    <Link to={`/patients/${encodeURIComponent(name.id)}`}>
      {name.lastName}, {name.firstName}
    </Link>
  );
}
