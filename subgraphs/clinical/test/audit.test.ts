import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import {
  DEV_AUDIT_HMAC_KEY,
  InMemoryAuditLog,
  SEED_QUESTIONNAIRE_ID,
  verifyAuditChain,
  type AuditRecord,
  type IntakeViewer,
  type Viewer,
} from '@carebridge/common';
import {
  AUDIT_FAILED_RESULT,
  breakableAuditLog,
  createTestAuth,
  execute,
  staff,
  type TestAuth,
} from '@carebridge/common/testing';
import { createSeededStore } from '../src/data/seed';
import { createService } from '../src/server';
import { fakeDirectory } from './fixtures';

// Seeded: pt-00001 and its only response qr-00001 are Riverside's; pt-00004 is Lakeside's.

let auth: TestAuth;
beforeAll(async () => {
  auth = await createTestAuth();
});

const CLINICIAN = staff('org-riverside');
const ADMIN = staff('org-riverside', 'ADMIN');
const LAKESIDE_ADMIN = staff('org-lakeside', 'ADMIN');
const INTAKE: IntakeViewer = {
  kind: 'intake',
  linkId: 'link-1',
  patientId: 'pt-00001',
  organizationId: 'org-riverside',
  questionnaireId: SEED_QUESTIONNAIRE_ID,
};
const CLINICIAN_ACTOR = { kind: 'staff', id: CLINICIAN.userId, role: 'CLINICIAN' };

const OCCUPATION = 'Secret occupation text';
const ANSWERS = [
  ...['symptoms.current', 'allergies.known', 'medications.current', 'history.conditions', 'family.conditions'].map(
    (linkId) => ({ linkId, valueCodes: ['NONE'] }),
  ),
  { linkId: 'social.tobacco', valueCodes: ['NEVER'] },
  { linkId: 'social.alcohol', valueCodes: ['NEVER'] },
  { linkId: 'social.occupation', valueString: OCCUPATION },
];
const SUBMIT = `mutation ($input: QuestionnaireResponseInput!) { submitQuestionnaireResponse(input: $input) { id } }`;
const submission = (patientId: string, answers: unknown[] = ANSWERS) => ({
  input: { patientId, questionnaireId: SEED_QUESTIONNAIRE_ID, language: 'EN', answers },
});
const TRAIL = `query ($r: [_Any!]!, $after: String) { _entities(representations: $r) { ... on Patient {
  clinicalAuditTrail(first: 2, after: $after) {
    nodes { seq service organizationId actor { kind id role } action outcome patientIds detail }
    pageInfo { hasNextPage endCursor } } } } }`;
const patientRef = (id: string) => ({ r: [{ __typename: 'Patient', id }] });

function setup() {
  const log = new InMemoryAuditLog({ service: 'clinical', key: DEV_AUDIT_HMAC_KEY });
  const store = createSeededStore();
  const service = createService({ verifier: auth.verifier, patients: fakeDirectory(auth.verifier), store, audit: log });
  const run = async (viewer: Viewer, query: string, variables: Record<string, unknown> = {}) =>
    execute<Record<string, any>>(service, query, variables, await auth.headers(viewer));
  return { log, store, run };
}

/** An `AuditRecord` node as a test query selects it. */
interface AuditNode {
  seq: number;
  action: string;
  outcome: string;
  organizationId: string;
  actor: { kind: string; id: string; role: string | null };
}

const essentials = (r: AuditRecord) => ({
  action: r.action,
  outcome: r.outcome,
  actor: r.actor,
  organizationId: r.organizationId,
  patientIds: r.patientIds,
  detail: r.detail,
});
const recorded = (log: InMemoryAuditLog) => log.all().map(essentials);
const riverside = { actor: CLINICIAN_ACTOR, organizationId: 'org-riverside' };

describe('clinical subgraph audit records', () => {
  it('a read of a response, and of a patient’s history and responses through _entities', async () => {
    const { log, run } = setup();
    expect((await run(CLINICIAN, '{ questionnaireResponse(id: "qr-00001") { id answers { linkId } } }')).errors).toBe(
      undefined,
    );
    const entities = await run(
      CLINICIAN,
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Patient {
        clinicalHistory { allergies } questionnaireResponses { id } } } }`,
      patientRef('pt-00001'),
    );
    expect(entities.errors).toBeUndefined();
    // The two fields of the entity are siblings: each is recorded when its own reads finish, in either order.
    const [first, ...siblings] = recorded(log);
    expect([first, ...siblings.sort((a, b) => a.action.localeCompare(b.action))]).toEqual([
      { ...riverside, action: 'response.read', outcome: 'ALLOWED', patientIds: ['pt-00001'] },
      { ...riverside, action: 'history.read', outcome: 'ALLOWED', patientIds: ['pt-00001'] },
      { ...riverside, action: 'response.read', outcome: 'ALLOWED', patientIds: ['pt-00001'] },
    ]);
  });

  it('a list: a patient’s responses, one record for the patient', async () => {
    const { log, run } = setup();
    await run(CLINICIAN, SUBMIT, submission('pt-00001'));
    const result = await run(
      CLINICIAN,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Patient { questionnaireResponses { id } } } }',
      patientRef('pt-00001'),
    );
    expect(result.data?.['_entities'][0].questionnaireResponses).toHaveLength(2);
    expect(recorded(log).at(-1)).toEqual({
      ...riverside,
      action: 'response.read',
      outcome: 'ALLOWED',
      patientIds: ['pt-00001'],
    });
  });

  it('a change: submitting answers, allowed and invalid', async () => {
    const { log, run } = setup();
    expect((await run(CLINICIAN, SUBMIT, submission('pt-00001'))).errors).toBeUndefined();
    await run(CLINICIAN, SUBMIT, submission('pt-00001', [{ linkId: 'social.tobacco', valueCodes: ['BOGUS'] }]));
    expect(recorded(log)).toEqual([
      { ...riverside, action: 'response.submit', outcome: 'ALLOWED', patientIds: ['pt-00001'] },
      {
        ...riverside,
        action: 'response.submit',
        outcome: 'FAILED',
        patientIds: ['pt-00001'],
        detail: 'BAD_USER_INPUT',
      },
    ]);
  });

  it('a cross-organization attempt: reading and answering for Lakeside’s patient denied, its history as an unknown patient’s', async () => {
    const { log, store, run } = setup();
    const lakesideResponse = (await store.responsesOfPatient('pt-00004'))[0]!.id;
    await run(CLINICIAN, `{ questionnaireResponse(id: "${lakesideResponse}") { id } }`);
    await run(CLINICIAN, SUBMIT, submission('pt-00004'));
    await run(
      CLINICIAN,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Patient { clinicalHistory { allergies } } } }',
      patientRef('pt-00004'),
    );
    await run(
      CLINICIAN,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Patient { clinicalHistory { allergies } } } }',
      patientRef('pt-unknown'),
    );
    const denied = { ...riverside, outcome: 'DENIED', patientIds: ['pt-00004'] };
    // Reading Lakeside's patient's history answers (and records) what an unknown patient's does:
    // the caller's organization's answers, none. The audit trail, which an ADMIN reads, is no
    // oracle either.
    expect(recorded(log)).toEqual([
      { ...denied, action: 'response.read', detail: 'OTHER_ORGANIZATION' },
      { ...denied, action: 'response.submit', detail: 'OTHER_ORGANIZATION' },
      { ...riverside, outcome: 'ALLOWED', patientIds: ['pt-00004'], action: 'history.read' },
      { ...riverside, outcome: 'ALLOWED', patientIds: ['pt-unknown'], action: 'history.read' },
    ]);
  });

  it('an intake link: its own submission allowed, reading and a second submission denied', async () => {
    const { log, run } = setup();
    await run(INTAKE, SUBMIT, submission('pt-00001'));
    await run(INTAKE, SUBMIT, submission('pt-00001'));
    await run(INTAKE, '{ questionnaireResponse(id: "qr-00001") { id } }');
    const intake = {
      actor: { kind: 'intake', id: 'link-1' },
      organizationId: 'org-riverside',
      patientIds: ['pt-00001'],
    };
    expect(recorded(log)).toEqual([
      { ...intake, action: 'response.submit', outcome: 'ALLOWED' },
      { ...intake, action: 'response.submit', outcome: 'DENIED', detail: 'INTAKE_LINK_USED' },
      { ...intake, action: 'response.read', outcome: 'DENIED', detail: 'NOT_STAFF' },
    ]);
  });

  it('hold no PHI: no answer text, only ids and codes', async () => {
    const { log, run } = setup();
    await run(CLINICIAN, SUBMIT, submission('pt-00001'));
    await run(
      CLINICIAN,
      SUBMIT,
      submission('pt-00001', [{ linkId: 'social.occupation', valueString: 'x'.repeat(5000) }]),
    );
    await run(
      CLINICIAN,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Patient { clinicalHistory { socialHistory } } } }',
      patientRef('pt-00001'),
    );
    const serialized = JSON.stringify(log.all());
    expect(serialized).not.toContain(OCCUPATION);
    expect(serialized).not.toContain('xxxxxxxx');
    expect(serialized).not.toContain('NEVER');
    expect(verifyAuditChain(log.all(), DEV_AUDIT_HMAC_KEY)).toEqual({ ok: true, count: 3 });
  });
});

describe('the clinical audit trail in the graph', () => {
  it('gives an ADMIN their organization’s records for a patient, newest first, and records the read', async () => {
    const { log, run } = setup();
    await run(CLINICIAN, '{ questionnaireResponse(id: "qr-00001") { id } }');
    const submitted = await run(CLINICIAN, SUBMIT, submission('pt-00001'));
    // Lakeside's attempt on Riverside's patient is Lakeside's record.
    await run(LAKESIDE_ADMIN, '{ questionnaireResponse(id: "qr-00001") { id } }');
    const newId = submitted.data?.['submitQuestionnaireResponse'].id as string;
    await run(CLINICIAN, `{ questionnaireResponse(id: "${newId}") { id } }`);

    const first = await run(ADMIN, TRAIL, patientRef('pt-00001'));
    expect(first.errors).toBeUndefined();
    const trail = first.data?.['_entities'][0].clinicalAuditTrail;
    expect(trail.nodes.map((n: AuditNode) => [n.seq, n.action, n.outcome, n.organizationId])).toEqual([
      [4, 'response.read', 'ALLOWED', 'org-riverside'],
      [2, 'response.submit', 'ALLOWED', 'org-riverside'],
    ]);
    expect(trail.nodes[0]).toMatchObject({
      service: 'clinical',
      actor: { kind: 'STAFF', id: CLINICIAN.userId, role: 'CLINICIAN' },
      patientIds: ['pt-00001'],
      detail: null,
    });
    const next = await run(ADMIN, TRAIL, { ...patientRef('pt-00001'), after: trail.pageInfo.endCursor });
    expect(next.data?.['_entities'][0].clinicalAuditTrail).toMatchObject({
      nodes: [{ seq: 1, action: 'response.read' }],
      pageInfo: { hasNextPage: false },
    });
    expect(
      log
        .all()
        .filter((r) => r.action === 'audit.read')
        .map(essentials),
    ).toEqual([
      {
        action: 'audit.read',
        outcome: 'ALLOWED',
        actor: { kind: 'staff', id: ADMIN.userId, role: 'ADMIN' },
        organizationId: 'org-riverside',
        patientIds: ['pt-00001'],
      },
      {
        action: 'audit.read',
        outcome: 'ALLOWED',
        actor: { kind: 'staff', id: ADMIN.userId, role: 'ADMIN' },
        organizationId: 'org-riverside',
        patientIds: ['pt-00001'],
      },
    ]);

    // Lakeside's admin sees only Lakeside's own record, in the trail and the organization log.
    const lakeside = await run(LAKESIDE_ADMIN, '{ clinicalAuditLog { nodes { organizationId action outcome } } }');
    expect(lakeside.data?.['clinicalAuditLog'].nodes).toEqual([
      { organizationId: 'org-lakeside', action: 'response.read', outcome: 'DENIED' },
    ]);
  });

  it('refuses a CLINICIAN, recorded as DENIED', async () => {
    const { log, run } = setup();
    const result = await run(CLINICIAN, TRAIL, patientRef('pt-00001'));
    expect(result.errors?.map((e) => e.extensions?.['code'])).toEqual(['FORBIDDEN']);
    const orgLog = await run(CLINICIAN, '{ clinicalAuditLog { nodes { seq } } }');
    expect(orgLog.errors?.map((e) => e.extensions?.['code'])).toEqual(['FORBIDDEN']);
    expect(recorded(log)).toEqual([
      { ...riverside, action: 'audit.read', outcome: 'DENIED', patientIds: ['pt-00001'], detail: 'ROLE_REQUIRED' },
      { ...riverside, action: 'audit.read', outcome: 'DENIED', patientIds: [], detail: 'ROLE_REQUIRED' },
    ]);
  });
});

describe('a change and its audit record: both or neither', () => {
  it('stores no response, uses no link and records no event when the record cannot be written; a retry stores one', async () => {
    const audit = breakableAuditLog('clinical');
    onTestFinished(() => audit.remove());
    const store = createSeededStore();
    const service = createService({
      verifier: auth.verifier,
      patients: fakeDirectory(auth.verifier),
      store,
      audit: audit.log,
    });
    const run = async (viewer: Viewer) =>
      execute<Record<string, any>>(service, SUBMIT, submission('pt-00001'), await auth.headers(viewer));
    const before = await store.responsesOfPatient('pt-00001');

    audit.break();
    expect(await run(CLINICIAN)).toEqual(AUDIT_FAILED_RESULT);
    expect(await run(INTAKE)).toEqual(AUDIT_FAILED_RESULT);
    expect(await store.responsesOfPatient('pt-00001')).toEqual(before);
    expect(await store.isLinkUsed(INTAKE.linkId)).toBe(false);
    expect(await store.outbox.size()).toBe(0);
    expect(audit.log.all()).toEqual([]);

    audit.heal();
    const retried = await run(INTAKE);
    expect(retried.errors).toBeUndefined();
    const after = await store.responsesOfPatient('pt-00001');
    expect(after.map((r) => r.id)).toEqual([
      retried.data?.['submitQuestionnaireResponse'].id,
      ...before.map((r) => r.id),
    ]);
    expect(await store.outbox.size()).toBe(1);
    expect(recorded(audit.log)).toEqual([
      {
        actor: { kind: 'intake', id: 'link-1' },
        organizationId: 'org-riverside',
        action: 'response.submit',
        outcome: 'ALLOWED',
        patientIds: ['pt-00001'],
      },
    ]);
  });
});
