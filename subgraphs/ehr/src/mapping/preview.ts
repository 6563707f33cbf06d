import { badUserInput, type PatientSnapshot } from '@carebridge/common';
import type { CanonicalRecord, PatientReference } from '../data/records';
import type { PatientCopy } from '../delivery/snapshots';

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
    // Key-value mappings never read it (answers are codes); FHIR codings take it from delivery's copy.
    preferredLanguage: 'EN',
  };
  return { patient: snapshot, answers: clinicalAnswers };
}

const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * A preview's record completed with what only change events carry, from delivery's copy of the
 * patient: the preferred language, the codings of each answer whose value is the one delivered,
 * and the questionnaire the answers were given to. A FHIR preview then shows the Bundle exactly as
 * delivery builds it; without a copy (no event yet) the record is previewed as it is.
 */
export function withDeliveryCopy(record: CanonicalRecord, copy: PatientCopy | undefined): CanonicalRecord {
  if (!copy || copy.deleted) return record;
  const delivered = new Map(copy.answers.map((a) => [a.linkId, a]));
  const answers = record.answers.map((answer) => {
    const known = delivered.get(answer.linkId);
    return known?.codings && sameValue(known.value, answer.value) ? { ...answer, codings: known.codings } : answer;
  });
  const language = copy.record?.patient.preferredLanguage;
  return {
    patient: language ? { ...record.patient, preferredLanguage: language } : record.patient,
    answers,
    ...(copy.questionnaire === undefined ? {} : { questionnaire: copy.questionnaire }),
  };
}
