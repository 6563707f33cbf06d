import { audited, readAuditTrail, requireOrganization, requireStaff } from '@carebridge/common';
import type { PatientResolvers } from '../__generated__/resolvers-types';

export const Patient: PatientResolvers = {
  // References from other subgraphs (a questionnaire response's patient, …) come through here, so
  // this is where another organization's patient is refused however the query reached it. Each
  // entity is a read of that patient, audited (the reads of one request in one record, see
  // `coalesce`); `audited` is async, so a refusal fails only its own entity (as `perEntity` does).
  __resolveReference: (reference, context) =>
    audited(
      context,
      {
        action: 'patient.read',
        patientIds: [reference.id],
        detail: (p) => (p === null ? 'NOT_FOUND' : undefined),
        coalesce: true,
      },
      async () => {
        requireStaff(context, { log: { action: 'Patient.reference' } });
        const patient = await context.store.findById(reference.id);
        if (patient === undefined) return null;
        requireOrganization(context, patient.organizationId, {
          message: 'This patient belongs to another organization.',
          log: { action: 'Patient.reference', patientId: patient.id },
        });
        return patient;
      },
    ),

  organization: (patient) => ({ __typename: 'Organization', id: patient.organizationId }),

  primaryCarePhysician: async (patient, _args, { store }) =>
    patient.primaryCarePhysicianId === null
      ? null
      : ((await store.findProviderById(patient.primaryCarePhysicianId)) ?? null),

  // The parent was already read (and org-checked); the trail is still narrowed to the caller's organization.
  demographicsAuditTrail: (patient, { first, after }, context) =>
    readAuditTrail(context, { patientId: patient.id, first, after }),
};
