import type {
  AddressInput,
  EmergencyContactInput,
  Gender,
  InsuranceInput,
  Language,
  PatientInput,
  PatientUpdateInput,
} from '../__generated__/graphql';
import {
  EMPTY_DRAFT,
  isGroupFilled,
  PATIENT_GROUPS,
  type PatientDraft,
  type PatientField,
  type PatientGroup,
} from './validation';

/** The patient fields the forms edit, as the server has them (optional ones may be null). */
export interface PatientValues {
  firstName: string;
  lastName: string;
  gender: Gender;
  dateOfBirth: string;
  mrn: string;
  phone?: string | null;
  email?: string | null;
  preferredLanguage?: Language | null;
  primaryCarePhysician?: { id: string } | null;
  address?: {
    line1: string;
    line2?: string | null;
    city: string;
    state: string;
    postalCode: string;
    country: string;
  } | null;
  emergencyContact?: { name: string; relationship: string; phone: string } | null;
  insurance?: { provider: string; policyNumber: string } | null;
}

const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());

interface GroupInputs {
  address: AddressInput;
  emergencyContact: EmergencyContactInput;
  insurance: InsuranceInput;
}

/** A filled group as the server wants it (its empty optional parts left out), or null when empty. */
export function groupInput<G extends PatientGroup>(draft: PatientDraft, group: G): GroupInputs[G] | null {
  if (!isGroupFilled(draft, group)) return null;
  const inputs: { [K in PatientGroup]: () => GroupInputs[K] } = {
    address: () => ({
      line1: draft['address.line1'].trim(),
      line2: optional(draft['address.line2']),
      city: draft['address.city'].trim(),
      state: draft['address.state'].trim(),
      postalCode: draft['address.postalCode'].trim(),
      country: optional(draft['address.country'].toUpperCase()),
    }),
    emergencyContact: () => ({
      name: draft['emergencyContact.name'].trim(),
      relationship: draft['emergencyContact.relationship'].trim(),
      phone: draft['emergencyContact.phone'].trim(),
    }),
    insurance: () => ({
      provider: draft['insurance.provider'].trim(),
      policyNumber: draft['insurance.policyNumber'].trim(),
    }),
  };
  return withoutUndefined(inputs[group]());
}

/** Leaves out the keys whose value is undefined (an absent optional part, not a null that clears it). */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** A new patient from a (valid) draft: empty optional fields and empty groups are left out. */
export function toPatientInput(draft: PatientDraft): PatientInput {
  return withoutUndefined({
    firstName: draft.firstName.trim(),
    lastName: draft.lastName.trim(),
    gender: draft.gender as Gender,
    dateOfBirth: draft.dateOfBirth,
    mrn: optional(draft.mrn),
    phone: optional(draft.phone),
    email: optional(draft.email),
    primaryCarePhysicianId: optional(draft.primaryCarePhysicianId),
    preferredLanguage: draft.preferredLanguage as Language,
    address: groupInput(draft, 'address') ?? undefined,
    emergencyContact: groupInput(draft, 'emergencyContact') ?? undefined,
    insurance: groupInput(draft, 'insurance') ?? undefined,
  });
}

export function draftOf(patient: PatientValues): PatientDraft {
  const { address, emergencyContact, insurance } = patient;
  return {
    ...EMPTY_DRAFT,
    firstName: patient.firstName,
    lastName: patient.lastName,
    gender: patient.gender,
    dateOfBirth: patient.dateOfBirth,
    mrn: patient.mrn,
    phone: patient.phone ?? '',
    email: patient.email ?? '',
    primaryCarePhysicianId: patient.primaryCarePhysician?.id ?? '',
    preferredLanguage: patient.preferredLanguage ?? EMPTY_DRAFT.preferredLanguage,
    ...(address && {
      'address.line1': address.line1,
      'address.line2': address.line2 ?? '',
      'address.city': address.city,
      'address.state': address.state,
      'address.postalCode': address.postalCode,
      'address.country': address.country,
    }),
    ...(emergencyContact && {
      'emergencyContact.name': emergencyContact.name,
      'emergencyContact.relationship': emergencyContact.relationship,
      'emergencyContact.phone': emergencyContact.phone,
    }),
    ...(insurance && {
      'insurance.provider': insurance.provider,
      'insurance.policyNumber': insurance.policyNumber,
    }),
  };
}

const CORE_FIELDS = ['mrn', 'firstName', 'lastName', 'dateOfBirth'] as const;

/**
 * Only what changed from `initial`, as `updatePatient` wants it: an optional field emptied is sent
 * as null (cleared), an unchanged field is left out. A group that changed is sent whole, or as null
 * once every one of its fields is emptied.
 */
export function changedFields(initial: PatientDraft, draft: PatientDraft): PatientUpdateInput {
  const input: PatientUpdateInput = {};
  const changed = (field: keyof PatientDraft) => draft[field].trim() !== initial[field].trim();
  for (const field of CORE_FIELDS) if (changed(field)) input[field] = draft[field].trim();
  if (changed('gender')) input.gender = draft.gender as Gender;
  for (const field of ['phone', 'email'] as const) {
    if (changed(field)) input[field] = optional(draft[field]) ?? null;
  }
  if (changed('primaryCarePhysicianId')) input.primaryCarePhysicianId = optional(draft.primaryCarePhysicianId) ?? null;
  if (changed('preferredLanguage')) input.preferredLanguage = draft.preferredLanguage as Language;
  if (PATIENT_GROUPS.address.some(changed)) input.address = groupInput(draft, 'address');
  if (PATIENT_GROUPS.emergencyContact.some(changed)) input.emergencyContact = groupInput(draft, 'emergencyContact');
  if (PATIENT_GROUPS.insurance.some(changed)) input.insurance = groupInput(draft, 'insurance');
  return input;
}

/** Whether a draft differs from where its form started: the form then has unsaved changes. */
export function isDraftChanged(initial: PatientDraft, draft: PatientDraft): boolean {
  return (Object.keys(draft) as (keyof PatientDraft)[]).some((field) => draft[field] !== initial[field]);
}

/** A draft rebased on the latest version of its patient (see `rebaseDraft`). */
export interface RebasedDraft {
  /** The latest values with the user's own edits on top. */
  draft: PatientDraft;
  /** Fields someone else changed since the user's form was read, in form order. */
  theirs: PatientField[];
  /** Of those, the ones the user changed too (their own value is kept). */
  both: PatientField[];
}

/**
 * After a version conflict: the user's pending edits (`mine` against the `base` they started from)
 * applied on top of `latest`, and which fields someone else changed meanwhile.
 */
export function rebaseDraft(base: PatientDraft, mine: PatientDraft, latest: PatientDraft): RebasedDraft {
  const draft = { ...latest };
  const theirs: PatientField[] = [];
  const both: PatientField[] = [];
  for (const field of Object.keys(latest) as PatientField[]) {
    const edited = mine[field] !== base[field];
    const changed = latest[field] !== base[field];
    if (edited) draft[field] = mine[field];
    if (changed) theirs.push(field);
    if (changed && edited && mine[field] !== latest[field]) both.push(field);
  }
  return { draft, theirs, both };
}
