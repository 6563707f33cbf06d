import {
  audited,
  notFound,
  requireOrganization,
  requireRole,
  requireStaff,
  versionConflict,
  type ChangeAudit,
  type StaffViewer,
} from '@carebridge/common';
import { todayUtc } from '@carebridge/domain';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import type { PatientInput } from '../__generated__/schema-types';
import type { Context } from '../context';
import { toNewPatient, toPatientPatch } from '../data/normalize';
import type { PatientRecord } from '../data/records';
import { isChangedBy } from '../data/store';
import {
  validateBulkPatientUpdate,
  validatePatientInput,
  validatePatientInputs,
  validatePatientUpdate,
  fetchLookups,
  MAX_PATIENTS_PER_CALL,
  type LookupNeeds,
  type OwnedPatientInput,
  type ValidationLookups,
} from '../data/validation';

/** What validating these changes looks up (providers, MRN holders), read from the store first. */
function lookups({ store }: Context, needs: readonly LookupNeeds[]): Promise<ValidationLookups> {
  return fetchLookups(store, todayUtc(), needs);
}

/**
 * New patients belong to the viewer's organization: an input without `organizationId` gets it,
 * and one naming another organization refuses the whole call before anything is validated.
 */
function inOwnOrganization(
  context: Context,
  viewer: StaffViewer,
  action: string,
  inputs: readonly PatientInput[],
): OwnedPatientInput[] {
  return inputs.map((input) => {
    const organizationId = input.organizationId ?? viewer.organizationId;
    requireOrganization(context, organizationId, {
      message: 'Patients can only be registered in your own organization.',
      log: { action },
    });
    return { ...input, organizationId };
  });
}

/** The patient `id` when it belongs to the viewer's organization; NOT_FOUND or FORBIDDEN otherwise. */
async function ownPatient(context: Context, action: string, id: string): Promise<PatientRecord> {
  const patient = await context.store.findById(id);
  if (patient === undefined) throw notFound('Patient', id);
  requireOrganization(context, patient.organizationId, {
    message: 'This patient belongs to another organization.',
    log: { action, patientId: id },
  });
  return patient;
}

// Log lines carry ids and counts only: everything else about a patient is PHI. Every mutation is
// audited: ALLOWED with the patients changed, DENIED on FORBIDDEN, FAILED on invalid input,
// a version conflict or an unknown id. The store writes the ALLOWED record (`change`) with the
// change itself, so neither exists without the other.
export const Mutation: MutationResolvers = {
  createPatient: (_parent, { input }, context) =>
    audited(
      context,
      { action: 'patient.create', patientIds: (patient) => [patient.id] },
      async (change: ChangeAudit) => {
        const viewer = requireStaff(context, { log: { action: 'createPatient' } });
        const [owned] = inOwnOrganization(context, viewer, 'createPatient', [input]);
        if (owned === undefined) throw new Error('no input');
        validatePatientInput(owned, await lookups(context, [owned])).throwIfAny();
        const [patient] = await context.store.create([toNewPatient(owned)], change);
        if (patient === undefined) throw new Error('store.create returned no patient');
        context.logger.info('patient.created', { patientId: patient.id, userId: viewer.userId });
        return patient;
      },
    ),

  createPatients: (_parent, { inputs }, context) =>
    audited(
      context,
      { action: 'patient.create', patientIds: (patients) => patients.map((p) => p.id) },
      async (change: ChangeAudit) => {
        const viewer = requireStaff(context, { log: { action: 'createPatients' } });
        const owned = inOwnOrganization(context, viewer, 'createPatients', inputs);
        // Too many inputs are refused before any is looked at, so nothing is looked up for them.
        const needs = owned.length <= MAX_PATIENTS_PER_CALL ? owned : [];
        validatePatientInputs(owned, await lookups(context, needs)).throwIfAny();
        const patients = await context.store.create(owned.map(toNewPatient), change);
        context.logger.info('patients.created', { count: patients.length, userId: viewer.userId });
        return patients;
      },
    ),

  updatePatient: (_parent, { id, input, expectedVersion }, context) =>
    audited(context, { action: 'patient.update', patientIds: [id] }, async (change: ChangeAudit) => {
      const viewer = requireStaff(context, { log: { action: 'updatePatient' } });
      // Ownership first: another organization's patient reveals neither its version nor its data.
      const current = await ownPatient(context, 'updatePatient', id);
      // A stale edit is refused before validation: its author must reload before anything else matters.
      if (current.version !== expectedVersion) throw versionConflict('Patient', id, expectedVersion, current.version);
      const found = await lookups(context, [{ ...input, organizationId: current.organizationId }]);
      validatePatientUpdate(input, current, found).throwIfAny();
      const patient: PatientRecord = await context.store.update(id, toPatientPatch(input), expectedVersion, change);
      context.logger.info('patient.updated', { patientId: id, version: patient.version, userId: viewer.userId });
      return patient;
    }),

  // One `updatePatient` per selected patient whose values differ, in one all-or-nothing store call:
  // each changed patient gets a new version and its patient.upserted event, so the EHR receives it.
  updatePatients: (_parent, { filter, input, dryRun }, context) => {
    // Filled inside the audited body (after the checks), read when the record is written.
    let changedIds: readonly string[] = [];
    return audited(
      context,
      {
        action: 'patient.update',
        patientIds: () => changedIds,
        detail: (result) => (result.dryRun ? 'dry-run' : undefined),
      },
      async (change: ChangeAudit) => {
        // Changing the whole organization's patients is an ADMIN's call; anyone on staff may change one physician's.
        const viewer =
          filter.primaryCarePhysicianId == null
            ? requireRole(context, ['ADMIN'], {
                message:
                  "Changing every patient of the organization needs the ADMIN role; choose one physician's patients.",
                log: { action: 'updatePatients' },
              })
            : requireStaff(context, { log: { action: 'updatePatients' } });
        if (filter.organizationId != null) {
          requireOrganization(context, filter.organizationId, {
            message: 'Only patients of your own organization can be changed.',
            log: { action: 'updatePatients' },
          });
        }
        const found = await lookups(context, [{ ...input, organizationId: viewer.organizationId }]);
        validateBulkPatientUpdate(filter, input, viewer.organizationId, found).throwIfAny();
        // Always narrowed to the viewer's organization, whatever physician the filter names.
        const matched = await context.store.listAll({ ...filter, organizationId: viewer.organizationId });
        const patch = toPatientPatch(input);
        const changing = matched.filter((patient) => isChangedBy(patient, patch));
        changedIds = changing.map((patient) => patient.id);
        const result = { dryRun: dryRun !== false, matchedCount: matched.length, changedCount: changing.length };
        if (result.dryRun) return result;
        await context.store.updateMany(
          changing.map((patient) => ({ id: patient.id, expectedVersion: patient.version })),
          patch,
          change,
        );
        context.logger.info('patients.updated', {
          matched: result.matchedCount,
          count: result.changedCount,
          userId: viewer.userId,
        });
        return result;
      },
    );
  },

  deletePatient: (_parent, { id }, context) =>
    audited(context, { action: 'patient.delete', patientIds: [id] }, async (change: ChangeAudit) => {
      const viewer = requireStaff(context, { log: { action: 'deletePatient' } });
      await ownPatient(context, 'deletePatient', id);
      if (!(await context.store.delete(id, change))) throw notFound('Patient', id);
      context.logger.info('patient.deleted', { patientId: id, userId: viewer.userId });
      return id;
    }),
};
