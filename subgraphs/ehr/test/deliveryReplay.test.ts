import { beforeAll, describe, expect, it } from 'vitest';
import { InMemoryAuditLog, DEV_AUDIT_HMAC_KEY, type AuditRecord, type Viewer } from '@carebridge/common';
import { createTestAuth, execute, staff, type TestAuth } from '@carebridge/common/testing';
import { createService } from '../src/server';
import { answered, patientSnapshot, upserted } from './delivery.fixtures';

let auth: TestAuth;
beforeAll(async () => {
  auth = await createTestAuth();
});

const LAKESIDE = staff('org-lakeside');
const RIVERSIDE = staff('org-riverside');

/** A service with one Lakeside patient (pt-d1) whose creation was given up on (DEAD). */
async function setup() {
  const log = new InMemoryAuditLog({ service: 'ehr', key: DEV_AUDIT_HMAC_KEY });
  const service = createService({ verifier: auth.verifier, audit: log });
  const { transactions } = service.shared;
  await service.shared.delivery.ingest([upserted(patientSnapshot())]);
  const created = (await transactions.byPatient('pt-d1'))[0]!;
  await transactions.save({ ...created, status: 'DEAD', lastError: 'The EHR refused the request: HTTP 422' });
  const run = async (viewer: Viewer, query: string, variables: Record<string, unknown> = {}) =>
    execute<Record<string, any>>(service, query, variables, await auth.headers(viewer));
  return { service, transactions, log, run, deadId: created.id };
}

const REPLAY = 'mutation ($id: ID!) { replayEhrTransaction(id: $id) { id replayOf status } }';
const READ = 'query ($id: ID!) { ehrTransaction(id: $id) { id status replayedBy { id replayOf trigger status } } }';
const LAST = `query ($r: [_Any!]!) { _entities(representations: $r) {
  ... on Patient { lastEhrTransaction { id trigger } ehrTransactions { id } } } }`;
const LAST_ONLY = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Patient { lastEhrTransaction { id } } } }`;
const patientRef = (id = 'pt-d1') => ({ r: [{ __typename: 'Patient', id }] });
const codes = (result: { errors?: readonly { extensions?: Record<string, unknown> }[] }) =>
  result.errors?.map((e) => e.extensions?.['code']);

describe('replaying a DEAD transaction at most once', () => {
  it('links the DEAD transaction to its replay, and a transaction not replayed to nothing', async () => {
    const { run, deadId } = await setup();
    expect((await run(LAKESIDE, READ, { id: deadId })).data?.['ehrTransaction']).toEqual({
      id: deadId,
      status: 'DEAD',
      replayedBy: null,
    });

    const replay = (await run(LAKESIDE, REPLAY, { id: deadId })).data?.['replayEhrTransaction'];
    expect(replay).toEqual({ id: expect.any(String), replayOf: deadId, status: 'PENDING' });
    expect((await run(LAKESIDE, READ, { id: deadId })).data?.['ehrTransaction']).toEqual({
      id: deadId,
      status: 'DEAD',
      replayedBy: { id: replay.id, replayOf: deadId, trigger: 'REPLAY', status: 'PENDING' },
    });
    expect((await run(LAKESIDE, READ, { id: replay.id })).data?.['ehrTransaction'].replayedBy).toBeNull();
  });

  it('refuses a second replay, naming the first, and queues nothing', async () => {
    const { run, transactions, deadId, log } = await setup();
    const first = (await run(LAKESIDE, REPLAY, { id: deadId })).data?.['replayEhrTransaction'];
    const second = await run(LAKESIDE, REPLAY, { id: deadId });

    expect(second.data).toBeNull();
    expect(codes(second)).toEqual(['BAD_USER_INPUT']);
    expect(second.errors?.[0]?.message).toBe(
      `Invalid input. id: this transaction was already replayed as ${first.id}; replay that one instead if it failed too`,
    );
    // Ids only: nothing of the patient's data in the message.
    expect(second.errors?.[0]?.message).not.toMatch(/Marisol|Vega|LC-000901/);
    expect((await transactions.byPatient('pt-d1')).map((t) => t.trigger)).toEqual(['REPLAY', 'PATIENT_CREATED']);
    expect(log.all().map((r: AuditRecord) => [r.action, r.outcome, r.detail ?? null])).toEqual([
      ['ehr.replay', 'ALLOWED', null],
      ['ehr.replay', 'FAILED', 'BAD_USER_INPUT'],
    ]);
  });

  it('queues exactly one replay when two replays of one transaction run at the same time', async () => {
    const { run, transactions, deadId } = await setup();
    const results = await Promise.all([run(LAKESIDE, REPLAY, { id: deadId }), run(LAKESIDE, REPLAY, { id: deadId })]);

    expect(results.map((r) => (r.errors ? codes(r)![0] : 'OK')).sort()).toEqual(['BAD_USER_INPUT', 'OK']);
    const replays = (await transactions.byPatient('pt-d1')).filter((t) => t.trigger === 'REPLAY');
    expect(replays).toHaveLength(1);
    expect((await transactions.replayedBy(deadId))?.id).toBe(replays[0]!.id);
  });

  it('lets a replay that died too be replayed in turn', async () => {
    const { run, transactions, deadId } = await setup();
    const first = (await run(LAKESIDE, REPLAY, { id: deadId })).data?.['replayEhrTransaction'];
    await transactions.save({ ...(await transactions.get(first.id))!, status: 'DEAD' });
    const second = await run(LAKESIDE, REPLAY, { id: first.id });
    expect(second.errors).toBeUndefined();
    expect(second.data?.['replayEhrTransaction'].replayOf).toBe(first.id);
  });
});

describe('a patient’s last transaction', () => {
  it('is the first of ehrTransactions, and follows new transactions', async () => {
    const { service, run, deadId } = await setup();
    const before = (await run(LAKESIDE, LAST, patientRef())).data?.['_entities'][0];
    expect(before.lastEhrTransaction).toEqual({ id: deadId, trigger: 'PATIENT_CREATED' });

    await service.shared.delivery.ingest([answered()]);
    const after = (await run(LAKESIDE, LAST, patientRef())).data?.['_entities'][0];
    expect(after.lastEhrTransaction.trigger).toBe('RESPONSE_SUBMITTED');
    expect(after.lastEhrTransaction.id).toBe(after.ehrTransactions[0].id);
  });

  it('is null for a patient with no transaction', async () => {
    const { run } = await setup();
    const result = await run(LAKESIDE, LAST_ONLY, patientRef('pt-none'));
    expect([result.errors, result.data?.['_entities'][0].lastEhrTransaction]).toEqual([undefined, null]);
  });

  it('is refused to another organization, and recorded like ehrTransactions', async () => {
    const { run, log } = await setup();
    const result = await run(RIVERSIDE, LAST_ONLY, patientRef());
    expect([result.data?.['_entities'][0].lastEhrTransaction, codes(result)]).toEqual([null, ['FORBIDDEN']]);
    await run(LAKESIDE, LAST_ONLY, patientRef());
    expect(log.all().map((r: AuditRecord) => [r.action, r.outcome, r.organizationId, r.patientIds])).toEqual([
      ['ehr.transactions.read', 'DENIED', 'org-riverside', ['pt-d1']],
      ['ehr.transactions.read', 'ALLOWED', 'org-lakeside', ['pt-d1']],
    ]);
  });
});

describe('a deleted patient’s transactions', () => {
  const TRANSACTIONS = `query ($r: [_Any!]!) { _entities(representations: $r) {
    ... on Patient { ehrTransactions { id status trigger endpoint lastError payload } } } }`;
  const deletion = {
    id: 'ev-del',
    type: 'patient.deleted' as const,
    organizationId: 'org-lakeside',
    patientId: 'pt-d1',
    occurredAt: '2026-03-01T10:00:00.000Z',
  };

  it('keep their metadata for the delivery monitor, but no payload, and cannot be replayed', async () => {
    const { service, run, transactions, log, deadId } = await setup();
    const before = (await run(LAKESIDE, TRANSACTIONS, patientRef())).data?.['_entities'][0].ehrTransactions;
    expect(JSON.stringify(before)).toMatch(/Marisol/);

    await service.shared.delivery.ingest([deletion]);
    const after = await run(LAKESIDE, TRANSACTIONS, patientRef());
    expect(after.errors).toBeUndefined();
    expect(after.data?.['_entities'][0].ehrTransactions).toEqual([{ ...before[0], payload: {} }]);
    const replay = await run(LAKESIDE, REPLAY, { id: deadId });
    expect([replay.data, codes(replay)]).toEqual([null, ['NOT_FOUND']]);
    expect(
      log
        .all()
        .filter((r) => r.action === 'ehr.replay')
        .map((r) => [r.outcome, r.detail]),
    ).toEqual([['FAILED', 'NOT_FOUND']]);
    // A late update about the patient queues nothing either.
    await service.shared.delivery.ingest([upserted(patientSnapshot({ firstName: 'Late' }))]);
    expect((await transactions.byPatient('pt-d1')).map((t) => t.id)).toEqual([deadId]);
    expect(await service.shared.snapshots.get('pt-d1')).toMatchObject({ deleted: true, record: null, answers: [] });
  });
});
