import { CHARACTER_PROBLEM, FORMULA_START_PROBLEM, Problems } from '@carebridge/common';
import {
  dateOfBirthProblem,
  isCountryCode,
  isEmailAddress,
  isMrn,
  MAX_AGE_YEARS,
  PATIENT_TEXT_LIMITS,
  personNameProblem,
  phoneProblem,
  textProblem,
  type DateOfBirthProblem,
  type PatientTextLimit,
  type PersonNameProblem,
  type PhoneProblem,
} from '@carebridge/domain';
import type {
  AddressInput,
  BulkPatientFilter,
  BulkPatientUpdateInput,
  EmergencyContactInput,
  InsuranceInput,
  PatientInput,
  PatientUpdateInput,
} from '../__generated__/schema-types';
import { mrnKey } from './mrn-index';
import type { PatientRecord, ProviderRecord } from './records';
import { MRN_TAKEN, MRN_TAKEN_CODE, type PatientStore } from './store';

/**
 * The rules for patient input, as pure functions that collect every problem with its field path.
 * Messages name the field and the reason but never repeat the submitted value: it is PHI, and
 * error messages end up in logs and screenshots. Texts are checked in NFC, as normalize.ts stores
 * them, and follow the single-line text rule (no control or invisible characters, see
 * @carebridge/domain `characterProblem`); names may not start like a spreadsheet formula either.
 */

/** A new patient whose organization is settled: the caller's (see resolvers/Mutation.ts). */
export type OwnedPatientInput = PatientInput & { organizationId: string };

/**
 * What the rules need to know beyond the input itself. Synchronous, so the rules stay pure:
 * `fetchLookups` reads from the store, before the rules run, what they will ask.
 */
export interface ValidationLookups {
  /** Today's date (YYYY-MM-DD, UTC); given rather than read so the rules are deterministic. */
  today: string;
  findProviderById(id: string): ProviderRecord | undefined;
  /** The holder of `mrn` in the organization (case-insensitive), as `PatientStore.findIdByMrn`. */
  findIdByMrn(organizationId: string, mrn: string): string | undefined;
}

/** What a change names that the rules look up: its organization's MRN and physician. */
export interface LookupNeeds {
  organizationId: string;
  mrn?: string | null;
  primaryCarePhysicianId?: string | null;
}

/**
 * Reads the providers and MRN holders that validating `needs` will ask for (once each, in
 * parallel), and answers them as `ValidationLookups`. A rule asking for anything else is a bug,
 * and throws rather than answering "unknown".
 */
export async function fetchLookups(
  store: Pick<PatientStore, 'findProviderById' | 'findIdByMrn'>,
  today: string,
  needs: readonly LookupNeeds[],
): Promise<ValidationLookups> {
  const providerIds = new Set<string>();
  const mrns = new Map<string, { organizationId: string; mrn: string }>();
  for (const { organizationId, mrn, primaryCarePhysicianId } of needs) {
    if (primaryCarePhysicianId != null) providerIds.add(primaryCarePhysicianId);
    if (mrn != null && isMrn(mrn)) mrns.set(mrnKey(organizationId, mrn.trim()), { organizationId, mrn: mrn.trim() });
  }
  const [providers, holders] = await Promise.all([
    Promise.all([...providerIds].map(async (id) => [id, await store.findProviderById(id)] as const)),
    Promise.all(
      [...mrns].map(
        async ([key, { organizationId, mrn }]) => [key, await store.findIdByMrn(organizationId, mrn)] as const,
      ),
    ),
  ]);
  const providerById = new Map(providers);
  const holderByKey = new Map(holders);
  return {
    today,
    findProviderById: (id) => {
      if (!providerById.has(id)) throw new Error('fetchLookups: a provider was looked up that was not fetched');
      return providerById.get(id);
    },
    findIdByMrn: (organizationId, mrn) => {
      const key = mrnKey(organizationId, mrn);
      if (!holderByKey.has(key)) throw new Error('fetchLookups: an MRN was looked up that was not fetched');
      return holderByKey.get(key);
    },
  };
}

export const MAX_PATIENTS_PER_CALL = 500;
const { name: MAX_NAME, text: MAX_TEXT } = PATIENT_TEXT_LIMITS;

const REQUIRED = 'is required and cannot be cleared';

function checkText(problems: Problems, field: string, value: string, max: PatientTextLimit): void {
  const problem = textProblem(value, max);
  if (problem === 'empty') problems.add(field, 'must not be empty');
  else if (problem === 'tooLong') problems.add(field, `must be at most ${max} characters long`);
  else if (problem === 'characters') problems.add(field, CHARACTER_PROBLEM);
}

const NAME_PROBLEMS: Record<PersonNameProblem, string> = {
  length: `must be 1 to ${MAX_NAME} characters long`,
  characters: CHARACTER_PROBLEM,
  formula: FORMULA_START_PROBLEM,
};

function checkName(problems: Problems, field: string, value: string): void {
  const problem = personNameProblem(value);
  if (problem) problems.add(field, NAME_PROBLEMS[problem]);
}

function checkEmail(problems: Problems, field: string, value: string): void {
  if (!isEmailAddress(value)) problems.add(field, 'must be an email address such as name@example.com');
}

const PHONE_PROBLEMS: Record<PhoneProblem, string> = {
  chars: 'may contain only digits, a leading +, spaces, dashes, dots and parentheses',
  digits: 'must have 7 to 15 digits',
};

function checkPhone(problems: Problems, field: string, value: string): void {
  const problem = phoneProblem(value);
  if (problem) problems.add(field, PHONE_PROBLEMS[problem]);
}

const DATE_OF_BIRTH_PROBLEMS: Record<DateOfBirthProblem, string> = {
  format: 'must be a calendar date written YYYY-MM-DD',
  future: 'must not be in the future',
  tooOld: `must be at most ${MAX_AGE_YEARS} years ago`,
};

function checkDateOfBirth(problems: Problems, field: string, value: string, today: string): void {
  const problem = dateOfBirthProblem(value, today);
  if (problem) problems.add(field, DATE_OF_BIRTH_PROBLEMS[problem]);
}

function checkAddress(problems: Problems, field: string, address: AddressInput): void {
  checkText(problems, `${field}.line1`, address.line1, MAX_TEXT);
  // Optional: empty is no line 2.
  if (address.line2 != null && address.line2.trim() !== '') {
    checkText(problems, `${field}.line2`, address.line2, MAX_TEXT);
  }
  checkText(problems, `${field}.city`, address.city, MAX_TEXT);
  checkText(problems, `${field}.state`, address.state, MAX_TEXT);
  checkText(problems, `${field}.postalCode`, address.postalCode, PATIENT_TEXT_LIMITS.postalCode);
  if (address.country != null && !isCountryCode(address.country)) {
    problems.add(`${field}.country`, 'must be an ISO 3166-1 alpha-2 country code such as US');
  }
}

function checkEmergencyContact(problems: Problems, field: string, contact: EmergencyContactInput): void {
  checkText(problems, `${field}.name`, contact.name, MAX_NAME);
  checkText(problems, `${field}.relationship`, contact.relationship, MAX_NAME);
  checkPhone(problems, `${field}.phone`, contact.phone);
}

function checkInsurance(problems: Problems, field: string, insurance: InsuranceInput): void {
  checkText(problems, `${field}.provider`, insurance.provider, MAX_TEXT);
  checkText(problems, `${field}.policyNumber`, insurance.policyNumber, PATIENT_TEXT_LIMITS.policyNumber);
}

function checkPhysician(
  problems: Problems,
  providerId: string,
  organizationId: string,
  lookups: ValidationLookups,
): void {
  const provider = lookups.findProviderById(providerId);
  if (provider === undefined) problems.add('primaryCarePhysicianId', 'is not a known provider');
  else if (provider.organizationId !== organizationId) {
    problems.add('primaryCarePhysicianId', "must be a provider of the patient's organization");
  }
}

function checkMrn(
  problems: Problems,
  mrn: string,
  organizationId: string,
  patientId: string | null,
  lookups: ValidationLookups,
): void {
  if (!isMrn(mrn)) {
    problems.add('mrn', 'must be 1 to 32 letters, digits or dashes');
    return;
  }
  const holder = lookups.findIdByMrn(organizationId, mrn.trim());
  if (holder !== undefined && holder !== patientId) problems.add('mrn', MRN_TAKEN, MRN_TAKEN_CODE);
}

/** The optional parts shared by new patients and changes; null means absent (or cleared). */
function checkOptionalParts(problems: Problems, input: PatientInput | PatientUpdateInput): void {
  if (input.phone != null) checkPhone(problems, 'phone', input.phone);
  if (input.email != null) checkEmail(problems, 'email', input.email);
  if (input.address != null) checkAddress(problems, 'address', input.address);
  if (input.emergencyContact != null) checkEmergencyContact(problems, 'emergencyContact', input.emergencyContact);
  if (input.insurance != null) checkInsurance(problems, 'insurance', input.insurance);
}

export function validatePatientInput(input: OwnedPatientInput, lookups: ValidationLookups): Problems {
  const problems = new Problems();
  checkName(problems, 'firstName', input.firstName);
  checkName(problems, 'lastName', input.lastName);
  checkDateOfBirth(problems, 'dateOfBirth', input.dateOfBirth, lookups.today);
  checkOptionalParts(problems, input);
  // No check that the organization exists: the resolvers allow only the caller's own, named in a
  // token the gateway signed, and the gateway registers an organization before issuing its tokens.
  // (A list of known ids here refused every clinic that signed up after start-up.)
  if (input.mrn != null) checkMrn(problems, input.mrn, input.organizationId, null, lookups);
  if (input.primaryCarePhysicianId != null) {
    checkPhysician(problems, input.primaryCarePhysicianId, input.organizationId, lookups);
  }
  return problems;
}

/** Validates a bulk registration: each input as `inputs[i].field`, and MRNs unique across the call too. */
export function validatePatientInputs(inputs: readonly OwnedPatientInput[], lookups: ValidationLookups): Problems {
  const problems = new Problems();
  if (inputs.length < 1 || inputs.length > MAX_PATIENTS_PER_CALL) {
    problems.add('inputs', `must contain 1 to ${MAX_PATIENTS_PER_CALL} patients`);
    return problems;
  }
  const mrns = new Set<string>();
  inputs.forEach((input, i) => {
    const inner = validatePatientInput(input, lookups);
    if (input.mrn != null) {
      const key = mrnKey(input.organizationId, input.mrn.trim());
      if (mrns.has(key)) inner.add('mrn', 'is used by another input of this call for the same organization');
      mrns.add(key);
    }
    problems.merge(`inputs[${i}]`, inner);
  });
  return problems;
}

/** Whose change is validated: one patient, or (`id` null) every patient a bulk change selects. */
export type UpdateTarget = Pick<PatientRecord, 'organizationId'> & { readonly id: string | null };

/** Validates a change to `current`: present fields follow the creation rules, required ones cannot be null. */
export function validatePatientUpdate(
  input: PatientUpdateInput,
  current: UpdateTarget,
  lookups: ValidationLookups,
): Problems {
  const problems = new Problems();
  for (const field of ['mrn', 'firstName', 'lastName', 'gender', 'dateOfBirth', 'preferredLanguage'] as const) {
    if (field in input && input[field] === null) problems.add(field, REQUIRED);
  }
  if (input.firstName != null) checkName(problems, 'firstName', input.firstName);
  if (input.lastName != null) checkName(problems, 'lastName', input.lastName);
  if (input.dateOfBirth != null) checkDateOfBirth(problems, 'dateOfBirth', input.dateOfBirth, lookups.today);
  if (input.mrn != null) checkMrn(problems, input.mrn, current.organizationId, current.id, lookups);
  checkOptionalParts(problems, input);
  if (input.primaryCarePhysicianId != null) {
    checkPhysician(problems, input.primaryCarePhysicianId, current.organizationId, lookups);
  }
  return problems;
}

/**
 * Validates a bulk change of patients of `organizationId`: the filter needs a criterion, the input
 * a field, and the input follows the rules of `validatePatientUpdate` (its problems as `input.field`).
 */
export function validateBulkPatientUpdate(
  filter: BulkPatientFilter,
  input: BulkPatientUpdateInput,
  organizationId: string,
  lookups: ValidationLookups,
): Problems {
  const problems = new Problems();
  if (filter.organizationId == null && filter.primaryCarePhysicianId == null) {
    problems.add('filter', 'must have at least one criterion');
  }
  if (Object.keys(input).length === 0) problems.add('input', 'must change at least one field');
  problems.merge('input', validatePatientUpdate(input, { id: null, organizationId }, lookups));
  return problems;
}
