import { badUserInput, type PatientSnapshot } from '@carebridge/common';
import type { CanonicalRecord, PatientReference } from '../data/records';

/**
 * The canonical record of a patient representation: the fields `Patient.ehrPreview` @requires,
 * as the patient and clinical subgraphs provide them through the gateway.
 */
export function canonicalRecordOf(patient: PatientReference, organizationId: string): CanonicalRecord {
  const { mrn, firstName, lastName, gender, dateOfBirth, clinicalAnswers } = patient;
  if (
    mrn == null ||
    firstName == null ||
    lastName == null ||
    gender == null ||
    dateOfBirth == null ||
    !Array.isArray(clinicalAnswers)
  ) {
    // Only reachable when called without the gateway, which always supplies @requires fields.
    throw badUserInput([{ field: 'representation', message: 'Patient.ehrPreview needs its @requires fields' }]);
  }
  const snapshot: PatientSnapshot = {
    id: patient.id,
    organizationId,
    mrn,
    firstName,
    lastName,
    gender,
    dateOfBirth,
    phone: patient.phone ?? null,
    email: patient.email ?? null,
    address: patient.address ?? null,
    emergencyContact: patient.emergencyContact ?? null,
    insurance: patient.insurance ?? null,
    primaryCarePhysician: patient.primaryCarePhysician ?? null,
    // Mappings never read it (answers are codes, the same in every language); the snapshot type wants one.
    preferredLanguage: 'EN',
  };
  return { patient: snapshot, answers: clinicalAnswers };
}
