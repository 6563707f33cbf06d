import { createLogger, SEED_QUESTIONNAIRE_ID, type IntakeViewer, type Viewer } from '@carebridge/common';
import { createTestAuth, execute, staff, type TestAuth } from '@carebridge/common/testing';
import { MAX_ANSWER_TEXT_LENGTH } from '@carebridge/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import type { QuestionnaireItemInput } from '../src/__generated__/schema-types';
import { createSeededStore } from '../src/data/seed';
import { validateQuestionnaireInput, validateResponseInput } from '../src/data/validation';
import { createService } from '../src/server';
import { fakeDirectory, FIXTURE_INPUT, fixtureQuestionnaire, NOW, responseInput } from './fixtures';

const pain = (range: Partial<QuestionnaireItemInput>): QuestionnaireItemInput => ({
  linkId: 'q.pain',
  category: 'SYMPTOMS',
  type: 'NUMBER',
  text: { en: 'Pain', es: 'Dolor' },
  ...range,
});
const definitionProblems = (item: QuestionnaireItemInput) =>
  validateQuestionnaireInput({ ...FIXTURE_INPUT, items: [item] }).problems.list;

describe('number ranges in a questionnaire definition', () => {
  it('keeps the bounds and the whole-number flag of a NUMBER question', () => {
    const { problems, definition } = validateQuestionnaireInput({
      ...FIXTURE_INPUT,
      items: [pain({ minValue: 0, maxValue: 10, integerOnly: true }), pain({ linkId: 'q.weight', minValue: 0.5 })],
    });
    expect(problems.list).toEqual([]);
    expect(definition.items.map((item) => item.range)).toEqual([{ min: 0, max: 10, integerOnly: true }, { min: 0.5 }]);
  });

  it('stores no range when none is given', () => {
    expect(validateQuestionnaireInput({ ...FIXTURE_INPUT, items: [pain({})] }).definition.items[0]).not.toHaveProperty(
      'range',
    );
  });

  it('refuses a minimum above the maximum, with a code', () => {
    expect(definitionProblems(pain({ minValue: 10, maxValue: 1 }))).toEqual([
      { field: 'items[0].minValue', message: 'must not be greater than maxValue', code: 'MIN_ABOVE_MAX' },
    ]);
  });

  it('refuses a range on a question that is not a NUMBER question', () => {
    expect(definitionProblems({ ...pain({ maxValue: 3 }), type: 'TEXT' })).toEqual([
      { field: 'items[0]', message: 'must not set minValue, maxValue or integerOnly on a TEXT question' },
    ]);
  });
});

describe('short labels for staff', () => {
  it('are kept trimmed in both languages, and at most 80 characters', () => {
    const { problems, definition } = validateQuestionnaireInput({
      ...FIXTURE_INPUT,
      items: [pain({ label: { en: ' Pain level ', es: 'Nivel de dolor' } })],
    });
    expect([problems.list, definition.items[0]?.label]).toEqual([[], { en: 'Pain level', es: 'Nivel de dolor' }]);
    expect(definitionProblems(pain({ label: { en: 'x'.repeat(81), es: 'Dolor' } }))).toEqual([
      { field: 'items[0].label.en', message: 'must be 1 to 80 characters' },
    ]);
  });
});

describe('answers to a NUMBER question with a range', () => {
  const questionnaire = fixtureQuestionnaire({
    items: fixtureQuestionnaire().items.map((item) =>
      item.linkId === 'q.pain' ? { ...item, range: { min: 0, max: 10, integerOnly: true } } : item,
    ),
  });
  const problemsOf = (valueNumber: number) =>
    validateResponseInput(
      responseInput([
        { linkId: 'q.symptoms', valueCodes: ['COUGH'] },
        { linkId: 'q.pain', valueNumber },
      ]),
      questionnaire,
      NOW,
    ).problems.list;

  it.each([0, 7, 10])('accepts %d, bounds included', (value) => {
    expect(problemsOf(value)).toEqual([]);
  });

  it.each([-1, 11, 10.5])('refuses %d outside the range with a code and the linkId, never the value', (value) => {
    expect(problemsOf(value)).toEqual([
      {
        field: 'answers[1].valueNumber',
        message: 'must be from 0 to 10 (q.pain)',
        code: 'OUT_OF_RANGE',
        linkId: 'q.pain',
      },
    ]);
  });

  it('refuses a fraction where whole numbers are asked for', () => {
    expect(problemsOf(2.5)).toEqual([
      {
        field: 'answers[1].valueNumber',
        message: 'must be a whole number (q.pain)',
        code: 'NOT_INTEGER',
        linkId: 'q.pain',
      },
    ]);
  });
});

describe('the clinical subgraph serving ranges and link state', () => {
  let auth: TestAuth;
  beforeAll(async () => {
    auth = await createTestAuth();
  });
  const intake: IntakeViewer = {
    kind: 'intake',
    linkId: 'link-ranges',
    patientId: 'pt-00001',
    organizationId: 'org-riverside',
    questionnaireId: SEED_QUESTIONNAIRE_ID,
  };
  const setup = () => {
    const store = createSeededStore();
    const logger = createLogger('clinical', {}, () => undefined);
    const service = createService({ verifier: auth.verifier, patients: fakeDirectory(auth.verifier), store, logger });
    return async (viewer: Viewer, query: string, variables = {}) =>
      execute(service, query, variables, await auth.headers(viewer));
  };

  it('serves the seeded pain question as whole numbers from 0 to 10, and the free-text limit', async () => {
    const run = setup();
    const result = await run(
      intake,
      `{ questionnaire(id: "${SEED_QUESTIONNAIRE_ID}") { items { linkId label(lang: ES) minValue maxValue integerOnly maxLength } } }`,
    );
    const items = (result.data?.['questionnaire'] as { items: Record<string, unknown>[] }).items;
    expect(items.find((i) => i['linkId'] === 'symptoms.pain_level')).toEqual({
      linkId: 'symptoms.pain_level',
      label: 'Nivel de dolor (0-10)',
      minValue: 0,
      maxValue: 10,
      integerOnly: true,
      maxLength: null,
    });
    expect(items.find((i) => i['linkId'] === 'symptoms.other')).toEqual({
      linkId: 'symptoms.other',
      label: 'Otros síntomas',
      minValue: null,
      maxValue: null,
      integerOnly: false,
      maxLength: MAX_ANSWER_TEXT_LENGTH,
    });
  });

  it('refuses a pain level of 11 through the graph, naming the question and not the value', async () => {
    const run = setup();
    const result = await run(
      intake,
      `mutation ($input: QuestionnaireResponseInput!) { submitQuestionnaireResponse(input: $input) { id } }`,
      {
        input: {
          patientId: intake.patientId,
          questionnaireId: SEED_QUESTIONNAIRE_ID,
          language: 'EN',
          answers: [{ linkId: 'symptoms.pain_level', valueNumber: 11 }],
        },
      },
    );
    const error = result.errors?.[0];
    expect(error?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(error?.extensions?.['problems']).toContainEqual({
      field: 'answers[0].valueNumber',
      message: 'must be from 0 to 10 (symptoms.pain_level)',
      code: 'OUT_OF_RANGE',
      linkId: 'symptoms.pain_level',
    });
    expect(error?.message).not.toContain('11');
  });

  it('tells an intake link whether it has answered, and a staff token that it is no link', async () => {
    const run = setup();
    expect((await run(intake, '{ intakeLinkUsed }')).data).toEqual({ intakeLinkUsed: false });
    expect((await run(staff('org-riverside'), '{ intakeLinkUsed }')).data).toEqual({ intakeLinkUsed: null });
  });
});
