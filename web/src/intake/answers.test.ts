import { describe, expect, it } from 'vitest';
import { serverErrors, toAnswers, validateDraft, type Question } from './answers';
import { decodeIntakeToken } from './token';

const questions: Question[] = [
  { linkId: 'smoker', type: 'BOOLEAN', required: true, options: [] },
  { linkId: 'pain', type: 'SINGLE_CHOICE', required: true, options: [{ code: 'MILD' }, { code: 'SEVERE' }] },
  {
    linkId: 'allergies',
    type: 'MULTIPLE_CHOICE',
    required: false,
    options: [{ code: 'PENICILLIN' }, { code: 'LATEX' }, { code: 'NONE' }],
  },
  { linkId: 'notes', type: 'TEXT', required: false, options: [] },
  { linkId: 'weight', type: 'NUMBER', required: false, options: [] },
  { linkId: 'lastVisit', type: 'DATE', required: false, options: [] },
];
const TODAY = '2026-03-01';

describe('intake answers', () => {
  it('requires the required questions only', () => {
    expect(validateDraft(questions, { notes: '  ' }, new Set(), TODAY)).toEqual({
      smoker: 'intake.error.required',
      pain: 'intake.error.required',
    });
    expect(validateDraft(questions, { smoker: 'false', pain: 'MILD' }, new Set(), TODAY)).toEqual({});
  });

  it('checks numbers, dates and the NONE option as the server does', () => {
    const base = { smoker: 'true', pain: 'MILD' };
    const errors = (draft: Record<string, string | string[]>, bad = new Set<string>()) =>
      validateDraft(questions, { ...base, ...draft }, bad, TODAY);
    expect(errors({ weight: '1e999' })).toEqual({ weight: 'intake.error.number' });
    expect(errors({}, new Set(['weight']))).toEqual({ weight: 'intake.error.number' });
    expect(errors({ weight: '-3.5' })).toEqual({});
    expect(errors({ lastVisit: '2026-02-30' })).toEqual({ lastVisit: 'validation.date' });
    expect(errors({ lastVisit: '2026-03-02' })).toEqual({ lastVisit: 'validation.dateFuture' });
    expect(errors({ lastVisit: '1850-01-01' })).toEqual({});
    expect(errors({ allergies: ['LATEX', 'NONE'] })).toEqual({ allergies: 'intake.error.none' });
    expect(errors({ notes: 'x'.repeat(2001) })).toEqual({ notes: 'intake.error.textLength' });
  });

  it('builds one answer per answered question with the value field of its type', () => {
    expect(
      toAnswers(questions, {
        smoker: 'false',
        pain: 'SEVERE',
        allergies: ['LATEX', 'PENICILLIN'],
        notes: ' Since Monday ',
        weight: '70.5',
        lastVisit: '',
      }),
    ).toEqual([
      { linkId: 'smoker', valueBoolean: false },
      { linkId: 'pain', valueCodes: ['SEVERE'] },
      { linkId: 'allergies', valueCodes: ['PENICILLIN', 'LATEX'] },
      { linkId: 'notes', valueString: 'Since Monday' },
      { linkId: 'weight', valueNumber: 70.5 },
    ]);
  });

  it('places the server’s problems at the questions they name', () => {
    const sent = [
      { linkId: 'smoker', valueBoolean: true },
      { linkId: 'pain', valueCodes: ['MILD'] },
    ];
    expect(
      serverErrors(
        [
          { field: 'answers[1].valueCodes[0]', message: "is not one of this question's option codes" },
          { field: 'answers', message: 'must answer the required question weight' },
        ],
        sent,
      ),
    ).toEqual({ errors: { pain: 'intake.error.rejected', weight: 'intake.error.required' }, general: false });
    expect(serverErrors([{ field: 'questionnaireId', message: 'is a retired version' }], sent)).toEqual({
      errors: {},
      general: true,
    });
  });
});

describe('intake token', () => {
  const part = (value: unknown) =>
    btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');

  it('reads the patient and questionnaire from the payload', () => {
    expect(decodeIntakeToken(`${part({ alg: 'EdDSA' })}.${part({ sub: 'pt-1', qid: 'q-1', org: 'o' })}.sig`)).toEqual({
      patientId: 'pt-1',
      questionnaireId: 'q-1',
    });
  });

  it('reads base64url with characters plain base64 spells otherwise', () => {
    // "?>" encodes to "Pz4" and "~~~" to "fn5-": the payload holds - and _ only in base64url.
    const payload = part({ sub: 'pt-?>~~~', qid: 'q-1' });
    expect(payload).toMatch(/[-_]/);
    expect(decodeIntakeToken(`x.${payload}.y`)?.patientId).toBe('pt-?>~~~');
  });

  it('refuses anything else', () => {
    expect(decodeIntakeToken('not-a-token')).toBeNull();
    expect(decodeIntakeToken('a.%%%.c')).toBeNull();
    expect(decodeIntakeToken(`a.${part({ sub: 'pt-1' })}.c`)).toBeNull();
    expect(decodeIntakeToken(`a.${part('string')}.c`)).toBeNull();
  });
});
