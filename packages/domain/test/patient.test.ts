import { describe, expect, it } from 'vitest';
import {
  dateOfBirthProblem,
  isCountryCode,
  isEmailAddress,
  isMrn,
  ISO_COUNTRY_CODES,
  PATIENT_TEXT_LIMITS,
  personNameProblem,
  phoneProblem,
  textProblem,
} from '../src';

describe('patient field rules', () => {
  it('measures texts once trimmed', () => {
    expect(textProblem('  ', PATIENT_TEXT_LIMITS.text)).toBe('empty');
    expect(textProblem(` ${'x'.repeat(20)} `, PATIENT_TEXT_LIMITS.postalCode)).toBeUndefined();
    expect(textProblem('x'.repeat(21), PATIENT_TEXT_LIMITS.postalCode)).toBe('tooLong');
    expect(personNameProblem(' Ana ')).toBeUndefined();
    expect(personNameProblem(' ')).toBe('length');
    expect(personNameProblem('x'.repeat(101))).toBe('length');
  });

  it('measures texts in NFC and holds them to the text rule', () => {
    const decomposed = 'e\u0301'.repeat(100);
    expect(personNameProblem(decomposed)).toBeUndefined();
    expect(textProblem(decomposed, PATIENT_TEXT_LIMITS.name)).toBeUndefined();
    expect(textProblem('12 Main St\u202E', PATIENT_TEXT_LIMITS.text)).toBe('characters');
    expect(textProblem('a\u0000', PATIENT_TEXT_LIMITS.text)).toBe('characters');
    expect(personNameProblem('\u202Eevil')).toBe('characters');
    expect(personNameProblem('Ana\u200B')).toBe('characters');
    expect(isEmailAddress('ana\u202E@example.com')).toBe(false);
  });

  it('refuses a name that starts like a spreadsheet formula', () => {
    for (const name of ['=HYPERLINK("http://x","y")', '+Ana', '-Ana', '@Ana', ' =1+1']) {
      expect(personNameProblem(name)).toBe('formula');
    }
    expect(personNameProblem('Anne-Marie')).toBeUndefined();
  });

  it('accepts an email address with a dotted domain, at most 254 characters', () => {
    expect(isEmailAddress(' ana@example.com ')).toBe(true);
    expect(isEmailAddress('ana@localhost')).toBe(false);
    expect(isEmailAddress('ana example@example.com')).toBe(false);
    expect(isEmailAddress(`${'a'.repeat(242)}@example.com`)).toBe(true);
    expect(isEmailAddress(`${'a'.repeat(243)}@example.com`)).toBe(false);
  });

  it('checks a phone number for its characters, then its digits', () => {
    expect(phoneProblem('+1 (555) 010-0199')).toBeUndefined();
    expect(phoneProblem('555-CALL-NOW')).toBe('chars');
    expect(phoneProblem('555 01')).toBe('digits');
    expect(phoneProblem('1'.repeat(16))).toBe('digits');
  });

  it('accepts an MRN of 1 to 32 letters, digits or dashes', () => {
    expect(isMrn('MRN-0001')).toBe(true);
    expect(isMrn('MRN 0001')).toBe(false);
    expect(isMrn('x'.repeat(33))).toBe(false);
  });

  it('accepts a date of birth from today back to 130 years', () => {
    expect(dateOfBirthProblem('2026-03-01', '2026-03-01')).toBeUndefined();
    expect(dateOfBirthProblem('1896-03-01', '2026-03-01')).toBeUndefined();
    expect(dateOfBirthProblem('1896-02-29', '2026-03-01')).toBe('tooOld');
    expect(dateOfBirthProblem('2026-03-02', '2026-03-01')).toBe('future');
    expect(dateOfBirthProblem('01/02/1980', '2026-03-01')).toBe('format');
  });

  it('knows the 249 assigned country codes, in any case', () => {
    expect(ISO_COUNTRY_CODES.size).toBe(249);
    expect(isCountryCode(' us ')).toBe(true);
    expect(isCountryCode('UK')).toBe(false);
    expect(isCountryCode('EU')).toBe(false);
  });
});
