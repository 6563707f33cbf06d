import { screen } from '@testing-library/react';
import type { MockLink } from '@apollo/client/testing';
import type {
  PatientFilter,
  PatientsEdit_PatientFragment,
  PatientTable_PatientFragment,
} from '../__generated__/graphql';
import { PatientsEditPatientQuery } from '../patients/EditPatientForm';
import { PatientsQuery, PAGE_SIZE } from '../patients/PatientsRoute';
import { providersMock, setup } from './setup-app';

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
    lastEhrTransaction: { __typename: 'EhrTransaction', id: 'tx-2', status: 'DELIVERED' },
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
    delay,
  }: {
    filter?: PatientFilter;
    after?: string;
    hasNextPage?: boolean;
    endCursor?: string | null;
    totalCount?: number;
    /** Milliseconds before the answer, to see the page while it waits. */
    delay?: number;
  } = {},
): MockLink.MockedResponse {
  return {
    ...(delay === undefined ? {} : { delay }),
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

/**
 * What the edit form reads (and `updatePatient` answers): Ana García of `patient()`, at a version,
 * with her physician, English, and no address, emergency contact or insurance.
 */
export function editablePatient(overrides: Partial<PatientsEdit_PatientFragment> = {}): PatientsEdit_PatientFragment {
  const { id, firstName, lastName, gender, dateOfBirth, mrn, phone, email } = patient();
  return {
    __typename: 'Patient',
    id,
    version: 3,
    firstName,
    lastName,
    gender,
    dateOfBirth,
    mrn,
    phone: phone ?? null,
    email: email ?? null,
    preferredLanguage: 'EN',
    primaryCarePhysician: { __typename: 'Provider', id: 'prov-1', displayName: 'Dr. Maya Okafor' },
    address: null,
    emergencyContact: null,
    insurance: null,
    ...overrides,
  };
}

/** A complete address, emergency contact and insurance, as the server answers them. */
export const PATIENT_DETAILS = {
  address: {
    __typename: 'Address' as const,
    line1: '12 Elm Street',
    line2: 'Apt 4',
    city: 'Springfield',
    state: 'IL',
    postalCode: '62701',
    country: 'US',
  },
  emergencyContact: {
    __typename: 'EmergencyContact' as const,
    name: 'Luis García',
    relationship: 'Spouse',
    phone: '+15550102031',
  },
  insurance: { __typename: 'Insurance' as const, provider: 'Blue Shield', policyNumber: 'BS-123456' },
};

export function editPatientQueryMock(value: PatientsEdit_PatientFragment = editablePatient()): MockLink.MockedResponse {
  return {
    request: { query: PatientsEditPatientQuery, variables: { id: value.id } },
    result: { data: { patient: value } },
  };
}

/**
 * The patient page with `patients` listed (default: Ana García) and the physicians loaded; resolves
 * once the first row shows. `mocks` answer what the test does next.
 */
export async function showPatients(mocks: MockLink.MockedResponse[] = [], patients = [patient()]) {
  const view = setup({ mocks: [patientsMock(patients), providersMock(), ...mocks] });
  const first = patients[0];
  if (first) await screen.findByRole('rowheader', { name: `${first.lastName}, ${first.firstName}` });
  return view;
}
