import { SEED_QUESTIONNAIRE_ID } from '@carebridge/common';
import { createTestAuth, execute, staff, type TestAuth } from '@carebridge/common/testing';
import { NONE_CODE } from '@carebridge/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { ANSWER_OPTION_SYSTEM, RXNORM, SNOMED_CT } from '../src/data/codings';
import { answeredEvent } from '../src/data/events';
import type { QuestionnaireRecord, QuestionnaireResponseRecord } from '../src/data/records';
import { SEED_QUESTIONNAIRE } from '../src/data/seed-questionnaire';
import { validateQuestionnaireInput } from '../src/data/validation';
import { createService } from '../src/server';
import { fakeDirectory, FIXTURE_INPUT } from './fixtures';

/** Answer option codings: in the seeded questionnaire, through createQuestionnaire, and in events. */

const seeded: QuestionnaireRecord = {
  ...validateQuestionnaireInput(SEED_QUESTIONNAIRE).definition,
  id: SEED_QUESTIONNAIRE_ID,
  organizationId: null,
  version: 1,
  status: 'ACTIVE',
  publishedAt: '2026-01-05T09:00:00.000Z',
};

const response = (language: 'EN' | 'ES'): QuestionnaireResponseRecord => ({
  id: `qr-${language}`,
  patientId: 'pt-1',
  organizationId: 'org-riverside',
  questionnaireId: SEED_QUESTIONNAIRE_ID,
  language,
  answers: [
    { linkId: 'symptoms.current', valueCodes: ['HEADACHE', 'CHEST_PAIN'] },
    { linkId: 'allergies.known', valueCodes: ['PENICILLIN', 'SHELLFISH'] },
    { linkId: 'medications.current', valueCodes: ['METFORMIN'] },
    { linkId: 'history.conditions', valueCodes: ['DIABETES', 'SERIOUS_INJURY'] },
    { linkId: 'social.tobacco', valueCodes: ['CURRENT'] },
    { linkId: 'family.conditions', valueCodes: ['NONE'] },
    { linkId: 'symptoms.pain_level', valueNumber: 2 },
  ],
  submittedAt: '2026-02-01T10:00:00.000Z',
  submittedBy: 'user-1',
});

const eventOf = (record: QuestionnaireResponseRecord) => {
  const event = answeredEvent(record, [record], (id) => (id === seeded.id ? seeded : undefined));
  if (event.type !== 'clinical.answered') throw new Error('not an answered event');
  return event;
};

describe('the seeded questionnaire’s codings', () => {
  it('gives every option but NONE a coding; NONE has none', () => {
    const options = seeded.items.flatMap((item) => item.options.map((option) => ({ item, option })));
    expect(options.length).toBeGreaterThan(40);
    for (const { item, option } of options) {
      const where = `${item.linkId} ${option.code}`;
      if (option.code === NONE_CODE) expect([where, option.coding]).toEqual([where, undefined]);
      else expect([where, option.coding?.system]).toEqual([where, expect.any(String)]);
    }
  });

  it('codes medicines in RxNorm, takes SNOMED CT elsewhere where it can, and the platform codes otherwise', () => {
    const byItem = (linkId: string) =>
      Object.fromEntries(
        seeded.items
          .find((item) => item.linkId === linkId)!
          .options.filter((option) => option.coding)
          .map((option) => [option.code, `${option.coding!.system}|${option.coding!.code}`]),
      );
    expect(Object.values(byItem('medications.current')).every((coding) => coding.startsWith(`${RXNORM}|`))).toBe(true);
    expect(byItem('medications.current')['LISINOPRIL']).toBe(`${RXNORM}|29046`);
    expect(byItem('symptoms.current')['SHORTNESS_OF_BREATH']).toBe(`${SNOMED_CT}|267036007`);
    expect(byItem('allergies.known')['PEANUTS']).toBe(`${SNOMED_CT}|762952008`);
    expect(byItem('history.conditions')['SERIOUS_INJURY']).toBe(`${ANSWER_OPTION_SYSTEM}|SERIOUS_INJURY`);
    expect(byItem('social.tobacco')).toEqual({
      NEVER: `${SNOMED_CT}|266919005`,
      FORMER: `${SNOMED_CT}|8517006`,
      CURRENT: `${SNOMED_CT}|77176002`,
    });
    expect(byItem('social.drugs')['PAST']).toBe(`${ANSWER_OPTION_SYSTEM}|PAST`);
  });
});

describe('codings in clinical.answered events', () => {
  it('are the same for a Spanish and an English response with the same codes', () => {
    const english = eventOf(response('EN'));
    const spanish = eventOf(response('ES'));
    expect(spanish.answers.map((answer) => answer.codings)).toEqual(english.answers.map((answer) => answer.codings));
    expect(english.answers.find((answer) => answer.linkId === 'allergies.known')?.codings).toEqual([
      { system: SNOMED_CT, code: '764146007', display: { en: 'Penicillin', es: 'Penicilina' } },
      { system: SNOMED_CT, code: '735029006', display: { en: 'Shellfish', es: 'Mariscos' } },
    ]);
  });

  it('give each chosen option a coding, in value order, NONE included in the platform codes, and none to other answers', () => {
    const answers = eventOf(response('ES')).answers;
    const codes = (linkId: string) =>
      answers.find((answer) => answer.linkId === linkId)?.codings?.map((coding) => `${coding.system}|${coding.code}`);
    expect(codes('history.conditions')).toEqual([`${SNOMED_CT}|73211009`, `${ANSWER_OPTION_SYSTEM}|SERIOUS_INJURY`]);
    expect(codes('medications.current')).toEqual([`${RXNORM}|6809`]);
    expect(codes('family.conditions')).toEqual([`${ANSWER_OPTION_SYSTEM}|NONE`]);
    expect(answers.find((answer) => answer.linkId === 'symptoms.pain_level')).not.toHaveProperty('codings');
  });

  it('name the questionnaire by its canonical URL and version', () => {
    expect(eventOf(response('EN')).questionnaire).toEqual({
      url: 'https://carebridge.example/fhir/Questionnaire/pre-visit-intake',
      version: '1',
    });
  });
});

describe('option codings through the graph', () => {
  let auth: TestAuth;
  beforeAll(async () => {
    auth = await createTestAuth();
  });

  const CREATE = `mutation ($input: QuestionnaireInput!) {
    createQuestionnaire(input: $input) { items { linkId options { code coding { system code } } } }
  }`;

  it('createQuestionnaire stores an option’s coding and AnswerOption.coding serves it (null without one)', async () => {
    const service = createService({ verifier: auth.verifier, patients: fakeDirectory(auth.verifier) });
    const headers = await auth.headers(staff('org-riverside'));
    const created = await execute<{ createQuestionnaire: { items: { linkId: string; options: unknown[] }[] } }>(
      service,
      CREATE,
      { input: FIXTURE_INPUT },
      headers,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createQuestionnaire.items[0]).toEqual({
      linkId: 'q.symptoms',
      options: [
        { code: 'COUGH', coding: null },
        { code: 'FEVER', coding: { system: SNOMED_CT, code: '386661006' } },
        { code: 'NONE', coding: null },
      ],
    });
    const seededQuery = `{ questionnaire(id: "${SEED_QUESTIONNAIRE_ID}") { items { options { code coding { code } } } } }`;
    const read = await execute<{ questionnaire: { items: { options: { coding: unknown }[] }[] } }>(
      service,
      seededQuery,
      {},
      headers,
    );
    expect(read.data!.questionnaire.items[0]!.options[0]).toEqual({ code: 'HEADACHE', coding: { code: '25064002' } });
  });

  it('refuses a coding with a system that is not an absolute URI or a code with spaces at an end', async () => {
    const service = createService({ verifier: auth.verifier, patients: fakeDirectory(auth.verifier) });
    const input = structuredClone(FIXTURE_INPUT);
    const options = input.items[0]!.options!;
    options[0] = { ...options[0]!, coding: { system: 'snomed', code: '49727002' } };
    options[1] = { ...options[1]!, coding: { system: SNOMED_CT, code: ' 386661006' } };
    const refused = await execute(service, CREATE, { input }, await auth.headers(staff('org-riverside')));
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const fields = (refused.errors?.[0]?.extensions?.['problems'] as { field: string }[]).map((p) => p.field);
    expect(fields).toEqual(['items[0].options[0].coding.system', 'items[0].options[1].coding.code']);
  });
});
