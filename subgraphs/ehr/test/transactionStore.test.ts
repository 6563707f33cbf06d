import { AuditWriteError } from '@carebridge/common';
import { lazyTestAuditLog, testSchemas, type TestAuditLog } from '@carebridge/db/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { openEhrDatabase } from '../src/data/database';
import type { EhrTransactionRecord } from '../src/data/records';
import { PostgresTransactionStore } from '../src/delivery/postgresTransactions';
import {
  InMemoryTransactionStore,
  type ClaimOptions,
  type Completion,
  type CreatesPatient,
  type TransactionStore,
} from '../src/delivery/transactions';
import { GOLDEN_RECORD } from './fixtures';

/**
 * One contract, two stores: every behaviour below holds for the in-memory store and for PostgreSQL
 * (the real server; these fail, never skip, without one). A "pair" is two stores over the same data,
 * as two replicas have: the in-memory one is one store twice.
 */

const CREATES = '/api/patient';
const ALLERGIES = '/api/patient/{ehrPatientId}/allergies';
const createsPatient: CreatesPatient = (_system, endpoint) => endpoint === CREATES;

interface Backend {
  name: string;
  pair: () => Promise<{
    a: TransactionStore;
    b: TransactionStore;
    /** The service's audit log beside the stores (a file in memory; their schema on PostgreSQL). */
    audit: () => Promise<TestAuditLog>;
    close: () => Promise<void>;
  }>;
}

const schemas = testSchemas('ehrtx');
afterAll(() => schemas.drop());
let schemaCount = 0;

const backends: Backend[] = [
  {
    name: 'in memory',
    pair: () => {
      const store = new InMemoryTransactionStore({ createsPatient });
      const audit = lazyTestAuditLog('ehr');
      return Promise.resolve({
        a: store,
        b: store,
        audit: audit.audit,
        close: async () => {
          await audit.close();
          await store.close();
        },
      });
    },
  },
  {
    name: 'PostgreSQL',
    pair: async () => {
      const schema = schemas.schema(`ehr${++schemaCount}`);
      // Two pools, as two replicas would have.
      const [one, two] = [
        await openEhrDatabase({ url: schemas.url, schema }),
        await openEhrDatabase({ url: schemas.url, schema }),
      ];
      const a = new PostgresTransactionStore(one, { createsPatient });
      const b = new PostgresTransactionStore(two, { createsPatient });
      const audit = lazyTestAuditLog('ehr', { url: schemas.url, schema });
      return {
        a,
        b,
        audit: audit.audit,
        close: async () => {
          await audit.close();
          await Promise.all([a.close(), b.close()]);
          await Promise.all([one.close(), two.close()]);
        },
      };
    },
  },
];

let counter = 0;
function record(overrides: Partial<EhrTransactionRecord> = {}): EhrTransactionRecord {
  counter += 1;
  const id = overrides.id ?? `tx-${counter}`;
  return {
    id,
    organizationId: 'org-lakeside',
    patientId: 'pt-1',
    ehrSystemId: 'ehr-allscripts',
    endpoint: CREATES,
    method: 'POST',
    mappingVersion: 1,
    status: 'PENDING',
    trigger: 'PATIENT_CREATED',
    attempts: 0,
    nextAttemptAt: null,
    lastError: null,
    idempotencyKey: id,
    ehrPatientId: null,
    payload: { n: counter },
    source: GOLDEN_RECORD,
    replayOf: null,
    createdAt: '2026-03-01T10:00:00.000Z',
    updatedAt: '2026-03-01T10:00:00.000Z',
    deliveredAt: null,
    ...overrides,
  };
}

const NOW = Date.parse('2026-03-01T10:00:00.000Z');
const claimAt = (now: number, more: Partial<ClaimOptions> = {}): ClaimOptions => ({
  limit: 100,
  now,
  perSystemLimit: 100,
  leaseMs: 60_000,
  ...more,
});

function delivered(t: EhrTransactionRecord, learned: string | null = null): Completion {
  const at = new Date(NOW).toISOString();
  return {
    status: 'DELIVERED',
    attempts: t.attempts + 1,
    lastError: null,
    nextAttemptAt: null,
    deliveredAt: at,
    ehrPatientId: learned,
    updatedAt: at,
    learnedEhrPatientId: learned,
  };
}

const ids = (claimed: { transaction: EhrTransactionRecord }[]) => claimed.map((c) => c.transaction.id);

describe.each(backends)('the transaction store ($name)', (backend) => {
  async function withStores(
    body: (a: TransactionStore, b: TransactionStore, audit: () => Promise<TestAuditLog>) => Promise<void>,
  ) {
    const { a, b, audit, close } = await backend.pair();
    try {
      await body(a, b, audit);
    } finally {
      await close();
    }
  }

  describe('reads', () => {
    it('answers a patient’s latest transaction: the latest creation time, then the last added', () =>
      withStores(async (store) => {
        expect(await store.latestOfPatient('pt-1')).toBeUndefined();
        await store.add(record({ id: 'a', createdAt: '2026-03-01T10:00:00.000Z' }));
        await store.add(record({ id: 'b', createdAt: '2026-03-01T10:00:05.000Z' }));
        // Added later but created earlier (a clock that went back): not the latest.
        await store.add(record({ id: 'c', createdAt: '2026-03-01T10:00:01.000Z' }));
        expect((await store.latestOfPatient('pt-1'))?.id).toBe('b');
        // Same millisecond: the last added wins, as in byPatient.
        await store.add(record({ id: 'd', createdAt: '2026-03-01T10:00:05.000Z' }));
        await store.add(record({ id: 'other', patientId: 'pt-2', createdAt: '2026-03-02T00:00:00.000Z' }));
        expect((await store.latestOfPatient('pt-1'))?.id).toBe('d');
        expect((await store.byPatient('pt-1')).map((t) => t.id)).toEqual(['d', 'b', 'c', 'a']);
        expect((await store.latestOfPatient('pt-2'))?.id).toBe('other');
      }));

    it('answers per EHR system and status how many there are and when the oldest was created', () =>
      withStores(async (store) => {
        await store.add(
          record({ id: 'a', createdAt: '2026-03-01T10:00:02.000Z' }),
          record({ id: 'b', createdAt: '2026-03-01T10:00:01.000Z', patientId: 'pt-2' }),
          record({ id: 'c', createdAt: '2026-03-01T09:00:00.000Z', ehrSystemId: 'ehr-athena' }),
        );
        const tx = await store.get('a');
        await store.save({ ...tx!, status: 'DEAD' });
        const stats = (await store.stats()).sort((x, y) =>
          (x.ehrSystemId + x.status).localeCompare(y.ehrSystemId + y.status),
        );
        expect(stats).toEqual([
          { ehrSystemId: 'ehr-allscripts', status: 'DEAD', count: 1, oldestCreatedAt: '2026-03-01T10:00:02.000Z' },
          { ehrSystemId: 'ehr-allscripts', status: 'PENDING', count: 1, oldestCreatedAt: '2026-03-01T10:00:01.000Z' },
          { ehrSystemId: 'ehr-athena', status: 'PENDING', count: 1, oldestCreatedAt: '2026-03-01T09:00:00.000Z' },
        ]);
      }));

    it('keeps a record as it was saved, and lists and counts by organization and status', () =>
      withStores(async (store) => {
        const tx = record({ id: 'a', payload: { nested: { list: [1, 'two'] } } });
        await store.add(tx, record({ id: 'b', organizationId: 'org-riverside' }));
        expect(await store.get('a')).toEqual(tx);
        await store.save({ ...tx, status: 'DELIVERED', deliveredAt: '2026-03-01T10:00:01.000Z' });
        expect((await store.get('a'))?.status).toBe('DELIVERED');
        expect((await store.list('org-lakeside', { status: 'DELIVERED' })).map((t) => t.id)).toEqual(['a']);
        expect(await store.list('org-lakeside', { status: 'PENDING' })).toEqual([]);
        expect(await store.counts()).toEqual({ PENDING: 1, FAILED: 0, DELIVERED: 1, DEAD: 0 });
        expect((await store.open()).map((t) => t.id)).toEqual(['b']);
        expect(await store.get('missing')).toBeUndefined();
      }));

    it('keeps the traceparent of what queued a transaction, and reads one queued without it as before', () =>
      withStores(async (store) => {
        const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
        const traced = record({ id: 'traced', traceparent });
        const untraced = record({ id: 'untraced', patientId: 'pt-2' });
        await store.add(traced, untraced);
        expect(await store.get('traced')).toEqual(traced);
        expect(await store.get('untraced')).toEqual(untraced);
        expect(await store.get('untraced')).not.toHaveProperty('traceparent');
        const claimed = await store.claim(claimAt(NOW));
        expect(Object.fromEntries(claimed.map((c) => [c.transaction.id, c.transaction.traceparent]))).toEqual({
          traced: traceparent,
          untraced: undefined,
        });
      }));

    it('remembers the EHR’s patient ids per EHR system', () =>
      withStores(async (a, b) => {
        expect(await a.ehrPatientId('ehr-athena', 'pt-1')).toBeNull();
        await a.setEhrPatientId('ehr-athena', 'pt-1', 'A-1');
        await a.setEhrPatientId('ehr-athena', 'pt-1', 'A-2');
        expect([await b.ehrPatientId('ehr-athena', 'pt-1'), await b.ehrPatientId('ehr-allscripts', 'pt-1')]).toEqual([
          'A-2',
          null,
        ]);
      }));
  });

  describe('replays', () => {
    it('finds the replay of a transaction, and nothing for one not replayed', () =>
      withStores(async (store) => {
        await store.add(record({ id: 'dead', status: 'DEAD' }), record({ id: 'other', status: 'DEAD' }));
        expect(await store.replayedBy('dead')).toBeUndefined();
        await store.add(record({ id: 'replay', trigger: 'REPLAY', replayOf: 'dead' }));
        expect((await store.replayedBy('dead'))?.id).toBe('replay');
        expect(await store.replayedBy('other')).toBeUndefined();
      }));

    it('refuses a second replay of the same transaction, adding nothing', () =>
      withStores(async (store) => {
        await store.add(record({ id: 'dead', status: 'DEAD' }));
        await store.add(record({ id: 'replay-1', trigger: 'REPLAY', replayOf: 'dead' }));
        await expect(store.add(record({ id: 'replay-2', trigger: 'REPLAY', replayOf: 'dead' }))).rejects.toThrow(
          'transaction dead was already replayed as replay-1',
        );
        expect(await store.get('replay-2')).toBeUndefined();
        expect((await store.open()).map((t) => t.id)).toEqual(['replay-1']);
      }));
  });

  describe('a staff change’s transactions, added with its audit record', () => {
    it('adds them and their record both or neither: nothing while the record cannot be written', () =>
      withStores(async (a, b, opened) => {
        const audit = await opened();
        await a.add(record({ id: 'dead', status: 'DEAD' }));
        await audit.break();
        const replay = () => record({ id: 'replay', trigger: 'REPLAY', replayOf: 'dead' });
        await expect(a.addWithAudit([replay()], audit.change('ehr.replay'))).rejects.toThrow(AuditWriteError);
        await expect(
          a.addWithAudit([record({ id: 'resent', trigger: 'RESEND' })], audit.change('ehr.resend')),
        ).rejects.toThrow(AuditWriteError);
        expect([await b.get('replay'), await b.get('resent'), await b.replayedBy('dead')]).toEqual([
          undefined,
          undefined,
          undefined,
        ]);
        expect(await b.open()).toEqual([]);

        await audit.heal();
        await a.addWithAudit([replay()], audit.change('ehr.replay'));
        // Nothing to send still records the staff member's resend.
        await a.addWithAudit([], audit.change('ehr.resend', ['pt-9']));
        // A refused addition (a second replay) records nothing.
        await expect(
          a.addWithAudit([record({ id: 'replay-2', trigger: 'REPLAY', replayOf: 'dead' })], audit.change('ehr.replay')),
        ).rejects.toThrow('already replayed');
        expect((await b.open()).map((t) => t.id)).toEqual(['replay']);
        expect((await audit.records()).map((r) => [r.action, r.patientIds]).reverse()).toEqual([
          ['ehr.replay', ['pt-1']],
          ['ehr.resend', ['pt-9']],
        ]);
      }));
  });

  describe('change events', () => {
    it('applies an event once, even when two replicas get it at the same time', () =>
      withStores(async (a, b) => {
        const change = (id: string) => ({ eventId: 'ev-1', add: [record({ id })] });
        expect(await a.unseenEvents(['ev-1', 'ev-2'])).toEqual(new Set(['ev-1', 'ev-2']));
        const [first, second] = await Promise.all([a.recordEvents([change('x')]), b.recordEvents([change('y')])]);
        expect([...first, ...second]).toEqual(['ev-1']);
        expect((await a.byPatient('pt-1')).length).toBe(1);
        expect(await b.unseenEvents(['ev-1', 'ev-2'])).toEqual(new Set(['ev-2']));
        expect(await a.recordEvents([change('z')])).toEqual(new Set());
      }));

    it('makes a deleted patient’s open transactions DEAD, the in-flight one included', () =>
      withStores(async (store) => {
        await store.add(record({ id: 'sent', status: 'DELIVERED' }), record({ id: 'open-1' }));
        await store.add(record({ id: 'open-2', endpoint: ALLERGIES }));
        const [claimed] = await store.claim(claimAt(NOW));
        await store.recordEvents([
          {
            eventId: 'ev-del',
            add: [],
            cancel: { patientId: 'pt-1', reason: 'deleted', at: '2026-03-01T10:00:02.000Z' },
          },
        ]);
        expect((await store.byPatient('pt-1')).map((t) => `${t.id} ${t.status}`).sort()).toEqual([
          'open-1 DEAD',
          'open-2 DEAD',
          'sent DELIVERED',
        ]);
        // The attempt that was out meanwhile does not bring it back.
        expect(await store.complete(claimed!.transaction.id, delivered(claimed!.transaction))).toBe(false);
        expect((await store.get('open-1'))?.status).toBe('DEAD');
        expect(await store.claim(claimAt(NOW))).toEqual([]);
      }));

    it('erases a deleted patient’s data from all of their transactions, keeping the metadata', () =>
      withStores(async (a, b) => {
        const sent = record({ id: 'sent', status: 'DELIVERED', deliveredAt: '2026-03-01T10:00:01.000Z' });
        await a.add(sent, record({ id: 'open' }), record({ id: 'other', patientId: 'pt-2' }));
        await a.recordEvents([
          {
            eventId: 'ev-del',
            add: [],
            cancel: { patientId: 'pt-1', reason: 'deleted', at: '2026-03-01T10:00:02.000Z' },
          },
        ]);
        const [open, delivered] = [await b.get('open'), await b.get('sent')];
        expect([open?.payload, open?.source, delivered?.payload, delivered?.source]).toEqual([{}, null, {}, null]);
        expect(delivered).toEqual({ ...sent, payload: {}, source: null });
        expect((await b.byPatient('pt-1')).map((t) => [t.id, t.payload, t.source])).toEqual(
          expect.arrayContaining([
            ['open', {}, null],
            ['sent', {}, null],
          ]),
        );
        expect((await b.list('org-lakeside', { status: 'DEAD' })).map((t) => [t.id, t.payload])).toEqual([
          ['open', {}],
        ]);
        // Another patient keeps everything.
        expect((await b.get('other'))?.source).toEqual(GOLDEN_RECORD);
      }));
  });

  describe('the queue', () => {
    it('hands out a lane one transaction at a time, in the order they were added', () =>
      withStores(async (store) => {
        await store.add(record({ id: '1' }), record({ id: '2' }), record({ id: '3' }));
        const first = await store.claim(claimAt(NOW));
        expect(ids(first)).toEqual(['1']);
        expect(await store.claim(claimAt(NOW))).toEqual([]);
        expect(await store.complete('1', delivered(first[0]!.transaction, 'EHR-1'))).toBe(true);
        const second = await store.claim(claimAt(NOW));
        expect(second.map((c) => [c.transaction.id, c.ehrPatientId])).toEqual([['2', 'EHR-1']]);
      }));

    it('holds a lane behind a transaction waiting for its retry, and says when it is due', () =>
      withStores(async (store) => {
        await store.add(record({ id: '1' }), record({ id: '2' }));
        const [claimed] = await store.claim(claimAt(NOW));
        const retryAt = NOW + 5_000;
        const completion: Completion = {
          ...delivered(claimed!.transaction),
          status: 'FAILED',
          deliveredAt: null,
          lastError: 'HTTP 503',
          nextAttemptAt: new Date(retryAt).toISOString(),
        };
        expect(await store.complete('1', completion)).toBe(true);
        expect(await store.claim(claimAt(NOW + 1_000))).toEqual([]);
        expect(await store.nextDueAt()).toBe(retryAt);
        const again = await store.claim(claimAt(retryAt));
        expect(again.map((c) => [c.transaction.id, c.transaction.status, c.transaction.attempts])).toEqual([
          ['1', 'FAILED', 1],
        ]);
      }));

    it('sends nothing else to a patient while an earlier request to the creating endpoint is open', () =>
      withStores(async (store) => {
        await store.add(
          record({ id: 'create' }),
          record({ id: 'allergies', endpoint: ALLERGIES }),
          record({ id: 'other-patient', patientId: 'pt-2', endpoint: ALLERGIES }),
        );
        const first = await store.claim(claimAt(NOW));
        expect(ids(first).sort()).toEqual(['create', 'other-patient']);
        expect(await store.claim(claimAt(NOW))).toEqual([]);
        await store.complete('create', delivered(first[0]!.transaction, 'EHR-7'));
        const next = await store.claim(claimAt(NOW));
        expect(next.map((c) => [c.transaction.id, c.ehrPatientId])).toEqual([['allergies', 'EHR-7']]);
        // A later creating request does not hold back what came before it.
        await store.add(record({ id: 'update' }));
        expect(ids(await store.claim(claimAt(NOW)))).toEqual(['update']);
      }));

    it('claims at most the limit, and at most the per-system limit for each EHR system', () =>
      withStores(async (store) => {
        for (let i = 0; i < 5; i++) await store.add(record({ id: `all-${i}`, patientId: `pt-${i}` }));
        await store.add(record({ id: 'athena', ehrSystemId: 'ehr-athena', patientId: 'pt-9' }));
        expect(ids(await store.claim(claimAt(NOW, { limit: 1 })))).toEqual(['all-0']);
        const claimed = await store.claim(claimAt(NOW, { perSystemLimit: 2 }));
        expect(ids(claimed).sort()).toEqual(['all-1', 'athena']);
        await store.complete('all-0', delivered(record()));
        expect(ids(await store.claim(claimAt(NOW, { perSystemLimit: 2 })))).toEqual(['all-2']);
      }));

    it('gives a claim whose lease ran out to the next claimer', () =>
      withStores(async (a, b) => {
        await a.add(record({ id: '1' }), record({ id: '2' }));
        expect(ids(await a.claim(claimAt(NOW, { leaseMs: 1_000 })))).toEqual(['1']);
        expect(await b.claim(claimAt(NOW + 999))).toEqual([]);
        expect(await b.nextDueAt()).toBe(NOW + 1_000);
        const retaken = await b.claim(claimAt(NOW + 1_000));
        expect(ids(retaken)).toEqual(['1']);
        await b.complete('1', delivered(retaken[0]!.transaction));
        expect(ids(await b.claim(claimAt(NOW + 1_000)))).toEqual(['2']);
      }));

    it('wakes the listeners of every replica when transactions are added', () =>
      withStores(async (a, b) => {
        let woken = 0;
        const unsubscribe = b.onWork(() => (woken += 1));
        // PostgreSQL: LISTEN is set up in the background; give it a moment before the insert.
        await new Promise((r) => setTimeout(r, 100));
        await a.recordEvents([{ eventId: 'ev-wake', add: [record()] }]);
        const deadline = Date.now() + 5_000;
        while (woken === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
        unsubscribe();
        expect(woken).toBeGreaterThan(0);
      }));

    it('never gives two claimers the same transaction or two of one lane, and keeps lane order', () =>
      withStores(async (a, b) => {
        const lanes = 12;
        const perLane = 6;
        const added: EhrTransactionRecord[] = [];
        for (let n = 0; n < perLane; n++) {
          for (let lane = 0; lane < lanes; lane++) {
            added.push(
              record({
                id: `l${lane}-${n}`,
                patientId: `pt-${lane % 6}`,
                endpoint: lane < 6 ? CREATES : `/api/other/${lane}`,
              }),
            );
          }
        }
        await a.add(...added);
        const laneOf = (id: string) => id.split('-')[0]!;
        const out = new Map<string, string>();
        const order = new Map<string, number[]>();
        const problems: string[] = [];
        let done = 0;
        const claimer = async (store: TransactionStore) => {
          let idle = 0;
          while (done < added.length && idle < 200) {
            const claimed = await store.claim(claimAt(NOW, { limit: 3 }));
            if (claimed.length === 0) {
              idle += 1;
              await new Promise((r) => setTimeout(r, 1));
              continue;
            }
            idle = 0;
            await Promise.all(
              claimed.map(async ({ transaction }) => {
                const lane = laneOf(transaction.id);
                if (out.has(lane)) problems.push(`${transaction.id} while ${out.get(lane)} was out`);
                out.set(lane, transaction.id);
                order.set(lane, [...(order.get(lane) ?? []), Number(transaction.id.split('-')[1])]);
                await new Promise((r) => setTimeout(r, Math.random() * 3));
                out.delete(lane);
                if (!(await store.complete(transaction.id, delivered(transaction)))) {
                  problems.push(`${transaction.id} lost`);
                }
                done += 1;
              }),
            );
          }
        };
        await Promise.all([claimer(a), claimer(b), claimer(a), claimer(b)]);
        expect(problems).toEqual([]);
        expect(done).toBe(added.length);
        for (const sent of order.values()) expect(sent).toEqual([0, 1, 2, 3, 4, 5]);
        expect(await a.counts()).toEqual({ PENDING: 0, FAILED: 0, DELIVERED: added.length, DEAD: 0 });
      }));
  });
});
