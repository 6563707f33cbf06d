import type { Gender, PatientInput, PatientUpdateInput } from '../__generated__/graphql';
import { PATIENT_FIELDS, type PatientDraft } from './validation';

/** The patient fields the forms edit, as the server has them (optional ones may be null). */
export interface PatientValues {
  firstName: string;
  lastName: string;
  gender: Gender;
  dateOfBirth: string;
  mrn: string;
  phone?: string | null;
  email?: string | null;
}

const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());

/** A new patient from a (valid) draft: empty optional fields are left out. */
export function toPatientInput(draft: PatientDraft): PatientInput {
  return {
    firstName: draft.firstName.trim(),
    lastName: draft.lastName.trim(),
    gender: draft.gender as Gender,
    dateOfBirth: draft.dateOfBirth,
    mrn: optional(draft.mrn),
    phone: optional(draft.phone),
    email: optional(draft.email),
  };
}

export function draftOf(patient: PatientValues): PatientDraft {
  return {
    firstName: patient.firstName,
    lastName: patient.lastName,
    gender: patient.gender,
    dateOfBirth: patient.dateOfBirth,
    mrn: patient.mrn,
    phone: patient.phone ?? '',
    email: patient.email ?? '',
  };
}

/**
 * Only what changed from `initial`, as `updatePatient` wants it: an optional field emptied is sent
 * as null (cleared), an unchanged field is left out.
 */
export function changedFields(initial: PatientDraft, draft: PatientDraft): PatientUpdateInput {
  const input: PatientUpdateInput = {};
  for (const field of PATIENT_FIELDS) {
    const value = draft[field].trim();
    if (value === initial[field].trim()) continue;
    if (field === 'gender') input.gender = value as Gender;
    else if (field === 'phone' || field === 'email') input[field] = value === '' ? null : value;
    else input[field] = value;
  }
  return input;
}
