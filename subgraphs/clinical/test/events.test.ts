import { createLogger, SEED_QUESTIONNAIRE_ID, type IntakeViewer, type Viewer } from '@carebridge/common';
import { createTestAuth, execute, staff, type TestAuth } from '@carebridge/common/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import type { QuestionnaireResponseRecord } from '../src/data/records';
import { createSeededStore } from '../src/data/seed';
import { LinkAlreadyUsedError } from '../src/data/store';
import { createService } from '../src/server';
import { fakeDirectory } from './fixtures';

// Seeded: pt-00001 is Riverside's, with one response (qr-00001); pt-00004 is Lakeside's. Every
// stored response records a clinical.answered event in the store's outbox, in the same store call;
// a refused or invalid submission records none.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const RIVERSIDE = staff('org-riverside');
const LAKESIDE = staff('org-lakeside');
const PATIENT = 'pt-00001';

const intake = (overrides: Partial<IntakeViewer> = {}): IntakeViewer => ({
  kind: 'intake',
  linkId: 'link-1',
  patientId: PATIENT,
  organizationId: 'org-riverside',
  questionnaireId: SEED_QUESTIONNAIRE_ID,
  ...overrides,
});

/** Every required question plus a few optional ones; choice codes deliberately out of option order. */
const ANSWERS = [
  { linkId: 'symptoms.current', valueCodes: ['COUGH', 'FEVER'] },
  { linkId: 'symptoms.pain_level', valueNumber: 3 },
  ...['allergies.known', 'medications.current', 'history.conditions', 'family.conditions'].map((linkId) => ({
    linkId,
    valueCodes: ['NONE'],
  })),
  { linkId: 'social.tobacco', valueCodes: ['NEVER'] },
  { linkId: 'social.alcohol', valueCodes: ['NEVER'] },
  { linkId: 'social.recent_travel', valueBoolean: true },
  { linkId: 'social.occupation', valueString: 'Nurse' },
];

/** pt-00001's latest answers after submitting ANSWERS: the new ones, and qr-00001's for the rest. */
const LATEST_AFTER_SUBMIT = [
  { linkId: 'symptoms.current', category: 'SYMPTOMS', value: ['FEVER', 'COUGH'], display: ['Fever', 'Cough'] },
  {
    linkId: 'symptoms.other',
    category: 'SYMPTOMS',
    value: 'Tired in the afternoons',
    display: ['Tired in the afternoons'],
  },
  { linkId: 'symptoms.pain_level', category: 'SYMPTOMS', value: 3, display: ['3'] },
  { linkId: 'allergies.known', category: 'ALLERGIES', value: ['NONE'], display: ['No known allergies'] },
  { linkId: 'medications.current', category: 'MEDICATIONS', value: ['NONE'], display: ['No regular medicines'] },
  { linkId: 'history.conditions', category: 'MEDICAL_HISTORY', value: ['NONE'], display: ['None of these'] },
  { linkId: 'history.last_checkup', category: 'MEDICAL_HISTORY', value: '2024-11-14', display: ['2024-11-14'] },
  { linkId: 'social.tobacco', category: 'SOCIAL_HISTORY', value: ['NEVER'], display: ['Never used tobacco'] },
  { linkId: 'social.alcohol', category: 'SOCIAL_HISTORY', value: ['NEVER'], display: ['Does not drink alcohol'] },
  { linkId: 'social.diet', category: 'SOCIAL_HISTORY', value: ['BALANCED'], display: ['Balanced diet'] },
  { linkId: 'social.recent_travel', category: 'SOCIAL_HISTORY', value: true, display: ['true'] },
  { linkId: 'social.occupation', category: 'SOCIAL_HISTORY', value: 'Nurse', display: ['Nurse'] },
  { linkId: 'family.conditions', category: 'FAMILY_HISTORY', value: ['NONE'], display: ['None of these'] },
];

const SCT = 'http://snomed.info/sct';
const OPTION = 'https://carebridge.example/fhir/CodeSystem/answer-option';
const coding = (system: string, code: string, en: string, es: string) => ({ system, code, display: { en, es } });
const NONE_OF_THESE = [coding(OPTION, 'NONE', 'None of these', 'Ninguno de estos')];

/** What events add to LATEST_AFTER_SUBMIT's choice answers: each chosen option's coding, in value order. */
const LATEST_CODINGS: Record<string, unknown[]> = {
  'symptoms.current': [coding(SCT, '386661006', 'Fever', 'Fiebre'), coding(SCT, '49727002', 'Cough', 'Tos')],
  'allergies.known': [coding(OPTION, 'NONE', 'No known allergies', 'Sin alergias conocidas')],
  'medications.current': [coding(OPTION, 'NONE', 'No regular medicines', 'Ningún medicamento habitual')],
  'history.conditions': NONE_OF_THESE,
  'social.tobacco': [coding(SCT, '266919005', 'Never used tobacco', 'Nunca ha consumido tabaco')],
  'social.alcohol': [coding(SCT, '105542008', 'Does not drink alcohol', 'No toma alcohol')],
  'social.diet': [coding(OPTION, 'BALANCED', 'Balanced diet', 'Alimentación equilibrada')],
  'family.conditions': NONE_OF_THESE,
};
const LATEST_EVENT_ANSWERS = LATEST_AFTER_SUBMIT.map((answer) =>
  LATEST_CODINGS[answer.linkId] ? { ...answer, codings: LATEST_CODINGS[answer.linkId] } : answer,
);
const INTAKE_CANONICAL = { url: 'https://carebridge.example/fhir/Questionnaire/pre-visit-intake', version: '1' };

/** pt-00001's seeded answers (qr-00001), as clinicalAnswers serves them. */
const SEEDED_ANSWERS = [
  { linkId: 'symptoms.current', category: 'SYMPTOMS', value: ['NONE'], display: ['None of these'] },
  {
    linkId: 'symptoms.other',
    category: 'SYMPTOMS',
    value: 'Tired in the afternoons',
    display: ['Tired in the afternoons'],
  },
  { linkId: 'symptoms.pain_level', category: 'SYMPTOMS', value: 8, display: ['8'] },
  { linkId: 'allergies.known', category: 'ALLERGIES', value: ['SULFA'], display: ['Sulfa drugs'] },
  {
    linkId: 'medications.current',
    category: 'MEDICATIONS',
    value: ['ALBUTEROL', 'IBUPROFEN'],
    display: ['Albuterol inhaler', 'Ibuprofen'],
  },
  {
    linkId: 'history.conditions',
    category: 'MEDICAL_HISTORY',
    value: ['HYPERTENSION', 'HEART_DISEASE'],
    display: ['High blood pressure', 'Heart disease'],
  },
  { linkId: 'history.last_checkup', category: 'MEDICAL_HISTORY', value: '2024-11-14', display: ['2024-11-14'] },
  { linkId: 'social.tobacco', category: 'SOCIAL_HISTORY', value: ['FORMER'], display: ['Used tobacco in the past'] },
  { linkId: 'social.alcohol', category: 'SOCIAL_HISTORY', value: ['DAILY'], display: ['Drinks alcohol every day'] },
  { linkId: 'social.diet', category: 'SOCIAL_HISTORY', value: ['BALANCED'], display: ['Balanced diet'] },
  { linkId: 'social.recent_travel', category: 'SOCIAL_HISTORY', value: false, display: ['false'] },
  { linkId: 'social.occupation', category: 'SOCIAL_HISTORY', value: 'Teacher', display: ['Teacher'] },
  { linkId: 'family.conditions', category: 'FAMILY_HISTORY', value: ['NONE'], display: ['None of these'] },
];

const SUBMIT = `mutation ($input: QuestionnaireResponseInput!) { submitQuestionnaireResponse(input: $input) { id } }`;
const submission = (answers: unknown[] = ANSWERS, patientId = PATIENT, questionnaireId = SEED_QUESTIONNAIRE_ID) => ({
  input: { patientId, questionnaireId, language: 'ES', answers },
});
const CLINICAL_ANSWERS = `query ($r: [_Any!]!) {
  _entities(representations: $r) { ... on Patient { id clinicalAnswers { linkId category value display } } }
}`;

let auth: TestAuth;
beforeAll(async () => {
  auth = await createTestAuth();
});

function setup() {
  const store = createSeededStore();
  const logs: string[] = [];
  const service = createService({
    verifier: auth.verifier,
    patients: fakeDirectory(auth.verifier),
    store,
    logger: createLogger('clinical', {}, (line) => logs.push(line)),
  });
  const run = async (viewer: Viewer, query: string, variables = {}) =>
    execute(service, query, variables, await auth.headers(viewer));
  return { store, logs, run };
}

const submittedId = (result: { data?: unknown }): string =>
  (result.data as { submitQuestionnaireResponse: { id: string } }).submitQuestionnaireResponse.id;

describe('clinical.answered events', () => {
  it('are not recorded for seeded responses', () => {
    expect(createSeededStore().outbox.sizeNow()).toBe(0);
  });

  it('record, per submission, the patient’s latest answers with codes in stored order and English text', async () => {
    const { store, run } = setup();
    const result = await run(RIVERSIDE, SUBMIT, submission());
    expect(result.errors).toBeUndefined();
    const responseId = submittedId(result);
    expect(store.outbox.pendingNow(10)).toEqual([
      {
        id: expect.stringMatching(UUID),
        type: 'clinical.answered',
        organizationId: 'org-riverside',
        patientId: PATIENT,
        occurredAt: (await store.response(responseId))!.submittedAt,
        responseId,
        questionnaireId: SEED_QUESTIONNAIRE_ID,
        questionnaire: INTAKE_CANONICAL,
        answers: LATEST_EVENT_ANSWERS,
      },
    ]);
  });

  it('are recorded for a submission through an intake link, once', async () => {
    const { store, run } = setup();
    const first = await run(intake(), SUBMIT, submission());
    expect(first.errors).toBeUndefined();
    const again = await run(intake(), SUBMIT, submission());
    expect(again.errors?.map((e) => e.extensions?.['code'])).toEqual(['FORBIDDEN']);
    expect(
      store.outbox.pendingNow(10).map((e) => [e.type, e.type === 'clinical.answered' ? e.responseId : null]),
    ).toEqual([['clinical.answered', submittedId(first)]]);
  });

  it('are not recorded for an invalid or refused submission', async () => {
    const { store, run } = setup();
    const attempts: [Viewer, ReturnType<typeof submission>, string][] = [
      [RIVERSIDE, submission(ANSWERS.slice(1)), 'BAD_USER_INPUT'],
      [RIVERSIDE, submission([...ANSWERS, { linkId: 'no.such.question', valueBoolean: true }]), 'BAD_USER_INPUT'],
      [RIVERSIDE, submission(ANSWERS, PATIENT, 'qn-missing'), 'NOT_FOUND'],
      [LAKESIDE, submission(), 'FORBIDDEN'],
      [RIVERSIDE, submission(ANSWERS, 'pt-00004'), 'FORBIDDEN'],
      [intake(), submission(ANSWERS, 'pt-00002'), 'FORBIDDEN'],
      [intake({ questionnaireId: 'qn-other' }), submission(), 'FORBIDDEN'],
      [intake(), submission(ANSWERS.slice(1)), 'BAD_USER_INPUT'],
    ];
    for (const [viewer, variables, code] of attempts) {
      const result = await run(viewer, SUBMIT, variables);
      expect([variables, result.errors?.map((e) => e.extensions?.['code'])]).toEqual([variables, [code]]);
    }
    expect(store.outbox.sizeNow()).toBe(0);
  });

  it('are recorded by the store with the response, only from the response’s organization, and not when it refuses', async () => {
    const store = createSeededStore();
    const record: QuestionnaireResponseRecord = {
      id: 'qr-lakeside',
      patientId: PATIENT,
      organizationId: 'org-lakeside',
      questionnaireId: SEED_QUESTIONNAIRE_ID,
      language: 'EN',
      answers: [{ linkId: 'allergies.known', valueCodes: ['LATEX'] }],
      submittedAt: '2026-02-01T10:00:00.000Z',
      submittedBy: 'patient',
    };
    await store.addResponse(record, { linkId: 'link-x' });
    await expect(store.addResponse({ ...record, id: 'qr-again' }, { linkId: 'link-x' })).rejects.toThrow(
      LinkAlreadyUsedError,
    );
    await expect(store.addResponse(record)).rejects.toThrow();
    await expect(store.addResponse({ ...record, id: 'qr-x', questionnaireId: 'qn-missing' })).rejects.toThrow();
    // Riverside's qr-00001 for the same patient stays out of what Lakeside's EHR receives.
    expect(store.outbox.pendingNow(10)).toEqual([
      {
        id: expect.stringMatching(UUID),
        type: 'clinical.answered',
        organizationId: 'org-lakeside',
        patientId: PATIENT,
        occurredAt: '2026-02-01T10:00:00.000Z',
        responseId: 'qr-lakeside',
        questionnaireId: SEED_QUESTIONNAIRE_ID,
        questionnaire: INTAKE_CANONICAL,
        answers: [
          {
            linkId: 'allergies.known',
            category: 'ALLERGIES',
            value: ['LATEX'],
            display: ['Latex'],
            codings: [coding(SCT, '111088007', 'Latex', 'Látex')],
          },
        ],
      },
    ]);
  });

  it('never put answers in log lines', async () => {
    const { logs, run } = setup();
    expect((await run(RIVERSIDE, SUBMIT, submission())).errors).toBeUndefined();
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.join('\n')).not.toMatch(/Nurse|COUGH|Fever/);
  });
});

describe('Patient.clinicalAnswers', () => {
  it('serves a seeded patient’s latest answers through _entities', async () => {
    const { run } = setup();
    const result = await run(RIVERSIDE, CLINICAL_ANSWERS, { r: [{ __typename: 'Patient', id: PATIENT }] });
    expect(result).toEqual({ data: { _entities: [{ id: PATIENT, clinicalAnswers: SEEDED_ANSWERS }] } });
  });

  it('agrees with the answers of the latest event', async () => {
    const { store, run } = setup();
    expect((await run(RIVERSIDE, SUBMIT, submission())).errors).toBeUndefined();
    const result = await run(RIVERSIDE, CLINICAL_ANSWERS, { r: [{ __typename: 'Patient', id: PATIENT }] });
    const [event] = store.outbox.pendingNow(1);
    expect(event?.type === 'clinical.answered' ? event.answers : null).toEqual(LATEST_EVENT_ANSWERS);
    expect(result).toEqual({ data: { _entities: [{ id: PATIENT, clinicalAnswers: LATEST_AFTER_SUBMIT }] } });
  });

  it('is empty for a patient without answers', async () => {
    const { run } = setup();
    const result = await run(RIVERSIDE, CLINICAL_ANSWERS, { r: [{ __typename: 'Patient', id: 'pt-unanswered' }] });
    expect(result).toEqual({ data: { _entities: [{ id: 'pt-unanswered', clinicalAnswers: [] }] } });
  });

  it('is empty for another organization’s patient, as for one without answers, and FORBIDDEN for an intake link', async () => {
    const { run } = setup();
    const other = await run(LAKESIDE, CLINICAL_ANSWERS, { r: [{ __typename: 'Patient', id: PATIENT }] });
    expect(other).toEqual({ data: { _entities: [{ id: PATIENT, clinicalAnswers: [] }] } });
    const result = await run(intake(), CLINICAL_ANSWERS, { r: [{ __typename: 'Patient', id: PATIENT }] });
    expect([result.data, result.errors?.map((e) => [e.path, e.extensions?.['code']])]).toEqual([
      { _entities: [null] },
      [[['_entities', 0], 'FORBIDDEN']],
    ]);
  });
});
