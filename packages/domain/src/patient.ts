import { pastDateProblem, yearsBefore, type PastDateProblem } from './dates';
import { characterProblem, normalizeText, startsLikeFormula } from './text';

/**
 * The patient subgraph's field rules, which the web app's patient form checks first. Each answers
 * why a value is refused as a code; the server turns it into an English message at a field path,
 * the browser into a message of its catalogue. Every text is measured in NFC once trimmed, and
 * follows the single-line text rule of `./text` ('characters' when it does not).
 */

/** The longest each kind of patient text may be, in characters. */
export const PATIENT_TEXT_LIMITS = {
  /** First and last names, an emergency contact's name and relationship. */
  name: 100,
  /** Address lines, city, state, the insurer's name. */
  text: 200,
  postalCode: 20,
  policyNumber: 64,
} as const;
export type PatientTextLimit = (typeof PATIENT_TEXT_LIMITS)[keyof typeof PATIENT_TEXT_LIMITS];

/** RFC 5321's longest address. */
export const MAX_EMAIL_LENGTH = 254;

/** How far back a date of birth may be. */
export const MAX_AGE_YEARS = 130;

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const PHONE_CHARS = /^\+?[\d\s\-.()]+$/;
const MRN = /^[A-Za-z0-9-]{1,32}$/;
/** At most E.164's 15 digits. */
const PHONE_DIGITS = { min: 7, max: 15 } as const;

export type TextProblem = 'empty' | 'tooLong' | 'characters';

/** A required text: not empty, at most `max` characters, and only characters the text rule allows. */
export function textProblem(value: string, max: PatientTextLimit): TextProblem | undefined {
  const text = normalizeText(value).trim();
  if (text.length === 0) return 'empty';
  if (text.length > max) return 'tooLong';
  return characterProblem(text) ? 'characters' : undefined;
}

export type PersonNameProblem = 'length' | 'characters' | 'formula';

/** 1 to 100 characters, the text rule's, and not starting like a spreadsheet formula (=, +, -, @). */
export function personNameProblem(value: string): PersonNameProblem | undefined {
  const name = normalizeText(value).trim();
  if (name.length < 1 || name.length > PATIENT_TEXT_LIMITS.name) return 'length';
  if (characterProblem(name)) return 'characters';
  return startsLikeFormula(name) ? 'formula' : undefined;
}

export function isEmailAddress(value: string): boolean {
  const email = normalizeText(value).trim();
  return email.length <= MAX_EMAIL_LENGTH && EMAIL.test(email) && !characterProblem(email);
}

export type PhoneProblem = 'chars' | 'digits';

/** Digits with an optional leading +, spaces, dashes, dots and parentheses; 7 to 15 digits. */
export function phoneProblem(value: string): PhoneProblem | undefined {
  if (!PHONE_CHARS.test(value.trim())) return 'chars';
  const digits = value.replace(/\D/g, '').length;
  return digits < PHONE_DIGITS.min || digits > PHONE_DIGITS.max ? 'digits' : undefined;
}

/** 1 to 32 letters, digits or dashes. */
export function isMrn(value: string): boolean {
  return MRN.test(value.trim());
}

export type DateOfBirthProblem = PastDateProblem | 'tooOld';

/** A calendar date, not after `today` (YYYY-MM-DD, UTC) and at most `MAX_AGE_YEARS` before it. */
export function dateOfBirthProblem(value: string, today: string): DateOfBirthProblem | undefined {
  const problem = pastDateProblem(value, today);
  if (problem) return problem;
  return value < yearsBefore(today, MAX_AGE_YEARS) ? 'tooOld' : undefined;
}
