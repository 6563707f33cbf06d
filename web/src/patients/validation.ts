import type { MessageKey } from '../i18n/en';

/**
 * The patient subgraph's input rules (subgraphs/patient/src/data/validation.ts), checked in the
 * browser so the user hears about a mistake at once. The server stays the authority: whatever it
 * still refuses comes back as `extensions.problems` and is shown next to the same fields.
 */
export interface PatientDraft {
  firstName: string;
  lastName: string;
  gender: string;
  dateOfBirth: string;
  mrn: string;
  phone: string;
  email: string;
}

export type PatientField = keyof PatientDraft;
export const PATIENT_FIELDS: readonly PatientField[] = [
  'firstName',
  'lastName',
  'gender',
  'dateOfBirth',
  'mrn',
  'phone',
  'email',
];
export const isPatientField = (field: string): field is PatientField =>
  (PATIENT_FIELDS as readonly string[]).includes(field);
export const EMPTY_DRAFT: PatientDraft = {
  firstName: '',
  lastName: '',
  gender: '',
  dateOfBirth: '',
  mrn: '',
  phone: '',
  email: '',
};
export type DraftErrors = Partial<Record<PatientField, MessageKey>>;

const MAX_NAME = 100;
const MAX_AGE_YEARS = 130;
export const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const PHONE_CHARS = /^\+?[\d\s\-.()]+$/;
const MRN = /^[A-Za-z0-9-]{1,32}$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isCalendarDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export function nameError(value: string): MessageKey | undefined {
  const length = value.trim().length;
  return length < 1 || length > MAX_NAME ? 'validation.name' : undefined;
}

export function emailError(value: string): MessageKey | undefined {
  const email = value.trim();
  return email.length > 254 || !EMAIL.test(email) ? 'validation.email' : undefined;
}

export function phoneError(value: string): MessageKey | undefined {
  if (!PHONE_CHARS.test(value.trim())) return 'validation.phoneChars';
  const digits = value.replace(/\D/g, '').length;
  return digits < 7 || digits > 15 ? 'validation.phoneDigits' : undefined;
}

export function mrnError(value: string): MessageKey | undefined {
  return MRN.test(value.trim()) ? undefined : 'patients.validation.mrn';
}

/** `today` is YYYY-MM-DD (the server's rule is in UTC); ISO dates compare as strings. */
export function dateOfBirthError(value: string, today: string): MessageKey | undefined {
  if (value.trim() === '') return 'validation.required';
  if (!isCalendarDate(value)) return 'validation.date';
  if (value > today) return 'validation.dateFuture';
  const earliest = `${String(Number(today.slice(0, 4)) - MAX_AGE_YEARS).padStart(4, '0')}${today.slice(4)}`;
  return value < earliest ? 'validation.dateTooOld' : undefined;
}

export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function isBlankDraft(draft: PatientDraft): boolean {
  return PATIENT_FIELDS.every((field) => draft[field].trim() === '');
}

/**
 * Every problem of a draft at once. A new patient's MRN is optional (the server generates one); an
 * existing patient's cannot be cleared, so editing passes `requireMrn`.
 */
export function validatePatientDraft(
  draft: PatientDraft,
  today: string,
  { requireMrn = false }: { requireMrn?: boolean } = {},
): DraftErrors {
  const errors: DraftErrors = {};
  const firstName = nameError(draft.firstName);
  if (firstName) errors.firstName = firstName;
  const lastName = nameError(draft.lastName);
  if (lastName) errors.lastName = lastName;
  if (draft.gender === '') errors.gender = 'validation.required';
  const dateOfBirth = dateOfBirthError(draft.dateOfBirth, today);
  if (dateOfBirth) errors.dateOfBirth = dateOfBirth;
  if (draft.mrn.trim() !== '') {
    const mrn = mrnError(draft.mrn);
    if (mrn) errors.mrn = mrn;
  } else if (requireMrn) errors.mrn = 'validation.required';
  if (draft.phone.trim() !== '') {
    const phone = phoneError(draft.phone);
    if (phone) errors.phone = phone;
  }
  if (draft.email.trim() !== '') {
    const email = emailError(draft.email);
    if (email) errors.email = email;
  }
  return errors;
}
