import type { PatientTable_PatientFragment } from '../__generated__/graphql';
import { PatientsQuery, PAGE_SIZE } from '../routes/PatientsRoute';
import type { MockLink } from '@apollo/client/testing';

export function patient(overrides: Partial<PatientTable_PatientFragment> = {}): PatientTable_PatientFragment {
  return {
    __typename: 'Patient',
    id: 'pt-1',
    firstName: 'Ana',
    lastName: 'García',
    mrn: 'MRN-0001',
    dateOfBirth: '1980-02-29',
    gender: 'FEMALE',
    phone: '+1 555 010 2030',
    email: 'ana@example.com',
    primaryCarePhysician: { __typename: 'Provider', id: 'prov-1', displayName: 'Dr. Maya Okafor' },
    ehrSystem: { __typename: 'EhrSystem', id: 'ehr-athena', name: 'Athena' },
    ehrTransactions: [
      { __typename: 'EhrTransaction', id: 'tx-2', status: 'DELIVERED' },
      { __typename: 'EhrTransaction', id: 'tx-1', status: 'DEAD' },
    ],
    ...overrides,
  };
}

export function patientsMock(
  patients: PatientTable_PatientFragment[],
  {
    filter = {},
    after,
    hasNextPage = false,
    endCursor = patients.length > 0 ? `cursor-${patients.length}` : null,
    totalCount = patients.length,
  }: {
    filter?: { search?: string };
    after?: string;
    hasNextPage?: boolean;
    endCursor?: string | null;
    totalCount?: number;
  } = {},
): MockLink.MockedResponse {
  return {
    request: {
      query: PatientsQuery,
      variables: { first: PAGE_SIZE, filter, ...(after === undefined ? {} : { after }) },
    },
    result: {
      data: {
        patients: {
          __typename: 'PatientConnection',
          totalCount,
          pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor },
          nodes: patients,
        },
      },
    },
  };
}
