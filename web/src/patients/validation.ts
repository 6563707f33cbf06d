import {
  isCountryCode,
  isMrn,
  PATIENT_TEXT_LIMITS,
  personNameProblem,
  phoneProblem,
  textProblem,
  type PatientTextLimit,
  type PersonNameProblem,
  type PhoneProblem,
} from '@carebridge/domain';
import type { MessageKey } from '../i18n/en';
import { dateOfBirthError, emailError } from '../lib/validation';

/**
 * The patient subgraph's input rules (from @carebridge/domain, as subgraphs/patient/src/data/validation.ts
 * applies them), checked in the browser so the user hears about a mistake at once. The server stays the authority: whatever it
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
  /** A provider's id, or '' for none. */
  primaryCarePhysicianId: string;
  /** EN or ES (the server's default is EN). */
  preferredLanguage: string;
  // The optional groups, keyed by the server's problem paths (`address.city`…).
  'address.line1': string;
  'address.line2': string;
  'address.city': string;
  'address.state': string;
  'address.postalCode': string;
  'address.country': string;
  'emergencyContact.name': string;
  'emergencyContact.relationship': string;
  'emergencyContact.phone': string;
  'insurance.provider': string;
  'insurance.policyNumber': string;
}

export type PatientField = keyof PatientDraft;

/**
 * The optional groups of a patient: each is sent only when one of its fields is filled, and then
 * as a whole (the server checks its required parts).
 */
export const PATIENT_GROUPS = {
  address: ['address.line1', 'address.line2', 'address.city', 'address.state', 'address.postalCode', 'address.country'],
  emergencyContact: ['emergencyContact.name', 'emergencyContact.relationship', 'emergencyContact.phone'],
  insurance: ['insurance.provider', 'insurance.policyNumber'],
} as const satisfies Record<string, readonly PatientField[]>;
export type PatientGroup = keyof typeof PATIENT_GROUPS;
export const GROUP_NAMES: readonly PatientGroup[] = ['address', 'emergencyContact', 'insurance'];

export const PATIENT_FIELDS: readonly PatientField[] = [
  'firstName',
  'lastName',
  'gender',
  'dateOfBirth',
  'mrn',
  'phone',
  'email',
  'primaryCarePhysicianId',
  'preferredLanguage',
  ...GROUP_NAMES.flatMap((group) => PATIENT_GROUPS[group]),
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
  primaryCarePhysicianId: '',
  preferredLanguage: 'EN',
  'address.line1': '',
  'address.line2': '',
  'address.city': '',
  'address.state': '',
  'address.postalCode': '',
  'address.country': '',
  'emergencyContact.name': '',
  'emergencyContact.relationship': '',
  'emergencyContact.phone': '',
  'insurance.provider': '',
  'insurance.policyNumber': '',
};

/** Whether any field of `group` is filled: the group is then sent, and its required parts checked. */
export function isGroupFilled(draft: PatientDraft, group: PatientGroup): boolean {
  return PATIENT_GROUPS[group].some((field) => draft[field].trim() !== '');
}
export type DraftErrors = Partial<Record<PatientField, MessageKey>>;

const {
  name: MAX_NAME,
  text: MAX_TEXT,
  postalCode: MAX_POSTAL_CODE,
  policyNumber: MAX_POLICY_NUMBER,
} = PATIENT_TEXT_LIMITS;

const NAME_ERRORS: Record<PersonNameProblem, MessageKey> = {
  length: 'validation.name',
  characters: 'validation.characters',
  formula: 'validation.formula',
};

export function nameError(value: string): MessageKey | undefined {
  const problem = personNameProblem(value);
  return problem && NAME_ERRORS[problem];
}

const PHONE_ERRORS: Record<PhoneProblem, MessageKey> = {
  chars: 'validation.phoneChars',
  digits: 'validation.phoneDigits',
};

export function phoneError(value: string): MessageKey | undefined {
  const problem = phoneProblem(value);
  return problem && PHONE_ERRORS[problem];
}

export function mrnError(value: string): MessageKey | undefined {
  return isMrn(value) ? undefined : 'patients.validation.mrn';
}

/** Blank: every field empty (or spaces), or at its default (the preferred language). */
export function isBlankDraft(draft: PatientDraft): boolean {
  return PATIENT_FIELDS.every((field) => draft[field].trim() === EMPTY_DRAFT[field]);
}

// A limit added to @carebridge/domain without a message here is a type error; the messages name the
// numbers, so a changed limit needs its texts in both catalogues changed too.
const TOO_LONG: Record<PatientTextLimit, MessageKey> = {
  [MAX_NAME]: 'patients.validation.max100',
  [MAX_TEXT]: 'patients.validation.max200',
  [MAX_POLICY_NUMBER]: 'patients.validation.max64',
  [MAX_POSTAL_CODE]: 'patients.validation.max20',
};

/** A required text of a group: not empty, at most `max` characters once trimmed (the server's `checkText`). */
export function textError(value: string, max: PatientTextLimit): MessageKey | undefined {
  const problem = textProblem(value, max);
  if (problem === 'empty') return 'validation.required';
  if (problem === 'characters') return 'validation.characters';
  return problem === 'tooLong' ? TOO_LONG[max] : undefined;
}

/** An ISO 3166-1 alpha-2 code the server knows, in any case. */
export function countryError(value: string): MessageKey | undefined {
  return isCountryCode(value) ? undefined : 'patients.validation.country';
}

/** The server's rules for a filled group (subgraphs/patient/src/data/validation.ts `checkAddress`…). */
function validateGroups(draft: PatientDraft, errors: DraftErrors): void {
  const check = (field: PatientField, error: MessageKey | undefined) => {
    if (error) errors[field] = error;
  };
  if (isGroupFilled(draft, 'address')) {
    check('address.line1', textError(draft['address.line1'], MAX_TEXT));
    if (draft['address.line2'].trim() !== '') check('address.line2', textError(draft['address.line2'], MAX_TEXT));
    check('address.city', textError(draft['address.city'], MAX_TEXT));
    check('address.state', textError(draft['address.state'], MAX_TEXT));
    check('address.postalCode', textError(draft['address.postalCode'], MAX_POSTAL_CODE));
    // Optional: US when empty.
    if (draft['address.country'].trim() !== '') check('address.country', countryError(draft['address.country']));
  }
  if (isGroupFilled(draft, 'emergencyContact')) {
    check('emergencyContact.name', textError(draft['emergencyContact.name'], MAX_NAME));
    check('emergencyContact.relationship', textError(draft['emergencyContact.relationship'], MAX_NAME));
    const phone = draft['emergencyContact.phone'];
    check('emergencyContact.phone', phone.trim() === '' ? 'validation.required' : phoneError(phone));
  }
  if (isGroupFilled(draft, 'insurance')) {
    check('insurance.provider', textError(draft['insurance.provider'], MAX_TEXT));
    check('insurance.policyNumber', textError(draft['insurance.policyNumber'], MAX_POLICY_NUMBER));
  }
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
  // The physician and the language are choices from lists; the server checks the physician's organization.
  validateGroups(draft, errors);
  return errors;
}
