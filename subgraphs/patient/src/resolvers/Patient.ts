import type { PatientResolvers } from '../__generated__/resolvers-types';

export const Patient: PatientResolvers = {
  __resolveReference: (reference, { store }) => store.findById(reference.id) ?? null,

  organization: (patient) => ({ __typename: 'Organization', id: patient.organizationId }),

  primaryCarePhysician: (patient, _args, { store }) =>
    patient.primaryCarePhysicianId === null ? null : (store.findProviderById(patient.primaryCarePhysicianId) ?? null),
};
