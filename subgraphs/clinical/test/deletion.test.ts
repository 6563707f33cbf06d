import { beforeAll, describe, expect, it } from 'vitest';
import {
  createLogger,
  DEV_AUDIT_HMAC_KEY,
  InMemoryAuditLog,
  SEED_QUESTIONNAIRE_ID,
  type ChangeEvent,
  type IntakeViewer,
  type Viewer,
} from '@carebridge/common';
import { createTestAuth, execute, staff, type TestAuth } from '@carebridge/common/testing';
import { applyPatientEvents } from '../src/data/deletion';
import { createSeededStore } from '../src/data/seed';
import { createService } from '../src/server';
import { fakeDirectory } from './fixtures';

// Seeded: pt-00001 is Riverside's, with one response (qr-00001). The patient subgraph's relay posts
// `patient.deleted` to /internal/events, whose route applies it with `applyPatientEvents`.

const PATIENT = 'pt-00001';
const CLINICIAN = staff('org-riverside');
const intake = (patientId = PATIENT, linkId = 'link-1'): IntakeViewer => ({
  kind: 'intake',
  linkId,
  patientId,
  organizationId: 'org-riverside',
  questionnaireId: SEED_QUESTIONNAIRE_ID,
});

const ANSWERS = [
  ...['symptoms.current', 'allergies.known', 'medications.current', 'history.conditions', 'family.conditions'].map(
    (linkId) => ({ linkId, valueCodes: ['NONE'] }),
  ),
  { linkId: 'social.tobacco', valueCodes: ['NEVER'] },
  { linkId: 'social.alcohol', valueCodes: ['NEVER'] },
];
const SUBMIT = `mutation ($input: QuestionnaireResponseInput!) { submitQuestionnaireResponse(input: $input) { id } }`;
const submission = (patientId = PATIENT) => ({
  input: { patientId, questionnaireId: SEED_QUESTIONNAIRE_ID, language: 'EN', answers: ANSWERS },
});
const RESPONSE = 'query ($id: ID!) { questionnaireResponse(id: $id) { id answers { linkId } } }';
const PATIENT_ENTITY = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Patient {
  id questionnaireResponses { id } clinicalHistory { allergies medications } clinicalAnswers { linkId value } } } }`;
const RESPONSE_ENTITY = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on QuestionnaireResponse { id } } }`;
const QUESTIONNAIRE = `query ($id: ID!) { questionnaire(id: $id) { id } }`;
const QUESTIONNAIRE_ENTITY = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Questionnaire { id } } }`;
const ref = (__typename: string, id: string) => ({ r: [{ __typename, id }] });

const deleted = (id: string, occurredAt: string, patientId = PATIENT): ChangeEvent => ({
  id,
  type: 'patient.deleted',
  organizationId: 'org-riverside',
  patientId,
  occurredAt,
});

/** A `patient.upserted` that arrives after the deletion (another event id): it must change nothing. */
const lateUpsert = (id: string): ChangeEvent => ({
  id,
  type: 'patient.upserted',
  organizationId: 'org-riverside',
  patientId: PATIENT,
  occurredAt: '2026-03-01T10:00:05.000Z',
  patient: {
    ...{ id: PATIENT, organizationId: 'org-riverside', mrn: 'MRN-LATE', gender: 'FEMALE', preferredLanguage: 'EN' },
    ...{ firstName: 'Latefirst', lastName: 'Lastname', dateOfBirth: '1970-01-01', phone: null, email: null },
    ...{ address: null, emergencyContact: null, insurance: null, primaryCarePhysician: null },
  },
});

let auth: TestAuth;
beforeAll(async () => {
  auth = await createTestAuth();
});

function setup() {
  const store = createSeededStore();
  const audit = new InMemoryAuditLog({ service: 'clinical', key: DEV_AUDIT_HMAC_KEY });
  const logs: string[] = [];
  const logger = createLogger('clinical', {}, (line) => logs.push(line));
  // The fake directory still shows pt-00001 to Riverside: as the graph would just before the deletion.
  const service = createService({
    verifier: auth.verifier,
    patients: fakeDirectory(auth.verifier),
    store,
    audit,
    logger,
  });
  const run = async (viewer: Viewer, query: string, variables: Record<string, unknown> = {}) =>
    execute<Record<string, unknown>>(service, query, variables, await auth.headers(viewer));
  const apply = (...events: ChangeEvent[]) => applyPatientEvents(store, events, logger);
  const codes = (result: { errors?: readonly { extensions?: Record<string, unknown> }[] }) =>
    result.errors?.map((e) => e.extensions?.['code']);
  return { store, audit, logs, run, apply, codes };
}

describe('a patient.deleted event', () => {
  it('erases the patient’s answers: every read answers as it does for a patient never seen', async () => {
    const { store, audit, run, apply } = setup();
    expect((await run(CLINICIAN, RESPONSE, { id: 'qr-00001' })).data).toEqual({
      questionnaireResponse: { id: 'qr-00001', answers: expect.any(Array) },
    });
    const other = (await store.responsesOfPatient('pt-00002')).length;

    expect(await apply(deleted('ev-del', '2026-03-01T10:00:00.000Z'))).toEqual({ applied: 1, ignored: 0 });

    const unknown = await run(CLINICIAN, RESPONSE, { id: 'qr-never-stored' });
    expect(await run(CLINICIAN, RESPONSE, { id: 'qr-00001' })).toEqual(unknown);
    expect(unknown).toEqual({ data: { questionnaireResponse: null } });
    expect((await run(CLINICIAN, RESPONSE_ENTITY, ref('QuestionnaireResponse', 'qr-00001'))).data).toEqual({
      _entities: [null],
    });
    const entity = await run(CLINICIAN, PATIENT_ENTITY, ref('Patient', PATIENT));
    expect(entity.errors).toBeUndefined();
    expect(entity.data).toEqual({
      _entities: [
        {
          id: PATIENT,
          questionnaireResponses: [],
          clinicalHistory: { allergies: [], medications: [] },
          clinicalAnswers: [],
        },
      ],
    });
    expect((await run(CLINICIAN, PATIENT_ENTITY, ref('Patient', 'pt-never-seen'))).data).toEqual({
      _entities: [{ ...(entity.data!['_entities'] as object[])[0], id: 'pt-never-seen' }],
    });
    // The reads are recorded as for an unknown id, and nobody else's answers went.
    const reads = audit.all().filter((r) => r.action === 'response.read' && r.patientIds.length === 0);
    expect(reads.map((r) => [r.outcome, r.detail])).toContainEqual(['ALLOWED', 'NOT_FOUND']);
    expect((await store.responsesOfPatient('pt-00002')).length).toBe(other);
  });

  it('closes the patient’s intake links: questionnaire and submission NOT_FOUND, recorded FAILED, nothing stored', async () => {
    const { store, audit, run, apply, codes } = setup();
    expect((await run(intake(), QUESTIONNAIRE, { id: SEED_QUESTIONNAIRE_ID })).data).toEqual({
      questionnaire: { id: SEED_QUESTIONNAIRE_ID },
    });
    await apply(deleted('ev-del', '2026-03-01T10:00:00.000Z'));

    const read = await run(intake(), QUESTIONNAIRE, { id: SEED_QUESTIONNAIRE_ID });
    expect([read.data, codes(read)]).toEqual([{ questionnaire: null }, ['NOT_FOUND']]);
    const reference = await run(intake(), QUESTIONNAIRE_ENTITY, ref('Questionnaire', SEED_QUESTIONNAIRE_ID));
    expect([reference.data, codes(reference)]).toEqual([{ _entities: [null] }, ['NOT_FOUND']]);
    const submitted = await run(intake(), SUBMIT, submission());
    expect([submitted.data, codes(submitted)]).toEqual([null, ['NOT_FOUND']]);
    expect(audit.all().filter((r) => r.action === 'response.submit')).toMatchObject([
      { outcome: 'FAILED', detail: 'NOT_FOUND', patientIds: [PATIENT], actor: { kind: 'intake', id: 'link-1' } },
    ]);
    expect([await store.responsesOfPatient(PATIENT), await store.isLinkUsed('link-1'), store.outbox.sizeNow()]).toEqual(
      [[], false, 0],
    );

    // Another patient's link is not affected, nor are staff reading the questionnaire.
    expect((await run(intake('pt-00002', 'link-2'), SUBMIT, submission('pt-00002'))).errors).toBeUndefined();
    expect((await run(CLINICIAN, QUESTIONNAIRE, { id: SEED_QUESTIONNAIRE_ID })).data).toEqual({
      questionnaire: { id: SEED_QUESTIONNAIRE_ID },
    });
  });

  it('refuses a staff submission that raced the deletion past the graph’s check, storing nothing', async () => {
    const { store, audit, run, apply, codes } = setup();
    await apply(deleted('ev-del', '2026-03-01T10:00:00.000Z'));
    const submitted = await run(CLINICIAN, SUBMIT, submission());
    expect(codes(submitted)).toEqual(['NOT_FOUND']);
    expect(audit.all().filter((r) => r.action === 'response.submit')).toMatchObject([
      { outcome: 'FAILED', detail: 'NOT_FOUND', patientIds: [PATIENT] },
    ]);
    expect([await store.responsesOfPatient(PATIENT), store.outbox.sizeNow()]).toEqual([[], 0]);
  });

  it('is final: delivered again, and followed by a late patient.upserted, it brings nothing back', async () => {
    const { store, run, apply, codes } = setup();
    await apply(deleted('ev-del', '2026-03-01T10:00:00.000Z'));
    expect(
      await apply(
        deleted('ev-del', '2026-03-01T10:00:00.000Z'),
        lateUpsert('ev-late-update'),
        deleted('ev-del-again', '2026-03-02T10:00:00.000Z'),
      ),
    ).toEqual({ applied: 2, ignored: 1 });
    expect(await store.tombstone(PATIENT)).toEqual({
      patientId: PATIENT,
      organizationId: 'org-riverside',
      deletedAt: '2026-03-01T10:00:00.000Z',
    });
    expect(codes(await run(intake(), SUBMIT, submission()))).toEqual(['NOT_FOUND']);
    expect(codes(await run(intake(), QUESTIONNAIRE, { id: SEED_QUESTIONNAIRE_ID }))).toEqual(['NOT_FOUND']);
    expect(await store.responsesOfPatient(PATIENT)).toEqual([]);
  });

  it('is logged with ids and a count only', async () => {
    const { logs, apply } = setup();
    await apply(deleted('ev-del', '2026-03-01T10:00:00.000Z'), lateUpsert('ev-late-update'));
    const lines = logs.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.filter((l) => l['event'] === 'patient.erased')).toMatchObject([
      { eventId: 'ev-del', patientId: PATIENT, responses: 1 },
    ]);
    expect(logs.join('\n')).not.toMatch(/Latefirst|Lastname|MRN-LATE/);
  });
});
