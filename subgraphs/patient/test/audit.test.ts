import type { IncomingHttpHeaders } from 'node:http';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import {
  DEV_AUDIT_HMAC_KEY,
  InMemoryAuditLog,
  SEED_QUESTIONNAIRE_ID,
  verifyAuditChain,
  type AuditRecord,
} from '@carebridge/common';
import {
  AUDIT_FAILED_RESULT,
  breakableAuditLog,
  createTestAuth,
  execute,
  staff,
  type TestAuth,
} from '@carebridge/common/testing';
import { seedPatients } from '../src/data/seed';
import { createSeededStore, createService } from '../src/server';

// Seeded: pt-00001..3 are Riverside's, pt-00004 Lakeside's (see authorization.test.ts).

let auth: TestAuth;
let clinician: IncomingHttpHeaders;
let admin: IncomingHttpHeaders;
let lakesideAdmin: IncomingHttpHeaders;
let intake: IncomingHttpHeaders;

const CLINICIAN_ACTOR = { kind: 'staff', id: 'user-clinician-org-riverside', role: 'CLINICIAN' };
const ADMIN_ACTOR = { kind: 'staff', id: 'user-admin-org-riverside', role: 'ADMIN' };

beforeAll(async () => {
  auth = await createTestAuth();
  clinician = await auth.headers(staff('org-riverside'));
  admin = await auth.headers(staff('org-riverside', 'ADMIN'));
  lakesideAdmin = await auth.headers(staff('org-lakeside', 'ADMIN'));
  intake = await auth.headers({
    kind: 'intake',
    linkId: 'link-1',
    patientId: 'pt-00001',
    organizationId: 'org-riverside',
    questionnaireId: SEED_QUESTIONNAIRE_ID,
  });
});

function setup() {
  const log = new InMemoryAuditLog({ service: 'patient', key: DEV_AUDIT_HMAC_KEY });
  const service = createService({ verifier: auth.verifier, store: createSeededStore(), audit: log });
  const run = (query: string, headers: IncomingHttpHeaders, variables: Record<string, unknown> = {}) =>
    execute<Record<string, any>>(service, query, variables, headers);
  return { log, run };
}

/** The fields of a record a test is about. */
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
  patientCount: r.patientCount,
  detail: r.detail,
});
const recorded = (log: InMemoryAuditLog) => log.all().map(essentials);

const UPDATE = `mutation ($id: ID!, $input: PatientUpdateInput!, $version: Int!) {
  updatePatient(id: $id, input: $input, expectedVersion: $version) { id version } }`;
const TRAIL = `query ($id: ID!, $first: Int, $after: String) { patient(id: $id) { id
  demographicsAuditTrail(first: $first, after: $after) {
    nodes { seq service organizationId actor { kind id role } action outcome patientIds patientCount detail requestId hash }
    pageInfo { hasNextPage endCursor } } } }`;

describe('patient subgraph audit records', () => {
  it('a read', async () => {
    const { log, run } = setup();
    expect((await run('{ patient(id: "pt-00001") { id firstName } }', clinician)).errors).toBeUndefined();
    expect(recorded(log)).toEqual([
      {
        action: 'patient.read',
        outcome: 'ALLOWED',
        actor: CLINICIAN_ACTOR,
        organizationId: 'org-riverside',
        patientIds: ['pt-00001'],
        patientCount: 1,
      },
    ]);
    expect(log.all()[0]).toMatchObject({ service: 'patient', seq: 1, prevHash: 'genesis' });
  });

  it('a list: the ids returned and their count', async () => {
    const { log, run } = setup();
    const result = await run('{ patients(first: 5) { nodes { id } } }', clinician);
    const ids = (result.data?.['patients'].nodes as { id: string }[]).map((n) => n.id);
    expect(ids).toHaveLength(5);
    expect(recorded(log)).toEqual([
      {
        action: 'patient.list',
        outcome: 'ALLOWED',
        actor: CLINICIAN_ACTOR,
        organizationId: 'org-riverside',
        patientIds: ids,
        patientCount: 5,
      },
    ]);
  });

  it('changes: create, update, a failed update and delete', async () => {
    const { log, run } = setup();
    const created = await run('mutation ($input: PatientInput!) { createPatient(input: $input) { id } }', clinician, {
      input: { firstName: 'Ada', lastName: 'Whitaker', gender: 'FEMALE', dateOfBirth: '1980-04-12' },
    });
    const id = created.data?.['createPatient'].id as string;
    await run(UPDATE, clinician, { id, version: 1, input: { lastName: 'Changed' } });
    await run(UPDATE, clinician, { id, version: 2, input: { firstName: '' } });
    await run(UPDATE, clinician, { id, version: 1, input: { firstName: 'Stale' } });
    await run(`mutation { deletePatient(id: "${id}") }`, clinician);
    const base = { actor: CLINICIAN_ACTOR, organizationId: 'org-riverside', patientIds: [id], patientCount: 1 };
    expect(recorded(log)).toEqual([
      { ...base, action: 'patient.create', outcome: 'ALLOWED' },
      { ...base, action: 'patient.update', outcome: 'ALLOWED' },
      { ...base, action: 'patient.update', outcome: 'FAILED', detail: 'BAD_USER_INPUT' },
      { ...base, action: 'patient.update', outcome: 'FAILED', detail: 'VERSION_CONFLICT' },
      { ...base, action: 'patient.delete', outcome: 'ALLOWED' },
    ]);
  });

  it('a denied cross-organization attempt, by id and through _entities', async () => {
    const { log, run } = setup();
    const result = await run('{ patient(id: "pt-00004") { id } }', clinician);
    expect(result.errors?.map((e) => e.extensions?.['code'])).toEqual(['FORBIDDEN']);
    await run('query ($r: [_Any!]!) { _entities(representations: $r) { ... on Patient { id } } }', clinician, {
      r: [
        { __typename: 'Patient', id: 'pt-00001' },
        { __typename: 'Patient', id: 'pt-00004' },
      ],
    });
    const denied = {
      action: 'patient.read',
      outcome: 'DENIED',
      actor: CLINICIAN_ACTOR,
      organizationId: 'org-riverside',
      patientIds: ['pt-00004'],
      patientCount: 1,
      detail: 'OTHER_ORGANIZATION',
    };
    const [byId, ...entities] = recorded(log);
    expect(byId).toEqual(denied);
    // Entities resolve concurrently; each is its own record, whatever the order.
    expect(entities).toHaveLength(2);
    expect(entities).toContainEqual(denied);
    expect(entities).toContainEqual({ ...denied, outcome: 'ALLOWED', patientIds: ['pt-00001'], detail: undefined });
  });

  it('the entities one request reads: one record naming them all, 100 patients at most per record', async () => {
    const { log, run } = setup();
    const ENTITIES = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Patient { id } } }';
    const unknown = Array.from({ length: 150 }, (_, i) => `pt-unknown-${i}`);
    const result = await run(ENTITIES, clinician, {
      r: ['pt-00001', 'pt-00002', 'pt-00003', ...unknown, 'pt-00002'].map((id) => ({ __typename: 'Patient', id })),
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.['_entities']).toHaveLength(154);
    const records = log.all();
    expect(records.map((r) => [r.action, r.outcome, r.detail, r.patientIds.length])).toEqual([
      ['patient.read', 'ALLOWED', undefined, 3],
      ['patient.read', 'ALLOWED', 'NOT_FOUND', 100],
      ['patient.read', 'ALLOWED', 'NOT_FOUND', 50],
    ]);
    expect(records[0]!.patientIds).toEqual(['pt-00001', 'pt-00002', 'pt-00003']);
    expect(records.slice(1).flatMap((r) => r.patientIds)).toEqual(unknown);
    expect(records.every((r) => r.requestId === records[0]!.requestId)).toBe(true);
    expect(verifyAuditChain(records, DEV_AUDIT_HMAC_KEY)).toEqual({ ok: true, count: 3 });
    // Each patient's trail still finds the read.
    const trail = await run(TRAIL, admin, { id: 'pt-00003' });
    expect(trail.data?.['patient'].demographicsAuditTrail.nodes.map((n: AuditNode) => n.actor.id)).toContain(
      CLINICIAN_ACTOR.id,
    );
  });

  it('answers no entity when the coalesced record cannot be written', async () => {
    const audit = breakableAuditLog('patient');
    onTestFinished(() => audit.remove());
    const service = createService({ verifier: auth.verifier, store: createSeededStore(), audit: audit.log });
    audit.break();
    const result = await execute<Record<string, any>>(
      service,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Patient { id lastName } } }',
      { r: ['pt-00001', 'pt-00002'].map((id) => ({ __typename: 'Patient', id })) },
      clinician,
    );
    expect(result).toEqual(AUDIT_FAILED_RESULT);
    expect(audit.log.all()).toEqual([]);
  });

  it('an intake link’s denial', async () => {
    const { log, run } = setup();
    await run('{ patient(id: "pt-00001") { id } }', intake);
    expect(recorded(log)).toEqual([
      {
        action: 'patient.read',
        outcome: 'DENIED',
        actor: { kind: 'intake', id: 'link-1' },
        organizationId: 'org-riverside',
        patientIds: ['pt-00001'],
        patientCount: 1,
        detail: 'NOT_STAFF',
      },
    ]);
  });

  it('hold no PHI, only ids and codes, and chain', async () => {
    const { log, run } = setup();
    const seeded = seedPatients()[0]!;
    await run('{ patient(id: "pt-00001") { id firstName lastName email mrn dateOfBirth } }', clinician);
    await run('{ patients(first: 3, filter: { search: "a" }) { nodes { id } } }', clinician);
    await run(UPDATE, clinician, { id: 'pt-00001', version: 1, input: { firstName: 'Secretname' } });
    await run(UPDATE, clinician, { id: 'pt-00001', version: 2, input: { email: 'not an email' } });
    await run('mutation ($input: PatientInput!) { createPatient(input: $input) { id } }', clinician, {
      input: { firstName: 'Ada', lastName: 'Whitaker', gender: 'FEMALE', dateOfBirth: '1980-04-12' },
    });
    const serialized = JSON.stringify(log.all());
    for (const phi of [
      seeded.firstName,
      seeded.lastName,
      seeded.email,
      seeded.mrn,
      seeded.dateOfBirth,
      'Secretname',
      'not an email',
      'Whitaker',
      '1980-04-12',
    ]) {
      if (phi) expect(serialized).not.toContain(phi);
    }
    expect(verifyAuditChain(log.all(), DEV_AUDIT_HMAC_KEY)).toEqual({ ok: true, count: 5 });
  });
});

describe('the audit trail in the graph', () => {
  it('gives an ADMIN their organization’s records for a patient, newest first, a page at a time', async () => {
    const { log, run } = setup();
    await run('{ patient(id: "pt-00001") { id } }', clinician);
    await run('{ patient(id: "pt-00002") { id } }', clinician);
    // Lakeside's attempt on Riverside's patient is Lakeside's record, never shown to Riverside.
    await run('{ patient(id: "pt-00001") { id } }', lakesideAdmin);
    await run(UPDATE, clinician, { id: 'pt-00001', version: 1, input: { lastName: 'Changed' } });

    const page = await run(TRAIL, admin, { id: 'pt-00001', first: 2 });
    expect(page.errors).toBeUndefined();
    const trail = page.data?.['patient'].demographicsAuditTrail;
    // Newest first: the admin's own read of the parent patient (this request), then the update.
    expect(trail.nodes.map((n: AuditNode) => [n.seq, n.action, n.outcome, n.actor])).toEqual([
      [5, 'patient.read', 'ALLOWED', { kind: 'STAFF', id: ADMIN_ACTOR.id, role: 'ADMIN' }],
      [4, 'patient.update', 'ALLOWED', { kind: 'STAFF', id: CLINICIAN_ACTOR.id, role: 'CLINICIAN' }],
    ]);
    expect(trail.nodes[0]).toMatchObject({
      service: 'patient',
      organizationId: 'org-riverside',
      patientIds: ['pt-00001'],
      patientCount: 1,
      detail: null,
      hash: log.all()[4]!.hash,
    });
    expect(trail.pageInfo.hasNextPage).toBe(true);

    const next = await run(TRAIL, admin, { id: 'pt-00001', first: 2, after: trail.pageInfo.endCursor });
    expect(
      next.data?.['patient'].demographicsAuditTrail.nodes.map((n: AuditNode) => [n.seq, n.action, n.organizationId]),
    ).toEqual([[1, 'patient.read', 'org-riverside']]);
    expect(next.data?.['patient'].demographicsAuditTrail.pageInfo.hasNextPage).toBe(false);

    // Reading the trail is recorded too.
    expect(
      log
        .all()
        .filter((r) => r.action === 'audit.read')
        .map(essentials),
    ).toEqual([
      {
        action: 'audit.read',
        outcome: 'ALLOWED',
        actor: ADMIN_ACTOR,
        organizationId: 'org-riverside',
        patientIds: ['pt-00001'],
        patientCount: 1,
      },
      {
        action: 'audit.read',
        outcome: 'ALLOWED',
        actor: ADMIN_ACTOR,
        organizationId: 'org-riverside',
        patientIds: ['pt-00001'],
        patientCount: 1,
      },
    ]);
  });

  it('refuses a CLINICIAN (recorded as DENIED) and an intake link', async () => {
    const { log, run } = setup();
    const result = await run(TRAIL, clinician, { id: 'pt-00001' });
    expect(result.errors?.map((e) => [e.path, e.extensions?.['code']])).toEqual([
      [['patient', 'demographicsAuditTrail'], 'FORBIDDEN'],
    ]);
    expect(result.data).toEqual({ patient: null });
    const log2 = await run('{ patientAuditLog { nodes { seq } } }', intake);
    expect(log2.errors?.map((e) => e.extensions?.['code'])).toEqual(['FORBIDDEN']);
    expect(
      log
        .all()
        .filter((r) => r.action === 'audit.read')
        .map((r) => [r.outcome, r.actor.kind, r.detail]),
    ).toEqual([
      ['DENIED', 'staff', 'ROLE_REQUIRED'],
      ['DENIED', 'intake', 'NOT_STAFF'],
    ]);
  });

  it('lists the organization’s whole log and never another organization’s records', async () => {
    const { run } = setup();
    await run('{ patient(id: "pt-00001") { id } }', clinician);
    await run('{ patient(id: "pt-00004") { id } }', lakesideAdmin);
    await run('{ patient(id: "pt-00004") { id } }', clinician);
    const lakeside = await run(
      '{ patientAuditLog { nodes { seq organizationId action outcome patientIds } } }',
      lakesideAdmin,
    );
    expect(lakeside.data?.['patientAuditLog'].nodes).toEqual([
      { seq: 2, organizationId: 'org-lakeside', action: 'patient.read', outcome: 'ALLOWED', patientIds: ['pt-00004'] },
    ]);
    // Riverside's trail of its own patient pt-00001 leaves out Lakeside's attempt on it.
    await run('{ patient(id: "pt-00001") { id } }', lakesideAdmin);
    const trail = await run(TRAIL, admin, { id: 'pt-00001' });
    expect(
      trail.data?.['patient'].demographicsAuditTrail.nodes.map((n: AuditNode) => [
        n.organizationId,
        n.actor.id,
        n.outcome,
      ]),
    ).toEqual([
      ['org-riverside', ADMIN_ACTOR.id, 'ALLOWED'],
      ['org-riverside', CLINICIAN_ACTOR.id, 'ALLOWED'],
    ]);
    const all = await run('{ patientAuditLog(first: 100) { nodes { organizationId patientIds outcome } } }', admin);
    const nodes = all.data?.['patientAuditLog'].nodes as { organizationId: string }[];
    expect(nodes.every((n) => n.organizationId === 'org-riverside')).toBe(true);
    expect(nodes).toContainEqual({ organizationId: 'org-riverside', patientIds: ['pt-00004'], outcome: 'DENIED' });
  });
});

describe('a change and its audit record: both or neither', () => {
  const CREATE = 'mutation ($input: PatientInput!) { createPatient(input: $input) { id } }';
  const BULK = `mutation ($filter: BulkPatientFilter!, $input: BulkPatientUpdateInput!) {
    updatePatients(filter: $filter, input: $input, dryRun: false) { changedCount } }`;
  const NEW = { firstName: 'Ada', lastName: 'Quillfeather', gender: 'FEMALE', dateOfBirth: '1980-04-12' };

  it('changes nothing and records no change event when the record cannot be written; a retry changes once', async () => {
    const audit = breakableAuditLog('patient');
    onTestFinished(() => audit.remove());
    const store = createSeededStore();
    const service = createService({ verifier: auth.verifier, store, audit: audit.log });
    const run = (query: string, variables: Record<string, unknown> = {}) =>
      execute<Record<string, any>>(service, query, variables, clinician);
    const before = { size: store.size, patient: await store.findById('pt-00001') };

    audit.break();
    expect(await run(CREATE, { input: NEW })).toEqual(AUDIT_FAILED_RESULT);
    expect(await run(UPDATE, { id: 'pt-00001', version: 1, input: { lastName: 'Changed' } })).toEqual(
      AUDIT_FAILED_RESULT,
    );
    expect(
      await run(BULK, { filter: { primaryCarePhysicianId: 'prov-riverside-1' }, input: { preferredLanguage: 'ES' } }),
    ).toEqual(AUDIT_FAILED_RESULT);
    expect(await run('mutation { deletePatient(id: "pt-00002") }')).toEqual(AUDIT_FAILED_RESULT);
    expect(store.size).toBe(before.size);
    expect((await store.list({ filter: { search: 'Quillfeather' }, first: 10 })).nodes).toEqual([]);
    expect(await store.findById('pt-00001')).toEqual(before.patient);
    expect(await store.findById('pt-00002')).toBeDefined();
    expect((await store.listAll({ primaryCarePhysicianId: 'prov-riverside-1' })).every((p) => p.version === 1)).toBe(
      true,
    );
    expect(store.outbox.sizeNow()).toBe(0);
    expect(audit.log.all()).toEqual([]);

    audit.heal();
    const created = await run(CREATE, { input: NEW });
    expect(created.errors).toBeUndefined();
    const id = created.data?.['createPatient'].id as string;
    expect(store.size).toBe(before.size + 1);
    expect((await store.list({ filter: { search: 'Quillfeather' }, first: 10 })).nodes.map((p) => p.id)).toEqual([id]);
    expect(store.outbox.pendingNow(10).map((e) => [e.type, e.patientId])).toEqual([['patient.upserted', id]]);
    expect(recorded(audit.log)).toEqual([
      {
        action: 'patient.create',
        outcome: 'ALLOWED',
        actor: CLINICIAN_ACTOR,
        organizationId: 'org-riverside',
        patientIds: [id],
        patientCount: 1,
      },
    ]);
  });
});
