import { metricValue, parseMetrics } from '@carebridge/common/testing';
import { describe, expect, it } from 'vitest';
import { createsPatientIn, InMemoryTransactionStore } from '../src/delivery/transactions';
import { parseRetryAfter, retryDelayMs } from '../src/delivery/worker';
import { answered, deliveryRig, FAST_POLICY, patientSnapshot, scriptedEhr, upserted } from './delivery.fixtures';

describe('retry policy', () => {
  it('backs off exponentially with jitter, capped, and never sooner than Retry-After', () => {
    const policy = { ...FAST_POLICY, baseDelayMs: 100, maxDelayMs: 1_000 };
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelayMs(n, policy, null, () => 1))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
    expect(retryDelayMs(3, policy, null, () => 0)).toBe(200);
    expect(retryDelayMs(1, policy, 30_000, () => 1)).toBe(30_000);
  });

  it('reads Retry-After in seconds or as a date', () => {
    const now = Date.parse('2026-03-01T10:00:00Z');
    expect([
      parseRetryAfter('7', now),
      parseRetryAfter('Sun, 01 Mar 2026 10:00:30 GMT', now),
      parseRetryAfter('soon', now),
      parseRetryAfter(null, now),
    ]).toEqual([7_000, 30_000, null, null]);
  });
});

describe('delivery engine', () => {
  it('queues one transaction per endpoint with data when a patient is created, built with the current mapping', async () => {
    const rig = deliveryRig();
    await rig.engine.ingest([answered(), upserted()]);
    const queued = (await rig.transactions.byPatient('pt-d1')).map((t) => [
      t.trigger,
      t.endpoint,
      t.method,
      t.mappingVersion,
      t.status,
    ]);
    expect(queued.sort()).toEqual([
      ['PATIENT_CREATED', '/api/patient', 'POST', 1, 'PENDING'],
      ['PATIENT_CREATED', '/api/patient/{ehrPatientId}/allergies', 'POST', 1, 'PENDING'],
    ]);
  });

  it('ignores a redelivered event', async () => {
    const rig = deliveryRig();
    const event = upserted();
    expect([await rig.engine.ingest([event]), await rig.engine.ingest([event])]).toEqual([
      { applied: 1, duplicates: 0 },
      { applied: 0, duplicates: 1 },
    ]);
    expect(await rig.transactions.byPatient('pt-d1')).toHaveLength(1);
  });

  it('plans an event whose transactions failed to be recorded as the first time when it is delivered again', async () => {
    let fail = false;
    const rig = deliveryRig({
      transactions: (ehr) => {
        const store = new InMemoryTransactionStore({ createsPatient: createsPatientIn(ehr) });
        const record = store.recordEvents.bind(store);
        // The snapshot is written, then the process "crashes" before the transactions are.
        store.recordEvents = (changes) => (fail ? Promise.reject(new Error('crash')) : record(changes));
        return store;
      },
    });
    const event = upserted();
    await rig.engine.ingest([answered()]);
    fail = true;
    await expect(rig.engine.ingest([event])).rejects.toThrow('crash');
    fail = false;
    expect(await rig.engine.ingest([event])).toEqual({ applied: 1, duplicates: 0 });
    const queued = (await rig.transactions.byPatient('pt-d1')).map((t) => `${t.trigger} ${t.endpoint}`);
    expect(queued.sort()).toEqual([
      'PATIENT_CREATED /api/patient',
      'PATIENT_CREATED /api/patient/{ehrPatientId}/allergies',
    ]);
  });

  it('sends only demographics for a patient change and only clinical endpoints for new answers', async () => {
    const rig = deliveryRig();
    await rig.engine.ingest([upserted()]);
    await rig.engine.ingest([upserted(patientSnapshot({ lastName: 'Vega Ruiz' })), answered()]);
    const triggers = (await rig.transactions.byPatient('pt-d1')).map((t) => `${t.trigger} ${t.endpoint}`);
    expect(triggers.sort()).toEqual([
      'PATIENT_CREATED /api/patient',
      'PATIENT_UPDATED /api/patient',
      'RESPONSE_SUBMITTED /api/patient/{ehrPatientId}/allergies',
    ]);
  });

  it('gives up on a deleted patient’s unsent transactions', async () => {
    const rig = deliveryRig();
    await rig.engine.ingest([upserted()]);
    await rig.engine.ingest([
      {
        id: 'ev-del',
        type: 'patient.deleted',
        organizationId: 'org-lakeside',
        patientId: 'pt-d1',
        occurredAt: new Date().toISOString(),
      },
    ]);
    expect((await rig.transactions.byPatient('pt-d1')).map((t) => t.status)).toEqual(['DEAD']);
  });
});

describe('delivery worker', () => {
  it('creates the patient in the EHR, learns its id, then sends the rest with it, each once', async () => {
    const ehr = scriptedEhr();
    const rig = deliveryRig({ fetch: ehr.fetch });
    await rig.engine.ingest([upserted(), answered()]);
    await rig.drain();
    expect(ehr.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST https://allscripts.ehr.example/api/patient',
      'POST https://allscripts.ehr.example/api/patient/EHR-1/allergies',
    ]);
    expect((await rig.transactions.byPatient('pt-d1')).map((t) => [t.status, t.ehrPatientId])).toEqual([
      ['DELIVERED', 'EHR-1'],
      ['DELIVERED', 'EHR-1'],
    ]);
  });

  it('updates (PUT) rather than creates once the EHR knows the patient, so no second record appears', async () => {
    const ehr = scriptedEhr();
    const rig = deliveryRig({ fetch: ehr.fetch });
    await rig.engine.ingest([upserted()]);
    await rig.drain();
    await rig.engine.ingest([upserted(patientSnapshot({ phone: '+15125550199' }))]);
    await rig.drain();
    expect(ehr.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST https://allscripts.ehr.example/api/patient',
      'PUT https://allscripts.ehr.example/api/patient/EHR-1',
    ]);
  });

  it('retries a 5xx and a network error with the same idempotency key, then delivers', async () => {
    const ehr = scriptedEhr([{ status: 500 }, 'network-error']);
    const rig = deliveryRig({ fetch: ehr.fetch });
    await rig.engine.ingest([upserted()]);
    await rig.drain();
    const [transaction] = await rig.transactions.byPatient('pt-d1');
    expect([transaction?.status, transaction?.attempts]).toEqual(['DELIVERED', 3]);
    expect(new Set(ehr.requests.map((r) => r.key))).toEqual(new Set([transaction?.idempotencyKey]));
  });

  it('waits at least as long as a 503’s Retry-After', async () => {
    const ehr = scriptedEhr([{ status: 503, headers: { 'retry-after': '120' } }]);
    const rig = deliveryRig({ fetch: ehr.fetch });
    await rig.engine.ingest([upserted()]);
    await rig.worker.tick();
    const [waiting] = await rig.transactions.byPatient('pt-d1');
    expect([waiting?.status, Date.parse(waiting!.nextAttemptAt!) - rig.clock.now()]).toEqual(['FAILED', 120_000]);
  });

  it('makes a 4xx DEAD at once with its status, without holding back other patients', async () => {
    const ehr = scriptedEhr([{ status: 422, body: { error: 'Unknown key FOO' } }]);
    const rig = deliveryRig({ fetch: ehr.fetch });
    await rig.engine.ingest([upserted()]);
    rig.clock.advance(1);
    await rig.engine.ingest([upserted(patientSnapshot({ id: 'pt-d2' }))]);
    await rig.drain();
    expect((await rig.transactions.byPatient('pt-d1')).map((t) => [t.status, t.attempts, t.lastError])).toEqual([
      ['DEAD', 1, 'The EHR refused the request (HTTP 422).'],
    ]);
    expect((await rig.transactions.byPatient('pt-d2')).map((t) => t.status)).toEqual(['DELIVERED']);
  });

  it('gives up after the configured number of attempts, saying why', async () => {
    const ehr = scriptedEhr(Array(10).fill({ status: 502 }));
    const rig = deliveryRig({ fetch: ehr.fetch });
    await rig.engine.ingest([upserted()]);
    await rig.drain();
    expect((await rig.transactions.byPatient('pt-d1')).map((t) => [t.status, t.attempts, t.lastError])).toEqual([
      ['DEAD', 4, 'Gave up after 4 attempts. Last error: The EHR answered HTTP 502.'],
    ]);
  });

  it('never lets a newer change overtake an older one that is waiting for a retry', async () => {
    const ehr = scriptedEhr([
      { status: 201, body: { patientId: 'EHR-9' } },
      { status: 503, headers: { 'retry-after': '5' } },
    ]);
    const rig = deliveryRig({ fetch: ehr.fetch });
    await rig.engine.ingest([upserted()]);
    await rig.drain();
    await rig.engine.ingest([upserted(patientSnapshot({ lastName: 'Older' }))]);
    await rig.worker.tick();
    await rig.engine.ingest([upserted(patientSnapshot({ lastName: 'Newer' }))]);
    await rig.drain();
    expect(ehr.requests.slice(1).map((r) => (r.body as Record<string, string>)['NAME_OF_PAT'])).toEqual([
      'Marisol Older',
      'Marisol Older',
      'Marisol Newer',
    ]);
  });

  it('replays a DEAD transaction under the current mapping after the mapping is fixed', async () => {
    const ehr = scriptedEhr([{ status: 422, body: { error: 'bad' } }]);
    const rig = deliveryRig({ fetch: ehr.fetch });
    await rig.engine.ingest([upserted()]);
    await rig.drain();
    const [dead] = await rig.transactions.byPatient('pt-d1');
    const fields = (await rig.mappings.current('ehr-allscripts', 'org-lakeside')).fields.filter(
      (f) => f.source !== 'email',
    );
    rig.mappings.publish('ehr-allscripts', fields);
    const replay = await rig.engine.replay(dead!, 'CURRENT');
    await rig.drain();
    expect([replay.mappingVersion, replay.replayOf, (await rig.transactions.get(replay.id))?.status]).toEqual([
      2,
      dead!.id,
      'DELIVERED',
    ]);
    expect(Object.keys(ehr.requests.at(-1)!.body as object)).not.toContain('EMAIL_ID_PAT');
  });
});

describe('delivery metrics', () => {
  const scrape = async (rig: ReturnType<typeof deliveryRig>) => parseMetrics(await rig.metrics.text());

  it('counts deliveries, retries and DEAD transactions per EHR system', async () => {
    const ehr = scriptedEhr([{ status: 500 }, 'network-error']);
    const rig = deliveryRig({ fetch: ehr.fetch });
    await rig.engine.ingest([upserted()]);
    await rig.drain();
    const [transaction] = await rig.transactions.byPatient('pt-d1');
    const system = { ehr_system: transaction!.ehrSystemId };
    let samples = await scrape(rig);
    expect(metricValue(samples, 'carebridge_ehr_retries_total', system)).toBe(2);
    expect(metricValue(samples, 'carebridge_ehr_deliveries_total', system)).toBe(1);
    expect(metricValue(samples, 'carebridge_ehr_dead_total', system)).toBe(0);

    const refusing = scriptedEhr([{ status: 422 }]);
    const dead = deliveryRig({ fetch: refusing.fetch });
    await dead.engine.ingest([upserted()]);
    await dead.drain();
    samples = await scrape(dead);
    expect(metricValue(samples, 'carebridge_ehr_dead_total', system)).toBe(1);
    expect(metricValue(samples, 'carebridge_ehr_deliveries_total', system)).toBe(0);
    expect(metricValue(samples, 'carebridge_ehr_queue_transactions', { ...system, status: 'DEAD' })).toBe(1);
  });

  it('reads the queue depth by status and the oldest undelivered transaction’s age at scrape time', async () => {
    const rig = deliveryRig({ fetch: scriptedEhr().fetch });
    await rig.engine.ingest([upserted(), upserted(patientSnapshot({ id: 'pt-d2' }))]);
    const [transaction] = await rig.transactions.byPatient('pt-d1');
    const system = { ehr_system: transaction!.ehrSystemId };
    rig.clock.advance(90_000);
    let samples = await scrape(rig);
    expect(metricValue(samples, 'carebridge_ehr_queue_transactions', { ...system, status: 'PENDING' })).toBe(2);
    expect(metricValue(samples, 'carebridge_ehr_queue_oldest_pending_age_seconds', system)).toBe(90);
    await rig.drain();
    samples = await scrape(rig);
    expect(metricValue(samples, 'carebridge_ehr_queue_transactions', { ...system, status: 'PENDING' })).toBe(0);
    expect(metricValue(samples, 'carebridge_ehr_queue_transactions', { ...system, status: 'DELIVERED' })).toBe(2);
    // Nothing undelivered: no age at all, rather than a stale one.
    expect(samples.some((s) => s.name === 'carebridge_ehr_queue_oldest_pending_age_seconds')).toBe(false);
  });
});
