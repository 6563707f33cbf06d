import { notFound, versionConflict } from '@carebridge/common';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import { toNewPatient, toPatientPatch } from '../data/normalize';
import type { PatientRecord } from '../data/records';
import {
  todayUtc,
  validatePatientInput,
  validatePatientInputs,
  validatePatientUpdate,
  type ValidationLookups,
} from '../data/validation';

function lookups({ store }: Context): ValidationLookups {
  return {
    today: todayUtc(),
    findProviderById: (id) => store.findProviderById(id),
    findIdByMrn: (organizationId, mrn) => store.findIdByMrn(organizationId, mrn),
  };
}

// Log lines carry ids and counts only: everything else about a patient is PHI.
export const Mutation: MutationResolvers = {
  createPatient: (_parent, { input }, context) => {
    validatePatientInput(input, lookups(context)).throwIfAny();
    const [patient] = context.store.create([toNewPatient(input)]);
    if (patient === undefined) throw new Error('store.create returned no patient');
    context.logger.info('patient.created', { patientId: patient.id });
    return patient;
  },

  createPatients: (_parent, { inputs }, context) => {
    validatePatientInputs(inputs, lookups(context)).throwIfAny();
    const patients = context.store.create(inputs.map(toNewPatient));
    context.logger.info('patients.created', { count: patients.length });
    return patients;
  },

  updatePatient: (_parent, { id, input, expectedVersion }, context) => {
    const current = context.store.findById(id);
    if (current === undefined) throw notFound('Patient', id);
    // A stale edit is refused before validation: its author must reload before anything else matters.
    if (current.version !== expectedVersion) throw versionConflict('Patient', id, expectedVersion, current.version);
    validatePatientUpdate(input, current, lookups(context)).throwIfAny();
    const patient: PatientRecord = context.store.update(id, toPatientPatch(input), expectedVersion);
    context.logger.info('patient.updated', { patientId: id, version: patient.version });
    return patient;
  },

  deletePatient: (_parent, { id }, context) => {
    if (!context.store.delete(id)) throw notFound('Patient', id);
    context.logger.info('patient.deleted', { patientId: id });
    return id;
  },
};
