import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import {
  DEV_AUDIT_HMAC_KEY,
  InMemoryAuditLog,
  verifyAuditChain,
  type AuditRecord,
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
import { createService } from '../src/server';
import { patientSnapshot, upserted } from './delivery.fixtures';
import { GOLDEN_RECORD } from './fixtures';

let auth: TestAuth;
beforeAll(async () => {
  auth = await createTestAuth();
});

const CLINICIAN = staff('org-lakeside');
const ADMIN = staff('org-lakeside', 'ADMIN');
const RIVERSIDE = staff('org-riverside');
const RIVERSIDE_ADMIN = staff('org-riverside', 'ADMIN');
const INTAKE: Viewer = {
  kind: 'intake',
  linkId: 'link-1',
  patientId: 'pt-d1',
  organizationId: 'org-lakeside',
  questionnaireId: 'qn',
};
const lakeside = {
  actor: { kind: 'staff', id: CLINICIAN.userId, role: 'CLINICIAN' },
  organizationId: 'org-lakeside',
};

/** A service with one Lakeside patient (pt-d1) whose change queued one transaction. */
async function setup() {
  const log = new InMemoryAuditLog({ service: 'ehr', key: DEV_AUDIT_HMAC_KEY });
  const service = createService({ verifier: auth.verifier, audit: log });
  await service.shared.delivery.ingest([upserted(patientSnapshot())]);
  const transactionId = (await service.shared.transactions.byPatient('pt-d1'))[0]!.id;
  const run = async (viewer: Viewer, query: string, variables: Record<string, unknown> = {}) =>
    execute<Record<string, any>>(service, query, variables, await auth.headers(viewer));
  return { log, run, transactionId };
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

const PATIENT_TRANSACTIONS = `query ($r: [_Any!]!) { _entities(representations: $r) {
  ... on Patient { ehrTransactions { id payload } } } }`;
const ref = (id: string, organizationId: string) => ({
  r: [{ __typename: 'Patient', id, organization: { id: organizationId } }],
});

/** The representation the gateway sends for `ehrPreview`: the patient's demographics and answers. */
function previewRepresentation() {
  const { patient, answers } = GOLDEN_RECORD;
  const { id, organizationId, preferredLanguage: _language, ...demographics } = patient;
  return { __typename: 'Patient', id, organization: { id: organizationId }, ...demographics, clinicalAnswers: answers };
}

describe('ehr subgraph audit records', () => {
  it('a read: a patient’s transactions, and a preview built from their demographics and answers', async () => {
    const { log, run } = await setup();
    expect((await run(CLINICIAN, PATIENT_TRANSACTIONS, ref('pt-d1', 'org-lakeside'))).errors).toBeUndefined();
    const preview = await run(
      RIVERSIDE,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Patient { ehrPreview { endpoint payload } } } }',
      { r: [previewRepresentation()] },
    );
    expect(preview.errors).toBeUndefined();
    expect(recorded(log)).toEqual([
      { ...lakeside, action: 'ehr.transactions.read', outcome: 'ALLOWED', patientIds: ['pt-d1'], patientCount: 1 },
      {
        actor: { kind: 'staff', id: RIVERSIDE.userId, role: 'CLINICIAN' },
        organizationId: 'org-riverside',
        action: 'ehr.preview',
        outcome: 'ALLOWED',
        patientIds: ['pt-golden'],
        patientCount: 1,
      },
    ]);
    // The preview carried the whole record; the audit log holds none of it.
    const serialized = JSON.stringify(log.all());
    const { patient } = GOLDEN_RECORD;
    for (const phi of [patient.firstName, patient.lastName, patient.email!, patient.mrn, patient.dateOfBirth]) {
      expect(serialized).not.toContain(phi);
    }
    expect(serialized).not.toContain('PENICILLIN');
    expect(serialized).not.toContain('Marisol');
  });

  it('a preview with a draft mapping or another EHR system, and a refused draft, like any preview', async () => {
    const { log, run } = await setup();
    const PREVIEW = `query ($r: [_Any!]!, $draft: EhrMappingInput, $system: ID) { _entities(representations: $r) {
      ... on Patient { ehrPreview(draft: $draft, ehrSystemId: $system) { endpoint } } } }`;
    const draft = { fields: [{ source: 'name', target: 'NOPE', endpoint: '/v1/nowhere' }], note: 'secret plan' };
    const r = [previewRepresentation()];
    expect((await run(RIVERSIDE, PREVIEW, { r, system: 'ehr-allscripts' })).errors).toBeUndefined();
    expect((await run(RIVERSIDE, PREVIEW, { r, draft })).errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const base = {
      actor: { kind: 'staff', id: RIVERSIDE.userId, role: 'CLINICIAN' },
      organizationId: 'org-riverside',
      action: 'ehr.preview',
      patientIds: ['pt-golden'],
      patientCount: 1,
    };
    expect(recorded(log)).toEqual([
      { ...base, outcome: 'ALLOWED' },
      { ...base, outcome: 'FAILED', detail: 'BAD_USER_INPUT' },
    ]);
    expect(JSON.stringify(log.all())).not.toContain('secret plan');
  });

  it('a list: the delivery monitor records the patients on the page', async () => {
    const { log, run } = await setup();
    await run(CLINICIAN, '{ ehrTransactions { nodes { id } } }');
    expect(recorded(log)).toEqual([
      { ...lakeside, action: 'ehr.transactions.read', outcome: 'ALLOWED', patientIds: ['pt-d1'], patientCount: 1 },
    ]);
  });

  it('changes: resend, bulk resend (dry run) and a refused replay', async () => {
    const { log, run, transactionId } = await setup();
    expect((await run(CLINICIAN, 'mutation { resendPatientToEhr(patientId: "pt-d1") { id } }')).errors).toBeUndefined();
    await run(ADMIN, 'mutation { resendToEhr { patientCount } }');
    await run(CLINICIAN, `mutation { replayEhrTransaction(id: "${transactionId}") { id } }`);
    const base = { ...lakeside, patientIds: ['pt-d1'], patientCount: 1 };
    const admin = { actor: { kind: 'staff', id: ADMIN.userId, role: 'ADMIN' } };
    expect(recorded(log)).toEqual([
      { ...base, action: 'ehr.resend', outcome: 'ALLOWED' },
      { ...base, ...admin, action: 'ehr.resend', outcome: 'ALLOWED', detail: 'dry-run' },
      { ...base, action: 'ehr.replay', outcome: 'FAILED', detail: 'BAD_USER_INPUT' },
    ]);
    expect(verifyAuditChain(log.all(), DEV_AUDIT_HMAC_KEY)).toEqual({ ok: true, count: 3 });
  });

  it('denied cross-organization attempts', async () => {
    const { log, run, transactionId } = await setup();
    await run(RIVERSIDE, 'mutation { resendPatientToEhr(patientId: "pt-d1") { id } }');
    await run(RIVERSIDE, `{ ehrTransaction(id: "${transactionId}") { id } }`);
    await run(RIVERSIDE, PATIENT_TRANSACTIONS, ref('pt-d1', 'org-lakeside'));
    const denied = {
      actor: { kind: 'staff', id: RIVERSIDE.userId, role: 'CLINICIAN' },
      organizationId: 'org-riverside',
      outcome: 'DENIED',
      patientIds: ['pt-d1'],
      patientCount: 1,
      detail: 'OTHER_ORGANIZATION',
    };
    expect(recorded(log)).toEqual([
      { ...denied, action: 'ehr.resend' },
      { ...denied, action: 'ehr.transactions.read' },
      { ...denied, action: 'ehr.transactions.read' },
    ]);
  });

  it('an intake link’s denial', async () => {
    const { log, run } = await setup();
    await run(INTAKE, '{ ehrTransactions { nodes { id } } }');
    await run(INTAKE, PATIENT_TRANSACTIONS, ref('pt-d1', 'org-lakeside'));
    const intake = { actor: { kind: 'intake', id: 'link-1' }, organizationId: 'org-lakeside', outcome: 'DENIED' };
    expect(recorded(log)).toEqual([
      { ...intake, action: 'ehr.transactions.read', patientIds: [], patientCount: 0, detail: 'NOT_STAFF' },
      // Refused at the reference, before any field ran: one record, not one per field.
      { ...intake, action: 'ehr.read', patientIds: ['pt-d1'], patientCount: 1, detail: 'NOT_STAFF' },
    ]);
  });
});

describe('the ehr audit trail in the graph', () => {
  const TRAIL = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Patient {
    ehrAuditTrail { nodes { seq service organizationId action outcome patientIds actor { kind id role } } pageInfo { hasNextPage } } } } }`;

  it('gives an ADMIN their organization’s records for a patient; a CLINICIAN is refused', async () => {
    const { log, run } = await setup();
    await run(CLINICIAN, PATIENT_TRANSACTIONS, ref('pt-d1', 'org-lakeside'));
    await run(RIVERSIDE, PATIENT_TRANSACTIONS, ref('pt-d1', 'org-lakeside'));
    const result = await run(ADMIN, TRAIL, ref('pt-d1', 'org-lakeside'));
    expect(result.data?.['_entities'][0].ehrAuditTrail).toEqual({
      nodes: [
        {
          seq: 1,
          service: 'ehr',
          organizationId: 'org-lakeside',
          action: 'ehr.transactions.read',
          outcome: 'ALLOWED',
          patientIds: ['pt-d1'],
          actor: { kind: 'STAFF', id: CLINICIAN.userId, role: 'CLINICIAN' },
        },
      ],
      pageInfo: { hasNextPage: false },
    });
    const refused = await run(CLINICIAN, TRAIL, ref('pt-d1', 'org-lakeside'));
    expect(refused.errors?.map((e) => e.extensions?.['code'])).toEqual(['FORBIDDEN']);
    expect(
      log
        .all()
        .filter((r) => r.action === 'audit.read')
        .map((r) => [r.outcome, r.actor.role, r.patientIds]),
    ).toEqual([
      ['ALLOWED', 'ADMIN', ['pt-d1']],
      ['DENIED', 'CLINICIAN', ['pt-d1']],
    ]);

    // Riverside's admin sees Riverside's own attempt, never Lakeside's records.
    const riverside = await run(RIVERSIDE_ADMIN, '{ ehrAuditLog(first: 100) { nodes { organizationId outcome } } }');
    expect(riverside.data?.['ehrAuditLog'].nodes).toEqual([{ organizationId: 'org-riverside', outcome: 'DENIED' }]);
  });
});

describe('a change and its audit record: both or neither', () => {
  it('queues nothing when the record of a resend or replay cannot be written; a retry queues once', async () => {
    const audit = breakableAuditLog('ehr');
    onTestFinished(() => audit.remove());
    const service = createService({ verifier: auth.verifier, audit: audit.log });
    const { delivery, transactions } = service.shared;
    await delivery.ingest([upserted(patientSnapshot())]);
    const [created] = await transactions.byPatient('pt-d1');
    await transactions.save({ ...created!, status: 'DEAD', lastError: 'The EHR refused the request: HTTP 422' });
    const run = async (query: string, viewer = CLINICIAN) =>
      execute<Record<string, any>>(service, query, {}, await auth.headers(viewer));
    const RESEND = 'mutation { resendPatientToEhr(patientId: "pt-d1") { id } }';
    const BULK = 'mutation { resendToEhr(dryRun: false) { requestCount } }';
    const REPLAY = `mutation { replayEhrTransaction(id: "${created!.id}") { id } }`;

    audit.break();
    expect(await run(RESEND)).toEqual(AUDIT_FAILED_RESULT);
    expect(await run(BULK, ADMIN)).toEqual(AUDIT_FAILED_RESULT);
    expect(await run(REPLAY)).toEqual(AUDIT_FAILED_RESULT);
    expect((await transactions.byPatient('pt-d1')).map((t) => t.id)).toEqual([created!.id]);
    expect(await transactions.replayedBy(created!.id)).toBeUndefined();
    expect(audit.log.all()).toEqual([]);

    audit.heal();
    const resent = await run(RESEND);
    const replayed = await run(REPLAY);
    expect([resent.errors, replayed.errors]).toEqual([undefined, undefined]);
    const queued = (resent.data?.['resendPatientToEhr'] ?? []) as unknown[];
    expect(queued.length).toBeGreaterThan(0);
    expect((await transactions.byPatient('pt-d1')).map((t) => t.trigger).sort()).toEqual([
      'PATIENT_CREATED',
      'REPLAY',
      ...queued.map(() => 'RESEND'),
    ]);
    const base = { ...lakeside, patientIds: ['pt-d1'], patientCount: 1 };
    expect(recorded(audit.log)).toEqual([
      { ...base, action: 'ehr.resend', outcome: 'ALLOWED' },
      { ...base, action: 'ehr.replay', outcome: 'ALLOWED' },
    ]);
  });
});
