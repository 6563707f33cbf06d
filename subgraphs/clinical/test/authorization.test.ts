import { createLogger, SEED_QUESTIONNAIRE_ID, type IntakeViewer, type Viewer } from '@carebridge/common';
import { createTestAuth, execute, staff, type TestAuth } from '@carebridge/common/testing';
import type { FormattedExecutionResult } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { LINK_USED_MESSAGE, SHARED_QUESTIONNAIRE_MESSAGE } from '../src/data/commands';
import { createSeededStore } from '../src/data/seed';
import { LinkAlreadyUsedError } from '../src/data/store';
import { PATIENT_NOT_VISIBLE_MESSAGE } from '../src/resolvers/Mutation';
import { createService } from '../src/server';
import { fakeDirectory, FIXTURE_INPUT } from './fixtures';

let auth: TestAuth;

beforeAll(async () => {
  auth = await createTestAuth();
});

const RIVERSIDE = staff('org-riverside');
const LAKESIDE = staff('org-lakeside', 'ADMIN');
/** Seeded: pt-00001 and its only response qr-00001 are Riverside's; pt-00004 is Lakeside's. */
const RIVERSIDE_PATIENT = 'pt-00001';
const LAKESIDE_PATIENT = 'pt-00004';

/** A patient holding an intake link for the seeded questionnaire. */
const intake = (overrides: Partial<IntakeViewer> = {}): IntakeViewer => ({
  kind: 'intake',
  linkId: 'link-1',
  patientId: RIVERSIDE_PATIENT,
  organizationId: 'org-riverside',
  questionnaireId: SEED_QUESTIONNAIRE_ID,
  ...overrides,
});

/** A valid answer to every required question of the seeded questionnaire, with a PHI-like free text. */
const OCCUPATION = 'Secret occupation text';
const VALID_ANSWERS = [
  ...['symptoms.current', 'allergies.known', 'medications.current', 'history.conditions', 'family.conditions'].map(
    (linkId) => ({ linkId, valueCodes: ['NONE'] }),
  ),
  { linkId: 'social.tobacco', valueCodes: ['NEVER'] },
  { linkId: 'social.alcohol', valueCodes: ['NEVER'] },
  { linkId: 'social.occupation', valueString: OCCUPATION },
];
const submission = (patientId: string, questionnaireId = SEED_QUESTIONNAIRE_ID, answers = VALID_ANSWERS) => ({
  input: { patientId, questionnaireId, language: 'EN', answers },
});

const SUBMIT = `mutation ($input: QuestionnaireResponseInput!) {
  submitQuestionnaireResponse(input: $input) { id submittedBy questionnaire { id } }
}`;
const CREATE = `mutation ($input: QuestionnaireInput!) { createQuestionnaire(input: $input) { id } }`;
const PUBLISH = `mutation ($input: QuestionnaireInput!) { publishQuestionnaireVersion(input: $input) { id version } }`;

/** A freshly seeded service, its store, the fake patient directory and every log line. */
function setup(extraPatients: Record<string, string> = {}) {
  const store = createSeededStore();
  const patients = fakeDirectory(auth.verifier, extraPatients);
  const logs: Record<string, unknown>[] = [];
  const logger = createLogger('clinical', {}, (line) => logs.push(JSON.parse(line) as Record<string, unknown>));
  const service = createService({ verifier: auth.verifier, patients, store, logger });
  const run = async <T = Record<string, unknown>>(viewer: Viewer, query: string, variables = {}) =>
    execute<T>(service, query, variables, await auth.headers(viewer));
  return { service, store, patients, logs, run };
}

/** The result with each error reduced to what a client acts on: where, which code, what message. */
/**
 * The data and the errors in the order of their paths in the answer (as the query asks the
 * fields): the store is async, so sibling resolvers finish, and GraphQL lists their errors, in
 * the order their reads complete, which says nothing about access.
 */
const outcome = (result: FormattedExecutionResult) => ({
  data: result.data,
  errors: result.errors
    ?.map((e) => ({ path: e.path, code: e.extensions?.['code'], message: e.message }))
    .sort((a, b) => compareRanks(pathRank(result.data, a.path ?? []), pathRank(result.data, b.path ?? []))),
});

/** Each step of `path` as its position: a list index, or the field's place among its siblings. */
function pathRank(data: unknown, path: readonly (string | number)[]): number[] {
  let node = data;
  return path.map((key) => {
    const rank =
      typeof key === 'number' ? key : typeof node === 'object' && node !== null ? Object.keys(node).indexOf(key) : -1;
    node = typeof node === 'object' && node !== null ? (node as Record<string | number, unknown>)[key] : undefined;
    return rank;
  });
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

const forbiddenAt = (path: (string | number)[], message: string) => ({ path, code: 'FORBIDDEN', message });

/** Lakeside creates its own questionnaire; answers its id. */
async function lakesideQuestionnaire(run: ReturnType<typeof setup>['run']): Promise<string> {
  const created = await run<{ createQuestionnaire: { id: string } }>(LAKESIDE, CREATE, {
    input: { ...FIXTURE_INPUT, name: 'lakeside-intake' },
  });
  expect(created.errors).toBeUndefined();
  return created.data!.createQuestionnaire.id;
}

describe('clinical subgraph authentication', () => {
  it('answers nothing without a token, _entities and _service included', async () => {
    const { service } = setup();
    for (const query of [
      `{ questionnaire(id: "${SEED_QUESTIONNAIRE_ID}") { id } }`,
      '{ _service { sdl } }',
      `{ _entities(representations: [{ __typename: "Patient", id: "pt-00001" }]) { ... on Patient { id } } }`,
    ]) {
      await expect(execute(service, query)).rejects.toMatchObject({
        extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
      });
    }
  });

  it('refuses a token signed by another key, and a header that is not a bearer token', async () => {
    const { service } = setup();
    const stranger = await createTestAuth();
    for (const headers of [
      await stranger.headers(RIVERSIDE),
      await stranger.headers(intake()),
      { authorization: await auth.token(RIVERSIDE) },
    ]) {
      await expect(
        execute(service, `{ questionnaire(id: "${SEED_QUESTIONNAIRE_ID}") { id } }`, {}, headers),
      ).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    }
  });
});

describe('clinical subgraph tenant isolation', () => {
  it('gives null and FORBIDDEN for another organization’s response by id, next to one’s own under an alias', async () => {
    const { store, run } = setup();
    const lakesideResponse = (await store.responsesOfPatient(LAKESIDE_PATIENT))[0]!.id;
    const result = await run(
      RIVERSIDE,
      `query ($theirs: ID!) {
        mine: questionnaireResponse(id: "qr-00001") { id patient { id } }
        theirs: questionnaireResponse(id: $theirs) { id patient { id } }
      }`,
      { theirs: lakesideResponse },
    );
    expect(outcome(result)).toEqual({
      data: { mine: { id: 'qr-00001', patient: { id: RIVERSIDE_PATIENT } }, theirs: null },
      errors: [forbiddenAt(['theirs'], 'This questionnaire response belongs to another organization.')],
    });
    // The owner reads it.
    const owner = await run(LAKESIDE, `query ($id: ID!) { questionnaireResponse(id: $id) { id } }`, {
      id: lakesideResponse,
    });
    expect(owner).toEqual({ data: { questionnaireResponse: { id: lakesideResponse } } });
  });

  it('gives null and FORBIDDEN for another organization’s responses and questionnaires through _entities, each at its index, and nothing of its patients', async () => {
    const { store, run } = setup();
    const theirQuestionnaire = await lakesideQuestionnaire(run);
    const lakesideResponse = (await store.responsesOfPatient(LAKESIDE_PATIENT))[0]!.id;
    const result = await run(
      RIVERSIDE,
      `query ($r: [_Any!]!) { _entities(representations: $r) {
        ... on Questionnaire { id }
        ... on QuestionnaireResponse { id }
        ... on Patient { id questionnaireResponses { id } }
      } }`,
      {
        r: [
          { __typename: 'QuestionnaireResponse', id: lakesideResponse },
          { __typename: 'Patient', id: LAKESIDE_PATIENT },
          { __typename: 'Patient', id: RIVERSIDE_PATIENT },
          { __typename: 'QuestionnaireResponse', id: 'qr-00001' },
          { __typename: 'Questionnaire', id: theirQuestionnaire },
          { __typename: 'Questionnaire', id: SEED_QUESTIONNAIRE_ID },
        ],
      },
    );
    expect(outcome(result)).toEqual({
      data: {
        _entities: [
          null,
          // Lakeside's patient has answers, none of them Riverside's: as a patient without answers.
          { id: LAKESIDE_PATIENT, questionnaireResponses: [] },
          { id: RIVERSIDE_PATIENT, questionnaireResponses: [{ id: 'qr-00001' }] },
          { id: 'qr-00001' },
          null,
          { id: SEED_QUESTIONNAIRE_ID },
        ],
      },
      errors: [
        forbiddenAt(['_entities', 0], 'This questionnaire response belongs to another organization.'),
        forbiddenAt(['_entities', 4], 'This questionnaire belongs to another organization.'),
      ],
    });
  });

  it('shows a patient’s responses and history only from the viewer’s organization', async () => {
    // A patient this subgraph has no answers for yet is Lakeside's in the directory, so Riverside
    // cannot answer for it; Lakeside does, and Riverside then sees nothing of it: exactly what it
    // saw before Lakeside answered, so whether another organization's patient has answers is not
    // to be learnt here.
    const { run } = setup({ 'pt-new': 'org-lakeside' });
    const query = `{ _entities(representations: [{ __typename: "Patient", id: "pt-new" }]) {
      ... on Patient { questionnaireResponses { id } clinicalHistory { socialHistory } } } }`;
    const before = await run(RIVERSIDE, query);
    const stored = await run(LAKESIDE, SUBMIT, submission('pt-new'));
    expect(stored.errors).toBeUndefined();
    const nothing = { data: { _entities: [{ questionnaireResponses: [], clinicalHistory: { socialHistory: [] } }] } };
    expect(before).toEqual(nothing);
    expect(await run(RIVERSIDE, query)).toEqual(nothing);
    expect(await run(LAKESIDE, query)).toEqual({
      data: {
        _entities: [
          {
            questionnaireResponses: [
              { id: (stored.data as { submitQuestionnaireResponse: { id: string } }).submitQuestionnaireResponse.id },
            ],
            clinicalHistory: { socialHistory: ['Never used tobacco', 'Does not drink alcohol', OCCUPATION] },
          },
        ],
      },
    });
  });

  it('leaves another organization’s answers out of a patient’s responses and history, even reached through a response', async () => {
    // Not reachable through the mutations (the patient directory keeps each patient in one
    // organization), so written to the store directly: the readers must still filter.
    const { store, run } = setup();
    const base = {
      patientId: 'pt-mixed',
      questionnaireId: SEED_QUESTIONNAIRE_ID,
      language: 'EN' as const,
      submittedBy: 'patient',
    };
    await store.addResponse({
      ...base,
      id: 'qr-ours',
      organizationId: 'org-riverside',
      answers: [{ linkId: 'allergies.known', valueCodes: ['PENICILLIN'] }],
      submittedAt: '2026-02-01T10:00:00.000Z',
    });
    await store.addResponse({
      ...base,
      id: 'qr-theirs',
      organizationId: 'org-lakeside',
      answers: [{ linkId: 'allergies.known', valueCodes: ['LATEX'] }],
      submittedAt: '2026-02-02T10:00:00.000Z',
    });
    const result = await run(
      RIVERSIDE,
      '{ questionnaireResponse(id: "qr-ours") { patient { questionnaireResponses { id } clinicalHistory { allergies } } } }',
    );
    expect(result).toEqual({
      data: {
        questionnaireResponse: {
          patient: { questionnaireResponses: [{ id: 'qr-ours' }], clinicalHistory: { allergies: ['Penicillin'] } },
        },
      },
    });
  });
});

describe('questionnaire visibility', () => {
  it('lists shared questionnaires and the viewer’s organization’s own, and hides others by id', async () => {
    const { run } = setup();
    const theirs = await lakesideQuestionnaire(run);
    const list = `query ($id: ID!) {
      questionnaires(includeRetired: true) { name }
      questionnaire(id: $id) { name versions { version } }
    }`;
    expect(await run(LAKESIDE, list, { id: theirs })).toEqual({
      data: {
        questionnaires: [{ name: 'lakeside-intake' }, { name: 'pre-visit-intake' }],
        questionnaire: { name: 'lakeside-intake', versions: [{ version: 1 }] },
      },
    });
    expect(outcome(await run(staff('org-riverside', 'ADMIN'), list, { id: theirs }))).toEqual({
      data: { questionnaires: [{ name: 'pre-visit-intake' }], questionnaire: null },
      errors: [forbiddenAt(['questionnaire'], 'This questionnaire belongs to another organization.')],
    });
  });

  it('publishes versions only of the viewer’s organization’s questionnaires, never of a shared one', async () => {
    const { store, run } = setup();
    await lakesideQuestionnaire(run);
    const shared = await run(RIVERSIDE, PUBLISH, { input: { ...FIXTURE_INPUT, name: 'pre-visit-intake' } });
    expect(outcome(shared)).toEqual({
      data: null,
      errors: [forbiddenAt(['publishQuestionnaireVersion'], SHARED_QUESTIONNAIRE_MESSAGE)],
    });
    const theirs = await run(RIVERSIDE, PUBLISH, { input: { ...FIXTURE_INPUT, name: 'lakeside-intake' } });
    expect(outcome(theirs)).toEqual({
      data: null,
      errors: [forbiddenAt(['publishQuestionnaireVersion'], 'This questionnaire belongs to another organization.')],
    });
    expect((await store.questionnaireVersions('pre-visit-intake')).map((q) => q.version)).toEqual([1]);
    expect((await store.questionnaireVersions('lakeside-intake')).map((q) => q.version)).toEqual([1]);

    const own = await run(LAKESIDE, PUBLISH, { input: { ...FIXTURE_INPUT, name: 'lakeside-intake' } });
    expect(own).toEqual({
      data: { publishQuestionnaireVersion: { id: expect.stringMatching(/^qn-/) as unknown, version: 2 } },
    });
    expect((await store.questionnaireVersions('lakeside-intake')).map((q) => [q.version, q.organizationId])).toEqual([
      [1, 'org-lakeside'],
      [2, 'org-lakeside'],
    ]);
  });
});

describe('staff submissions', () => {
  it('refuses answers for another organization’s patient, storing nothing', async () => {
    const { store, patients, run, logs } = setup({ 'pt-elsewhere': 'org-lakeside', 'pt-ours': 'org-riverside' });
    for (const patientId of [LAKESIDE_PATIENT, 'pt-elsewhere', 'pt-unknown']) {
      const before = (await store.responsesOfPatient(patientId)).length;
      expect(outcome(await run(RIVERSIDE, SUBMIT, submission(patientId)))).toEqual({
        data: null,
        errors: [forbiddenAt(['submitQuestionnaireResponse'], PATIENT_NOT_VISIBLE_MESSAGE)],
      });
      expect((await store.responsesOfPatient(patientId)).length).toEqual(before);
    }
    // pt-00004 has Lakeside answers here, which settles it; the others were asked, with the caller's token.
    expect(patients.calls).toEqual([
      { patientId: 'pt-elsewhere', organizationId: 'org-riverside' },
      { patientId: 'pt-unknown', organizationId: 'org-riverside' },
    ]);
    expect(logs.filter((l) => l['event'] === 'auth.denied').map((l) => [l['reason'], l['patientId']])).toEqual([
      ['OTHER_ORGANIZATION', LAKESIDE_PATIENT],
      ['OTHER_ORGANIZATION', 'pt-elsewhere'],
      ['OTHER_ORGANIZATION', 'pt-unknown'],
    ]);

    const ours = await run(RIVERSIDE, SUBMIT, submission('pt-ours'));
    expect(ours).toEqual({
      data: {
        submitQuestionnaireResponse: {
          id: expect.stringMatching(/^qr-/) as unknown,
          submittedBy: RIVERSIDE.userId,
          questionnaire: { id: SEED_QUESTIONNAIRE_ID },
        },
      },
    });
    expect((await store.responsesOfPatient('pt-ours')).map((r) => r.organizationId)).toEqual(['org-riverside']);
  });

  it('refuses answers to another organization’s questionnaire', async () => {
    const { store, run } = setup();
    const theirs = await lakesideQuestionnaire(run);
    const result = await run(
      RIVERSIDE,
      SUBMIT,
      submission(RIVERSIDE_PATIENT, theirs, [{ linkId: 'q.symptoms', valueCodes: ['NONE'] }]),
    );
    expect(outcome(result)).toEqual({
      data: null,
      errors: [forbiddenAt(['submitQuestionnaireResponse'], 'This questionnaire belongs to another organization.')],
    });
    expect((await store.responsesOfPatient(RIVERSIDE_PATIENT)).map((r) => r.id)).toEqual(['qr-00001']);
  });
});

describe('intake links', () => {
  const INTAKE_ONLY = 'An intake link only allows reading and answering its own questionnaire.';

  it('read their own questionnaire, by id and through _entities', async () => {
    const { run } = setup();
    const result = await run(
      intake(),
      `query ($id: ID!, $r: [_Any!]!) {
        questionnaire(id: $id) { id title(lang: ES) items { linkId } }
        _entities(representations: $r) { ... on Questionnaire { id name } }
      }`,
      { id: SEED_QUESTIONNAIRE_ID, r: [{ __typename: 'Questionnaire', id: SEED_QUESTIONNAIRE_ID }] },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      questionnaire: {
        id: SEED_QUESTIONNAIRE_ID,
        title: 'Cuestionario previo a la consulta',
        items: expect.arrayContaining([{ linkId: 'symptoms.current' }]) as unknown,
      },
      _entities: [{ id: SEED_QUESTIONNAIRE_ID, name: 'pre-visit-intake' }],
    });
  });

  it('read no other questionnaire, no response and no patient', async () => {
    const { run } = setup();
    const theirs = await lakesideQuestionnaire(run);
    const other = intake({ questionnaireId: 'qn-other', organizationId: 'org-lakeside' });
    const byId = await run(
      intake(),
      `query ($other: ID!) {
        other: questionnaire(id: $other) { id }
        unknown: questionnaire(id: "qn-unknown") { id }
        response: questionnaireResponse(id: "qr-00001") { id }
      }`,
      { other: theirs },
    );
    const otherMessage = 'An intake link only allows reading its own questionnaire.';
    expect(outcome(byId)).toEqual({
      data: { other: null, unknown: null, response: null },
      errors: [
        forbiddenAt(['other'], otherMessage),
        forbiddenAt(['unknown'], otherMessage),
        forbiddenAt(['response'], INTAKE_ONLY),
      ],
    });
    // A link for another questionnaire does not open the seeded one either.
    expect(outcome(await run(other, `{ questionnaire(id: "${SEED_QUESTIONNAIRE_ID}") { id } }`))).toEqual({
      data: { questionnaire: null },
      errors: [forbiddenAt(['questionnaire'], otherMessage)],
    });
    expect(outcome(await run(intake(), '{ questionnaires { id } }'))).toEqual({
      data: null,
      errors: [forbiddenAt(['questionnaires'], INTAKE_ONLY)],
    });
    expect(
      outcome(await run(intake(), `{ questionnaire(id: "${SEED_QUESTIONNAIRE_ID}") { id versions { id } } }`)),
    ).toEqual({ data: { questionnaire: null }, errors: [forbiddenAt(['questionnaire', 'versions'], INTAKE_ONLY)] });
    const entities = await run(
      intake(),
      `query ($r: [_Any!]!) { _entities(representations: $r) {
        ... on Patient { id } ... on QuestionnaireResponse { id } ... on Questionnaire { id } } }`,
      {
        r: [
          { __typename: 'Patient', id: RIVERSIDE_PATIENT },
          { __typename: 'QuestionnaireResponse', id: 'qr-00001' },
          { __typename: 'Questionnaire', id: theirs },
        ],
      },
    );
    expect(outcome(entities)).toEqual({
      data: { _entities: [null, null, null] },
      errors: [
        forbiddenAt(['_entities', 0], INTAKE_ONLY),
        forbiddenAt(['_entities', 1], INTAKE_ONLY),
        forbiddenAt(['_entities', 2], otherMessage),
      ],
    });
  });

  it('create and publish no questionnaire', async () => {
    const { store, run } = setup();
    const created = await run(intake(), CREATE, { input: FIXTURE_INPUT });
    const published = await run(intake(), PUBLISH, { input: { ...FIXTURE_INPUT, name: 'pre-visit-intake' } });
    expect([outcome(created), outcome(published)]).toEqual([
      { data: null, errors: [forbiddenAt(['createQuestionnaire'], INTAKE_ONLY)] },
      { data: null, errors: [forbiddenAt(['publishQuestionnaireVersion'], INTAKE_ONLY)] },
    ]);
    expect((await store.questionnaires({ includeRetired: true })).map((q) => q.name)).toEqual(['pre-visit-intake']);
  });

  it('answer only for their own patient and questionnaire', async () => {
    const { store, run } = setup();
    const theirs = await lakesideQuestionnaire(run);
    const forOther = await run(intake(), SUBMIT, submission('pt-00002'));
    expect(outcome(forOther)).toEqual({
      data: null,
      errors: [
        forbiddenAt(['submitQuestionnaireResponse'], 'An intake link only allows answering for its own patient.'),
      ],
    });
    const toOther = await run(
      intake(),
      SUBMIT,
      submission(RIVERSIDE_PATIENT, theirs, [{ linkId: 'q.symptoms', valueCodes: ['NONE'] }]),
    );
    expect(outcome(toOther)).toEqual({
      data: null,
      errors: [
        forbiddenAt(['submitQuestionnaireResponse'], 'An intake link only allows answering its own questionnaire.'),
      ],
    });
    expect([
      (await store.responsesOfPatient('pt-00002')).length,
      (await store.responsesOfPatient(RIVERSIDE_PATIENT)).length,
    ]).toEqual([0, 1]);
    expect(await store.isLinkUsed('link-1')).toEqual(false);
  });

  it('answer once, as the patient, for the link’s organization, without asking the patient directory', async () => {
    const { store, patients, run, logs } = setup();
    const first = await run(intake(), SUBMIT, submission(RIVERSIDE_PATIENT));
    expect(first).toEqual({
      data: {
        submitQuestionnaireResponse: {
          id: expect.stringMatching(/^qr-/) as unknown,
          submittedBy: 'patient',
          questionnaire: { id: SEED_QUESTIONNAIRE_ID },
        },
      },
    });
    const second = await run(intake(), SUBMIT, submission(RIVERSIDE_PATIENT));
    expect(outcome(second)).toEqual({
      data: null,
      errors: [forbiddenAt(['submitQuestionnaireResponse'], LINK_USED_MESSAGE)],
    });
    const stored = await store.responsesOfPatient(RIVERSIDE_PATIENT);
    expect(stored.map((r) => [r.submittedBy, r.organizationId])).toEqual([
      ['patient', 'org-riverside'],
      ['patient', 'org-riverside'], // qr-00001, seeded
    ]);
    expect(patients.calls).toEqual([]);
    // Another link for the same patient answers again.
    const another = await run(intake({ linkId: 'link-2' }), SUBMIT, submission(RIVERSIDE_PATIENT));
    expect(another.errors).toBeUndefined();
    expect(await store.responsesOfPatient(RIVERSIDE_PATIENT)).toHaveLength(3);

    // The denial is logged with ids only, and no log line carries an answer.
    expect(logs.filter((l) => l['event'] === 'auth.denied')).toEqual([
      expect.objectContaining({
        level: 'warn',
        reason: 'INTAKE_LINK_USED',
        viewerKind: 'intake',
        linkId: 'link-1',
        patientId: RIVERSIDE_PATIENT,
        questionnaireId: SEED_QUESTIONNAIRE_ID,
      }),
    ]);
    expect(logs.filter((l) => JSON.stringify(l).includes(OCCUPATION))).toEqual([]);
  });

  it('keep an unused link when the answers are invalid', async () => {
    const { store, run } = setup();
    const invalid = await run(
      intake(),
      SUBMIT,
      submission(RIVERSIDE_PATIENT, SEED_QUESTIONNAIRE_ID, [{ linkId: 'symptoms.current', valueCodes: ['NONE'] }]),
    );
    expect(invalid.errors?.map((e) => e.extensions?.['code'])).toEqual(['BAD_USER_INPUT']);
    expect(await store.isLinkUsed('link-1')).toEqual(false);
    const valid = await run(intake(), SUBMIT, submission(RIVERSIDE_PATIENT));
    expect(valid.errors).toBeUndefined();
    expect(await store.isLinkUsed('link-1')).toEqual(true);
  });

  it('are used up by the store in the same step as the response is stored', async () => {
    const store = createSeededStore();
    const record = {
      id: 'qr-link',
      patientId: RIVERSIDE_PATIENT,
      organizationId: 'org-riverside',
      questionnaireId: SEED_QUESTIONNAIRE_ID,
      language: 'EN' as const,
      answers: [],
      submittedAt: '2026-02-01T10:00:00.000Z',
      submittedBy: 'patient',
    };
    await store.addResponse(record, { linkId: 'link-x' });
    await expect(store.addResponse({ ...record, id: 'qr-link-again' }, { linkId: 'link-x' })).rejects.toThrow(
      LinkAlreadyUsedError,
    );
    expect([await store.isLinkUsed('link-x'), await store.response('qr-link-again')]).toEqual([true, undefined]);
  });
});
