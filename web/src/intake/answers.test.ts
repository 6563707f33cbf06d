import { describe, expect, it } from 'vitest';
import { parseNumber, serverErrors, toAnswers, toggleChoice, validateDraft, type Question } from './answers';
import { looksLikeLink } from './openLink';

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
  { linkId: 'level', type: 'NUMBER', required: false, options: [], minValue: 0, maxValue: 10, integerOnly: true },
  { linkId: 'lastVisit', type: 'DATE', required: false, options: [] },
];
const TODAY = '2026-03-01';

describe('intake answers', () => {
  it('requires the required questions only', () => {
    expect(validateDraft(questions, { notes: '  ' }, TODAY)).toEqual({
      smoker: 'intake.error.required',
      pain: 'intake.error.required',
    });
    expect(validateDraft(questions, { smoker: 'false', pain: 'MILD' }, TODAY)).toEqual({});
  });

  it('checks numbers, dates and the NONE option as the server does', () => {
    const base = { smoker: 'true', pain: 'MILD' };
    const errors = (draft: Record<string, string | string[]>) => validateDraft(questions, { ...base, ...draft }, TODAY);
    expect(errors({ weight: '1e999' })).toEqual({ weight: 'intake.error.number' });
    expect(errors({ weight: '70 kg' })).toEqual({ weight: 'intake.error.number' });
    expect(errors({ weight: '-3.5' })).toEqual({});
    expect(errors({ weight: '1,5' })).toEqual({});
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
        weight: '70,5',
        level: '3',
        lastVisit: '',
      }),
    ).toEqual([
      { linkId: 'smoker', valueBoolean: false },
      { linkId: 'pain', valueCodes: ['SEVERE'] },
      { linkId: 'allergies', valueCodes: ['PENICILLIN', 'LATEX'] },
      { linkId: 'notes', valueString: 'Since Monday' },
      { linkId: 'weight', valueNumber: 70.5 },
      { linkId: 'level', valueNumber: 3 },
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

describe('number answers', () => {
  it('read a point or a comma as the decimal separator, and nothing else', () => {
    expect([parseNumber('1,5'), parseNumber(' 1.5 '), parseNumber('-2'), parseNumber(',5')]).toEqual([
      1.5, 1.5, -2, 0.5,
    ]);
    expect([parseNumber('1,500.2'), parseNumber('1e3'), parseNumber(''), parseNumber('3 4')]).toEqual([
      NaN,
      NaN,
      NaN,
      NaN,
    ]);
  });

  it('keep to the question’s range and whole numbers, bounds included', () => {
    const level = (typed: string) => validateDraft(questions, { smoker: 'true', pain: 'MILD', level: typed }, TODAY);
    expect([level('0'), level('10')]).toEqual([{}, {}]);
    expect([level('11'), level('-1')]).toEqual([{ level: 'intake.error.range' }, { level: 'intake.error.range' }]);
    expect(level('2,5')).toEqual({ level: 'intake.error.integer' });
  });

  it('take the server’s range codes to their own messages', () => {
    const sent = [{ linkId: 'level', valueNumber: 11 }];
    expect(
      serverErrors(
        [{ field: 'answers[0].valueNumber', message: 'must be from 0 to 10 (level)', code: 'OUT_OF_RANGE' }],
        sent,
      ),
    ).toEqual({ errors: { level: 'intake.error.range' }, general: false });
  });
});

describe('“None of these”', () => {
  it('clears the other choices when ticked, and is cleared when another is ticked', () => {
    expect(toggleChoice(['PENICILLIN', 'LATEX'], 'NONE', true)).toEqual(['NONE']);
    expect(toggleChoice(['NONE'], 'LATEX', true)).toEqual(['LATEX']);
    expect(toggleChoice(['LATEX'], 'PENICILLIN', true)).toEqual(['LATEX', 'PENICILLIN']);
    expect(toggleChoice(['LATEX', 'PENICILLIN'], 'LATEX', false)).toEqual(['PENICILLIN']);
  });
});

describe('intake links', () => {
  it('are a 22-character id or an older link’s token; anything else is refused without asking', () => {
    expect(looksLikeLink('q3V8Xw2kLp0aZ9yTn4Rb7g')).toBe(true);
    expect(looksLikeLink('eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJwdC0xIn0.c2ln')).toBe(true);
    expect(looksLikeLink('not-a-token')).toBe(false);
    expect(looksLikeLink('q3V8Xw2kLp0aZ9yTn4Rb7')).toBe(false);
  });
});
