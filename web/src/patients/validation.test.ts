import { describe, expect, it } from 'vitest';
import {
  dateOfBirthError,
  emailError,
  isBlankDraft,
  mrnError,
  nameError,
  phoneError,
  validatePatientDraft,
  type PatientDraft,
} from './validation';

const valid: PatientDraft = {
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
});
