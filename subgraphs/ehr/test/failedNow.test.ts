import { beforeAll, describe, expect, it } from 'vitest';
import { InMemoryAuditLog, DEV_AUDIT_HMAC_KEY, type AuditRecord, type Viewer } from '@carebridge/common';
import { createTestAuth, execute, staff, type TestAuth } from '@carebridge/common/testing';
import { PATIENT_DELETED_ERROR } from '../src/delivery/engine';
import { DELIVERY_ERRORS } from '../src/delivery/worker';
import { codeDeliveryError } from '../src/resolvers/deliveryErrors';
import { createService } from '../src/server';
import { patientSnapshot, upserted } from './delivery.fixtures';

// The monitor's "Failed" (DEAD transactions not made good by a delivered replay), the bulk replay
// of what is failed now, who may resend the whole organization, and `lastError` as a code.

let auth: TestAuth;
beforeAll(async () => {
  auth = await createTestAuth();
});

const CLINICIAN = staff('org-lakeside');
const ADMIN = staff('org-lakeside', 'ADMIN');

/** Lakeside patients pt-d1, pt-d2 and pt-d3, each with a creation given up on (DEAD), oldest first. */
async function setup() {
  const log = new InMemoryAuditLog({ service: 'ehr', key: DEV_AUDIT_HMAC_KEY });
  const service = createService({ verifier: auth.verifier, audit: log });
  const { transactions, delivery } = service.shared;
  const dead: string[] = [];
  for (const id of ['pt-d1', 'pt-d2', 'pt-d3']) {
    await delivery.ingest([upserted(patientSnapshot({ id }))]);
    const created = (await transactions.byPatient(id))[0]!;
    await transactions.save({ ...created, status: 'DEAD', lastError: DELIVERY_ERRORS.refused(422) });
    dead.push(created.id);
  }
  const run = async (viewer: Viewer, query: string, variables: Record<string, unknown> = {}) =>
    execute<Record<string, any>>(service, query, variables, await auth.headers(viewer));
  const failedCount = async () =>
    (await run(CLINICIAN, '{ ehrTransactions(filter: { status: DEAD, failedNow: true }) { totalCount } }')).data?.[
      'ehrTransactions'
    ].totalCount as number;
  return { transactions, log, run, dead, failedCount };
}

const REPLAY_ALL =
  'mutation ($dryRun: Boolean) { replayFailedEhrTransactions(dryRun: $dryRun) { dryRun replayCount remainingCount } }';
const REPLAY = 'mutation ($id: ID!) { replayEhrTransaction(id: $id) { id } }';

describe('the transactions failed now', () => {
  it('stops counting a DEAD transaction once its replay, or the replay of its replay, is delivered', async () => {
    const { run, transactions, dead, failedCount } = await setup();
    const [first, second] = dead;
    expect(await failedCount()).toBe(3);

    const replay = (await run(CLINICIAN, REPLAY, { id: first })).data?.['replayEhrTransaction'].id as string;
    // Replayed, but not delivered yet: still failed.
    expect(await failedCount()).toBe(3);
    await transactions.save({ ...(await transactions.get(replay))!, status: 'DELIVERED' });
    expect(await failedCount()).toBe(2);

    const again = (await run(CLINICIAN, REPLAY, { id: second })).data?.['replayEhrTransaction'].id as string;
    await transactions.save({ ...(await transactions.get(again))!, status: 'DEAD' });
    // The replay died too: both are failed now.
    expect(await failedCount()).toBe(3);
    const third = (await run(CLINICIAN, REPLAY, { id: again })).data?.['replayEhrTransaction'].id as string;
    await transactions.save({ ...(await transactions.get(third))!, status: 'DELIVERED' });
    expect(await failedCount()).toBe(1);
    // Without `failedNow` the list is every DEAD transaction, as before.
    const all = await run(CLINICIAN, '{ ehrTransactions(filter: { status: DEAD }) { totalCount } }');
    expect(all.data?.['ehrTransactions'].totalCount).toBe(4);
  });
});

describe('replaying every failed transaction', () => {
  it('counts first, then replays each failed one once under one audit record', async () => {
    const { run, transactions, dead, log } = await setup();
    await run(CLINICIAN, REPLAY, { id: dead[0] });

    expect(await run(ADMIN, REPLAY_ALL)).toEqual({
      data: { replayFailedEhrTransactions: { dryRun: true, replayCount: 2, remainingCount: 0 } },
    });
    expect(await run(ADMIN, REPLAY_ALL, { dryRun: false })).toEqual({
      data: { replayFailedEhrTransactions: { dryRun: false, replayCount: 2, remainingCount: 0 } },
    });
    for (const id of dead) expect((await transactions.replayedBy(id))?.trigger).toBe('REPLAY');
    // Nothing is left to replay: a second run replays nothing again.
    expect((await run(ADMIN, REPLAY_ALL, { dryRun: false })).data?.['replayFailedEhrTransactions']).toEqual({
      dryRun: false,
      replayCount: 0,
      remainingCount: 0,
    });
    expect(log.all().map((r: AuditRecord) => [r.action, r.outcome, [...r.patientIds].sort(), r.detail])).toEqual([
      ['ehr.replay', 'ALLOWED', ['pt-d1'], undefined],
      ['ehr.replay', 'ALLOWED', ['pt-d2', 'pt-d3'], 'dry-run'],
      ['ehr.replay', 'ALLOWED', ['pt-d2', 'pt-d3'], undefined],
      ['ehr.replay', 'ALLOWED', [], undefined],
    ]);
  });

  it('refuses a CLINICIAN with the role reason, and queues nothing', async () => {
    const { run, transactions, dead, log } = await setup();
    const refused = await run(CLINICIAN, REPLAY_ALL, { dryRun: false });
    expect(refused.data).toBeNull();
    expect(refused.errors?.map((e) => [e.extensions?.['code'], e.message])).toEqual([
      ['FORBIDDEN', 'This needs the ADMIN role.'],
    ]);
    for (const id of dead) expect(await transactions.replayedBy(id)).toBeUndefined();
    expect(log.all().map((r: AuditRecord) => [r.action, r.outcome, r.detail])).toEqual([
      ['ehr.replay', 'DENIED', 'ROLE_REQUIRED'],
    ]);
  });
});

describe('bulk resend and roles', () => {
  const RESEND = 'mutation ($filter: ResendFilter) { resendToEhr(filter: $filter, dryRun: false) { patientCount } }';

  it("lets a CLINICIAN resend one physician's patients, not the whole organization", async () => {
    const { run, transactions, log } = await setup();
    const before = (await transactions.byPatient('pt-d1')).length;
    const whole = await run(CLINICIAN, RESEND);
    expect(whole.data).toBeNull();
    expect(whole.errors?.map((e) => [e.extensions?.['code'], e.message])).toEqual([
      [
        'FORBIDDEN',
        "Resending every patient of the organization needs the ADMIN role; choose one physician's patients.",
      ],
    ]);
    expect((await transactions.byPatient('pt-d1')).length).toBe(before);

    const scoped = await run(CLINICIAN, RESEND, { filter: { primaryCarePhysicianId: 'prov-lakeside-1' } });
    expect(scoped.data?.['resendToEhr']).toEqual({ patientCount: 3 });
    expect((await run(ADMIN, RESEND)).data?.['resendToEhr']).toEqual({ patientCount: 3 });
    expect(log.all().map((r: AuditRecord) => [r.action, r.outcome, r.detail])).toEqual([
      ['ehr.resend', 'DENIED', 'ROLE_REQUIRED'],
      ['ehr.resend', 'ALLOWED', undefined],
      ['ehr.resend', 'ALLOWED', undefined],
    ]);
  });
});

describe('lastError as a code', () => {
  it('codes every fixed delivery sentence, with the HTTP status and the cause of giving up', () => {
    expect(
      [
        DELIVERY_ERRORS.noSystem,
        DELIVERY_ERRORS.noEndpoint,
        DELIVERY_ERRORS.waiting,
        DELIVERY_ERRORS.addressNotAllowed,
        DELIVERY_ERRORS.timeout,
        DELIVERY_ERRORS.unreachable,
        DELIVERY_ERRORS.answered(503),
        DELIVERY_ERRORS.refused(422),
        DELIVERY_ERRORS.redirected(302),
        PATIENT_DELETED_ERROR,
        DELIVERY_ERRORS.gaveUp(8, DELIVERY_ERRORS.answered(500)),
        DELIVERY_ERRORS.gaveUp(8, DELIVERY_ERRORS.timeout),
        'Something else.',
        null,
      ].map(codeDeliveryError),
    ).toEqual([
      { code: 'SYSTEM_GONE', cause: null, httpStatus: null },
      { code: 'ENDPOINT_GONE', cause: null, httpStatus: null },
      { code: 'WAITING_FOR_PATIENT', cause: null, httpStatus: null },
      { code: 'ADDRESS_NOT_ALLOWED', cause: null, httpStatus: null },
      { code: 'TIMEOUT', cause: null, httpStatus: null },
      { code: 'UNREACHABLE', cause: null, httpStatus: null },
      { code: 'HTTP_ERROR', cause: null, httpStatus: 503 },
      { code: 'REFUSED', cause: null, httpStatus: 422 },
      { code: 'REDIRECTED', cause: null, httpStatus: 302 },
      { code: 'PATIENT_DELETED', cause: null, httpStatus: null },
      { code: 'GAVE_UP', cause: 'HTTP_ERROR', httpStatus: 500 },
      { code: 'GAVE_UP', cause: 'TIMEOUT', httpStatus: null },
      null,
      null,
    ]);
  });

  it('answers the code beside the text through the graph', async () => {
    const { run, dead } = await setup();
    const read = await run(
      CLINICIAN,
      'query ($id: ID!) { ehrTransaction(id: $id) { lastError lastErrorCode lastErrorCause lastErrorHttpStatus } }',
      { id: dead[0] },
    );
    expect(read.data?.['ehrTransaction']).toEqual({
      lastError: 'The EHR refused the request (HTTP 422).',
      lastErrorCode: 'REFUSED',
      lastErrorCause: null,
      lastErrorHttpStatus: 422,
    });
  });
});
