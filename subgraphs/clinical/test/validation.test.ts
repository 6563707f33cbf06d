import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { QuestionnaireInput, QuestionnaireItemInput } from '../src/__generated__/schema-types';
import { createQuestionnaire, publishQuestionnaireVersion, submitQuestionnaireResponse } from '../src/data/commands';
import { InMemoryClinicalStore } from '../src/data/store';
import { validateQuestionnaireInput, validateResponseInput } from '../src/data/validation';
import { FIXTURE_INPUT, fixtureQuestionnaire, NOW, responseInput } from './fixtures';

const withItems = (items: QuestionnaireItemInput[]): QuestionnaireInput => ({ ...FIXTURE_INPUT, items });
const questionnaireProblems = (input: QuestionnaireInput) => validateQuestionnaireInput(input).problems.list;
const text = { en: 'Question', es: 'Pregunta' };
const two = [
  { code: 'A', label: { en: 'A', es: 'A' } },
  { code: 'B', label: { en: 'B', es: 'B' } },
];

async function thrown(run: () => unknown): Promise<GraphQLError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof GraphQLError) return error;
    throw error;
  }
  throw new Error('expected a GraphQLError');
}

describe('questionnaire definitions', () => {
  it('accepts a valid definition, trimming texts and defaulting required and options', () => {
    const { problems, definition } = validateQuestionnaireInput(
      withItems([{ linkId: 'a.b_c-1', category: 'SYMPTOMS', type: 'TEXT', text: { en: '  Other? ', es: ' ¿Otro? ' } }]),
    );
    expect(problems.list).toEqual([]);
    expect(definition).toEqual({
      name: 'fixture-intake',
      title: { en: 'Fixture', es: 'Prueba' },
      items: [
        {
          linkId: 'a.b_c-1',
          category: 'SYMPTOMS',
          type: 'TEXT',
          text: { en: 'Other?', es: '¿Otro?' },
          options: [],
          required: false,
        },
      ],
    });
  });

  it.each(['ab', 'Pre-visit', 'pre visit', 'x'.repeat(61)])('refuses the name %j', (name) => {
    expect(questionnaireProblems({ ...FIXTURE_INPUT, name })).toEqual([
      { field: 'name', message: 'must be 3 to 60 lowercase letters, digits or dashes' },
    ]);
  });

  it('needs every text in English and Spanish, 1 to 500 characters after trimming', () => {
    expect(questionnaireProblems({ ...FIXTURE_INPUT, title: { en: '   ', es: 'x'.repeat(501) } })).toEqual([
      { field: 'title.en', message: 'must be 1 to 500 characters' },
      { field: 'title.es', message: 'must be 1 to 500 characters' },
    ]);
  });

  it('refuses control and invisible characters in titles, question texts and labels, and keeps them in NFC', () => {
    const CHARS = 'contains a control or invisible character';
    const input: QuestionnaireInput = {
      ...withItems([
        { linkId: 'q1', category: 'SYMPTOMS', type: 'TEXT', text: { en: 'Other?\u202E', es: '¿Otro?\n' } },
        {
          linkId: 'q2',
          category: 'SYMPTOMS',
          type: 'SINGLE_CHOICE',
          text: { en: 'Pick', es: 'Elija' },
          options: [
            { code: 'A', label: { en: 'A\u200B', es: 'A' } },
            { code: 'B', label: { en: 'B', es: 'B\u001B[0m' } },
          ],
        },
      ]),
      title: { en: 'Intake\u0000', es: 'Admisio\u0301n' },
    };
    const { problems, definition } = validateQuestionnaireInput(input);
    expect(problems.list).toEqual([
      { field: 'title.en', message: CHARS },
      { field: 'items[0].text.en', message: CHARS },
      { field: 'items[1].options[0].label.en', message: CHARS },
      { field: 'items[1].options[1].label.es', message: CHARS },
    ]);
    // A line break at the end is trimmed away; inside a single-line text it is refused.
    expect(
      questionnaireProblems(
        withItems([{ linkId: 'q', category: 'SYMPTOMS', type: 'TEXT', text: { en: 'a\nb', es: 'b' } }]),
      ),
    ).toEqual([{ field: 'items[0].text.en', message: CHARS }]);
    expect(definition.title.es).toBe('Admisión');
  });

  it('needs 1 to 200 questions', () => {
    const item: QuestionnaireItemInput = { linkId: 'q', category: 'SYMPTOMS', type: 'TEXT', text };
    const many = Array.from({ length: 201 }, (_, i) => ({ ...item, linkId: `q${i}` }));
    expect(questionnaireProblems(withItems([]))).toEqual([{ field: 'items', message: 'must hold 1 to 200 questions' }]);
    expect(questionnaireProblems(withItems(many))).toEqual([
      { field: 'items', message: 'must hold 1 to 200 questions' },
    ]);
  });

  it('refuses malformed and repeated linkIds', () => {
    const item = (linkId: string): QuestionnaireItemInput => ({ linkId, category: 'SYMPTOMS', type: 'TEXT', text });
    expect(questionnaireProblems(withItems([item('ok'), item('has space'), item('ok'), item('')]))).toEqual([
      { field: 'items[1].linkId', message: 'must be 1 to 64 letters, digits, dots, dashes or underscores' },
      { field: 'items[2].linkId', message: 'repeats the linkId of items[0]' },
      { field: 'items[3].linkId', message: 'must be 1 to 64 letters, digits, dots, dashes or underscores' },
    ]);
  });

  it('needs at least two options with valid, unique codes and bilingual labels for choice questions', () => {
    const problems = questionnaireProblems(
      withItems([
        { linkId: 'one', category: 'ALLERGIES', type: 'SINGLE_CHOICE', text, options: [two[0]!] },
        { linkId: 'none', category: 'ALLERGIES', type: 'MULTIPLE_CHOICE', text },
        {
          linkId: 'bad',
          category: 'ALLERGIES',
          type: 'MULTIPLE_CHOICE',
          text,
          options: [
            { code: 'peanuts', label: { en: 'Peanuts', es: 'Maní' } },
            { code: 'LATEX', label: { en: 'Latex', es: '' } },
            { code: 'LATEX', label: { en: 'Latex', es: 'Látex' } },
          ],
        },
      ]),
    );
    expect(problems).toEqual([
      { field: 'items[0].options', message: 'must list 2 to 100 options for a choice question' },
      { field: 'items[1].options', message: 'must list 2 to 100 options for a choice question' },
      { field: 'items[2].options[0].code', message: 'must be 1 to 64 uppercase letters, digits or underscores' },
      { field: 'items[2].options[1].label.es', message: 'must be 1 to 500 characters' },
      { field: 'items[2].options[2].code', message: 'repeats the code of items[2].options[1]' },
    ]);
  });

  it('refuses options on questions that are not choice questions', () => {
    expect(
      questionnaireProblems(withItems([{ linkId: 'n', category: 'SYMPTOMS', type: 'NUMBER', text, options: two }])),
    ).toEqual([{ field: 'items[0].options', message: 'must be empty for a NUMBER question' }]);
  });

  it('refuses to create a questionnaire whose name is in use, and creates nothing', async () => {
    const store = new InMemoryClinicalStore();
    await createQuestionnaire(store, FIXTURE_INPUT, { now: NOW, organizationId: 'org-riverside' });
    const error = await thrown(() =>
      createQuestionnaire(store, FIXTURE_INPUT, { now: NOW, organizationId: 'org-riverside' }),
    );
    expect(error.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      problems: [
        { field: 'name', message: 'is already used by another questionnaire; publish a new version of it instead' },
      ],
    });
    expect((await store.questionnaireVersions('fixture-intake')).map((q) => q.version)).toEqual([1]);
  });

  it('answers NOT_FOUND when publishing a version of an unknown questionnaire', async () => {
    const error = await thrown(() =>
      publishQuestionnaireVersion(new InMemoryClinicalStore(), FIXTURE_INPUT, {
        now: NOW,
        organizationId: 'org-riverside',
      }),
    );
    expect(error.extensions).toEqual({ code: 'NOT_FOUND', typename: 'Questionnaire', id: 'fixture-intake' });
  });
});

describe('questionnaire responses', () => {
  const questionnaire = fixtureQuestionnaire();
  const check = (answers: Parameters<typeof responseInput>[0]) =>
    validateResponseInput(responseInput(answers), questionnaire, NOW);
  const symptoms = { linkId: 'q.symptoms', valueCodes: ['COUGH'] };
  const problemsOf = (...answers: Parameters<typeof responseInput>[0]) => check([symptoms, ...answers]).problems.list;

  it('stores answers in the questionnaire order, codes in option order and text trimmed', () => {
    const result = check([
      { linkId: 'q.checkup', valueDate: '2026-03-01' },
      { linkId: 'q.other', valueString: '  Itchy eyes ' },
      { linkId: 'q.symptoms', valueCodes: ['FEVER', 'COUGH'] },
      { linkId: 'q.pain', valueNumber: 0 },
      { linkId: 'q.travel', valueBoolean: false },
      { linkId: 'q.tobacco', valueCodes: ['NEVER'] },
    ]);
    expect(result.problems.list).toEqual([]);
    expect(result.answers).toEqual([
      { linkId: 'q.symptoms', valueCodes: ['COUGH', 'FEVER'] },
      { linkId: 'q.tobacco', valueCodes: ['NEVER'] },
      { linkId: 'q.travel', valueBoolean: false },
      { linkId: 'q.other', valueString: 'Itchy eyes' },
      { linkId: 'q.pain', valueNumber: 0 },
      { linkId: 'q.checkup', valueDate: '2026-03-01' },
    ]);
  });

  it('accepts only the ACTIVE version', () => {
    const retired = fixtureQuestionnaire({ status: 'RETIRED' });
    expect(validateResponseInput(responseInput([symptoms]), retired, NOW).problems.list).toEqual([
      { field: 'questionnaireId', message: 'is a retired version; answer the ACTIVE version of this questionnaire' },
    ]);
  });

  it('refuses unknown questions and a second answer to the same question', () => {
    expect(
      problemsOf({ linkId: 'q.nope', valueBoolean: true }, { linkId: 'q.symptoms', valueCodes: ['FEVER'] }),
    ).toEqual([
      { field: 'answers[1].linkId', message: 'is not a question of this questionnaire version' },
      { field: 'answers[2].linkId', message: 'answers the same question as answers[0]' },
    ]);
  });

  it('needs exactly one value field, the one matching the question type', () => {
    expect(
      problemsOf(
        { linkId: 'q.travel' },
        { linkId: 'q.pain', valueNumber: 3, valueString: '3' },
        { linkId: 'q.other', valueCodes: ['COUGH'] },
      ),
    ).toEqual([
      { field: 'answers[1]', message: 'must set exactly one value field: valueBoolean for a BOOLEAN question' },
      { field: 'answers[2]', message: 'must set exactly one value field: valueNumber for a NUMBER question' },
      { field: 'answers[3].valueCodes', message: 'does not match the TEXT question: set valueString instead' },
    ]);
  });

  it('needs exactly one code for a single choice and at least one unique code for a multiple choice', () => {
    expect(check([{ linkId: 'q.symptoms', valueCodes: [] }]).problems.list).toEqual([
      { field: 'answers[0].valueCodes', message: 'must hold at least one code' },
    ]);
    expect(check([{ linkId: 'q.symptoms', valueCodes: ['COUGH', 'COUGH'] }]).problems.list).toEqual([
      { field: 'answers[0].valueCodes', message: 'must not repeat a code' },
    ]);
    expect(problemsOf({ linkId: 'q.tobacco', valueCodes: ['NEVER', 'CURRENT'] })).toEqual([
      { field: 'answers[1].valueCodes', message: 'must hold exactly one code' },
    ]);
  });

  it("refuses codes that are not the question's options, and NONE with other codes", () => {
    expect(check([{ linkId: 'q.symptoms', valueCodes: ['COUGH', 'Tos', 'NONE'] }]).problems.list).toEqual([
      { field: 'answers[0].valueCodes[1]', message: "is not one of this question's option codes" },
      { field: 'answers[0].valueCodes', message: 'must not combine NONE with other codes' },
    ]);
  });

  it('needs text of 1 to 2000 characters and a finite number', () => {
    expect(
      problemsOf({ linkId: 'q.other', valueString: '   ' }, { linkId: 'q.pain', valueNumber: Number.NaN }),
    ).toEqual([
      { field: 'answers[1].valueString', message: 'must be 1 to 2000 characters' },
      { field: 'answers[2].valueNumber', message: 'must be a finite number' },
    ]);
    expect(problemsOf({ linkId: 'q.other', valueString: 'x'.repeat(2001) })).toEqual([
      { field: 'answers[1].valueString', message: 'must be 1 to 2000 characters' },
    ]);
  });

  it('refuses control and invisible characters in free-text answers, allowing line breaks, tabs and joiners', () => {
    const CHARS = 'contains a control or invisible character';
    for (const valueString of ['a\u0000b', '\u202Eevil', 'zero\u200Bwidth', 'lone \uD800', '\u001B[31mred', 'a\rb']) {
      expect(problemsOf({ linkId: 'q.other', valueString })).toEqual([
        { field: 'answers[1].valueString', message: CHARS },
      ]);
    }
    const multiline = 'Cough at night\n\t- worse when lying down\nalso 👩\u200D⚕️ said rest';
    const accepted = check([symptoms, { linkId: 'q.other', valueString: multiline }]);
    expect(accepted.problems.list).toEqual([]);
    expect(accepted.answers[1]).toEqual({ linkId: 'q.other', valueString: multiline });
    const decomposed = 'Vo\u0301mitos y nau\u0301seas';
    expect(check([symptoms, { linkId: 'q.other', valueString: decomposed }]).answers[1]).toEqual({
      linkId: 'q.other',
      valueString: 'Vómitos y naúseas',
    });
  });

  it('refuses dates that are not calendar dates or are in the future everywhere on Earth', () => {
    // At 2026-03-01T12:00Z it is already 2026-03-02 in UTC+14, so that date is still a real "today".
    expect(problemsOf({ linkId: 'q.checkup', valueDate: '2026-03-02' })).toEqual([]);
    expect(problemsOf({ linkId: 'q.checkup', valueDate: '2026-03-03' })).toEqual([
      { field: 'answers[1].valueDate', message: 'must not be in the future' },
    ]);
    expect(problemsOf({ linkId: 'q.checkup', valueDate: '2025-02-30' })).toEqual([
      { field: 'answers[1].valueDate', message: 'must be a calendar date written YYYY-MM-DD' },
    ]);
  });

  it('needs every required question answered', () => {
    expect(check([{ linkId: 'q.travel', valueBoolean: true }]).problems.list).toEqual([
      { field: 'answers', message: 'must answer the required question q.symptoms' },
    ]);
  });

  it('stores nothing when any answer is invalid', async () => {
    const store = new InMemoryClinicalStore();
    await store.addQuestionnaireVersion(questionnaire);
    const input = responseInput([symptoms, { linkId: 'q.pain', valueString: 'seven' }]);
    const error = await thrown(() =>
      submitQuestionnaireResponse(store, input, { now: NOW, submittedBy: 'user-1', organizationId: 'org-riverside' }),
    );
    expect(error.extensions?.code).toEqual('BAD_USER_INPUT');
    expect(await store.responsesOfPatient('pt-00001')).toEqual([]);
  });

  it('answers NOT_FOUND for an unknown questionnaire version', async () => {
    const input = { ...responseInput([symptoms]), questionnaireId: 'qn-gone' };
    const error = await thrown(() =>
      submitQuestionnaireResponse(new InMemoryClinicalStore(), input, {
        now: NOW,
        submittedBy: 'user-1',
        organizationId: 'org-riverside',
      }),
    );
    expect(error.extensions).toEqual({ code: 'NOT_FOUND', typename: 'Questionnaire', id: 'qn-gone' });
  });

  it('never repeats a submitted value in an error message', async () => {
    const secrets = ['HIV_POSITIVE', 'Secret diagnosis text', '2099-12-31', '123456.789', 'PRIVATE_CODE'];
    const store = new InMemoryClinicalStore();
    await store.addQuestionnaireVersion(questionnaire);
    const input = responseInput([
      { linkId: 'q.symptoms', valueCodes: ['HIV_POSITIVE', 'PRIVATE_CODE'] },
      { linkId: 'q.tobacco', valueString: 'Secret diagnosis text' },
      { linkId: 'q.checkup', valueDate: '2099-12-31' },
      { linkId: 'q.other', valueNumber: 123456.789 },
      { linkId: 'q.travel', valueBoolean: true, valueString: 'Secret diagnosis text' },
    ]);
    const error = await thrown(() =>
      submitQuestionnaireResponse(store, input, { now: NOW, submittedBy: 'user-1', organizationId: 'org-riverside' }),
    );
    const texts = [error.message, JSON.stringify(error.extensions)];
    expect(secrets.filter((secret) => texts.some((t) => t.includes(secret)))).toEqual([]);
    // The error still explains every problem, by field.
    expect((error.extensions?.problems as { field: string }[]).map((p) => p.field)).toEqual([
      'answers[0].valueCodes[0]',
      'answers[0].valueCodes[1]',
      'answers[1].valueString',
      'answers[2].valueDate',
      'answers[3].valueNumber',
      'answers[4]',
    ]);
  });
});
