import { CombinedGraphQLErrors, type ErrorLike } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { graphql } from '../__generated__';

export const CreatePatientMutation = graphql(`
  mutation CreatePatientMutation($input: PatientInput!) {
    createPatient(input: $input) {
      id
      firstName
      lastName
    }
  }
`);

/**
 * Creates a patient, then drops every cached patient list: where the new patient falls in each
 * (sorted, filtered, counted) list is the server's business, so the visible list refetches.
 */
export function useCreatePatientMutation() {
  return useMutation(CreatePatientMutation, {
    update(cache) {
      cache.evict({ id: 'ROOT_QUERY', fieldName: 'patients' });
      cache.gc();
    },
  });
}

/** The server's field problems (`extensions.problems` of BAD_USER_INPUT), by field path. */
export function fieldProblems(error: ErrorLike | undefined): Record<string, string> {
  const fields: Record<string, string> = {};
  if (!error || !CombinedGraphQLErrors.is(error)) return fields;
  for (const graphQLError of error.errors) {
    const problems = graphQLError.extensions?.['problems'];
    if (!Array.isArray(problems)) continue;
    for (const problem of problems as unknown[]) {
      if (typeof problem !== 'object' || problem === null) continue;
      const { field, message } = problem as { field?: unknown; message?: unknown };
      if (typeof field === 'string' && typeof message === 'string') fields[field] ??= message;
    }
  }
  return fields;
}
