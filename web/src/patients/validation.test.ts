import { describe, expect, it } from 'vitest';
import { dateOfBirthError, emailError } from '../lib/validation';
import {
  countryError,
  EMPTY_DRAFT,
  isBlankDraft,
  mrnError,
  nameError,
  phoneError,
  textError,
  validatePatientDraft,
  type PatientDraft,
} from './validation';

const valid: PatientDraft = {
  ...EMPTY_DRAFT,
  firstName: 'Ana',
  lastName: 'García',
  gender: 'FEMALE',
  dateOfBirth: '1980-02-29',
  mrn: '',
  phone: '',
  email: '',
};

describe('patient validation (mirrors the patient subgraph)', () => {
  it('accepts a complete draft with the optional fields empty', () => {
    expect(validatePatientDraft(valid, '2025-01-01')).toEqual({});
  });

  it('names are 1 to 100 characters once trimmed', () => {
    expect(nameError('  ')).toBe('validation.name');
    expect(nameError('a'.repeat(101))).toBe('validation.name');
    expect(nameError('a'.repeat(100))).toBeUndefined();
  });

  it('refuses control and invisible characters, and names that start like a formula (the text rule)', () => {
    expect(nameError('\u202Eevil')).toBe('validation.characters');
    expect(nameError('=HYPERLINK("x")')).toBe('validation.formula');
    expect(
      validatePatientDraft({ ...valid, 'address.line1': '1 Main St\u0000', 'address.line2': 'x\u200B' }, '2025-01-01'),
    ).toMatchObject({ 'address.line1': 'validation.characters', 'address.line2': 'validation.characters' });
  });

  it('emails need a local part, an @ and a dotted domain', () => {
    expect(emailError('ana@example')).toBe('validation.email');
    expect(emailError('ana@example.com')).toBeUndefined();
  });

  it('phones allow punctuation but need 7 to 15 digits', () => {
    expect(phoneError('+1 (555) 010-2030')).toBeUndefined();
    expect(phoneError('555-01')).toBe('validation.phoneDigits');
    expect(phoneError('1'.repeat(16))).toBe('validation.phoneDigits');
    expect(phoneError('555 CALL NOW')).toBe('validation.phoneChars');
  });

  it('dates of birth are real calendar dates, not in the future, at most 130 years ago', () => {
    expect(dateOfBirthError('2025-01-02', '2025-01-01')).toBe('validation.dateFuture');
    expect(dateOfBirthError('2025-01-01', '2025-01-01')).toBeUndefined();
    expect(dateOfBirthError('1981-02-29', '2025-01-01')).toBe('validation.date');
    expect(dateOfBirthError('1894-12-31', '2025-01-01')).toBe('validation.dateTooOld');
    expect(dateOfBirthError('', '2025-01-01')).toBe('validation.required');
  });

  it('reports every problem of a draft at once', () => {
    const errors = validatePatientDraft({ ...valid, firstName: '', gender: '', phone: '12', email: 'x' }, '2025-01-01');
    expect(Object.keys(errors).sort()).toEqual(['email', 'firstName', 'gender', 'phone']);
  });

  it('MRNs are 1 to 32 letters, digits or dashes; optional when adding, required when editing', () => {
    expect(mrnError('MRN-0001')).toBeUndefined();
    expect(mrnError('MRN 0001')).toBe('patients.validation.mrn');
    expect(mrnError('A'.repeat(33))).toBe('patients.validation.mrn');
    expect(validatePatientDraft({ ...valid, mrn: 'no/slash' }, '2025-01-01')).toEqual({
      mrn: 'patients.validation.mrn',
    });
    expect(validatePatientDraft(valid, '2025-01-01', { requireMrn: true })).toEqual({ mrn: 'validation.required' });
  });

  it('a draft is blank only when every field is empty or spaces', () => {
    expect(isBlankDraft({ ...valid, firstName: ' ', lastName: '', gender: '', dateOfBirth: '' })).toBe(true);
    expect(isBlankDraft({ ...valid, firstName: '', lastName: '', gender: '', dateOfBirth: '', phone: '5' })).toBe(
      false,
    );
  });

  it('a blank draft may keep the default language, not another one', () => {
    expect(isBlankDraft(EMPTY_DRAFT)).toBe(true);
    expect(isBlankDraft({ ...EMPTY_DRAFT, preferredLanguage: 'ES' })).toBe(false);
    expect(isBlankDraft({ ...EMPTY_DRAFT, primaryCarePhysicianId: 'prov-1' })).toBe(false);
  });

  it('an optional group is checked only once started, then with the server’s rules', () => {
    expect(validatePatientDraft({ ...valid, 'address.line2': '  ' }, '2025-01-01')).toEqual({});
    expect(validatePatientDraft({ ...valid, 'address.country': 'us' }, '2025-01-01')).toEqual({
      'address.line1': 'validation.required',
      'address.city': 'validation.required',
      'address.state': 'validation.required',
      'address.postalCode': 'validation.required',
    });
    expect(
      validatePatientDraft(
        {
          ...valid,
          'address.line1': '1 Main St',
          'address.line2': 'a'.repeat(201),
          'address.city': 'c'.repeat(200),
          'address.state': 'IL',
          'address.postalCode': '1'.repeat(21),
          'address.country': 'UK',
          'emergencyContact.name': 'n'.repeat(101),
          'emergencyContact.relationship': 'Spouse',
          'emergencyContact.phone': '555 CALL NOW',
          'insurance.policyNumber': 'BS-1',
        },
        '2025-01-01',
      ),
    ).toEqual({
      'address.line2': 'patients.validation.max200',
      'address.postalCode': 'patients.validation.max20',
      'address.country': 'patients.validation.country',
      'emergencyContact.name': 'patients.validation.max100',
      'emergencyContact.phone': 'validation.phoneChars',
      'insurance.provider': 'validation.required',
    });
  });

  it('texts of a group are required and limited once trimmed; countries are ISO codes in any case', () => {
    expect(textError('  ', 64)).toBe('validation.required');
    expect(textError(` ${'x'.repeat(64)} `, 64)).toBeUndefined();
    expect(textError('x'.repeat(65), 64)).toBe('patients.validation.max64');
    expect(countryError(' mx ')).toBeUndefined();
    // Reserved or withdrawn codes are refused, as the server does.
    expect(countryError('UK')).toBe('patients.validation.country');
    expect(countryError('EU')).toBe('patients.validation.country');
  });
});
