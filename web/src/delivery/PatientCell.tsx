import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { graphql } from '../__generated__';

export const DeliveryPatientQuery = graphql(`
  query DeliveryPatientQuery($id: ID!) {
    patient(id: $id) {
      id
      firstName
      lastName
    }
  }
`);

/**
 * The patient of a transaction: a link to their page when the patient subgraph resolves them, the
 * bare id otherwise (a deleted patient, or the subgraph is down). Asked one patient at a time and
 * not inside the transaction list, so one unresolvable patient cannot empty the whole list (the
 * list's fields are all non-null, so a null name would propagate up to it).
 */
export function PatientCell({ id }: { id: string }) {
  const { data } = useQuery(DeliveryPatientQuery, { variables: { id }, errorPolicy: 'all' });
  const patient = data?.patient;
  if (!patient) return <span className="mono">{id}</span>;
  return (
    <Link to={`/patients/${encodeURIComponent(patient.id)}`}>
      {patient.lastName}, {patient.firstName}
    </Link>
  );
}
