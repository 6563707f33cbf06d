import type { ApolloCache } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { graphql } from '../__generated__';

export const PatientsCreateMutation = graphql(`
  mutation PatientsCreateMutation($input: PatientInput!) {
    createPatient(input: $input) {
      id
      firstName
      lastName
    }
  }
`);

export const PatientsBulkCreateMutation = graphql(`
  mutation PatientsBulkCreateMutation($inputs: [PatientInput!]!) {
    createPatients(inputs: $inputs) {
      id
    }
  }
`);

/**
 * Drops every cached patient list: where new patients fall in each (sorted, filtered, counted)
 * list is the server's business, so the visible list refetches.
 */
function dropPatientLists(cache: ApolloCache) {
  cache.evict({ id: 'ROOT_QUERY', fieldName: 'patients' });
  cache.gc();
}

/** Creates a patient, then refetches the visible list. */
export function useCreatePatientMutation() {
  return useMutation(PatientsCreateMutation, { update: dropPatientLists });
}

/** Creates several patients at once (all or nothing), then refetches the visible list. */
export function useCreatePatientsMutation() {
  return useMutation(PatientsBulkCreateMutation, { update: dropPatientLists });
}
