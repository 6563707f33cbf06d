import { describe, expect, it } from 'vitest';
import type { EhrTransactionRecord } from '../src/data/records';
import { InMemoryTransactionStore } from '../src/delivery/transactions';
import { GOLDEN_RECORD } from './fixtures';

let counter = 0;
function record(overrides: Partial<EhrTransactionRecord> = {}): EhrTransactionRecord {
  counter += 1;
  const id = overrides.id ?? `tx-${counter}`;
  return {
    id,
    organizationId: 'org-lakeside',
    patientId: 'pt-1',
    ehrSystemId: 'ehr-allscripts',
    endpoint: '/api/patient',
    method: 'POST',
    mappingVersion: 1,
    status: 'PENDING',
    trigger: 'PATIENT_CREATED',
    attempts: 0,
    nextAttemptAt: null,
    lastError: null,
    idempotencyKey: id,
    ehrPatientId: null,
    payload: {},
    source: GOLDEN_RECORD,
    replayOf: null,
    createdAt: '2026-03-01T10:00:00.000Z',
    updatedAt: '2026-03-01T10:00:00.000Z',
    deliveredAt: null,
    ...overrides,
  };
}

describe('a patient’s latest transaction', () => {
  it('is the first of byPatient: the latest creation time, then the last added', () => {
    const store = new InMemoryTransactionStore();
    expect(store.latestOfPatient('pt-1')).toBeUndefined();
    store.add(record({ id: 'a', createdAt: '2026-03-01T10:00:00.000Z' }));
    store.add(record({ id: 'b', createdAt: '2026-03-01T10:00:05.000Z' }));
    // Added later but created earlier (a clock that went back): not the latest.
    store.add(record({ id: 'c', createdAt: '2026-03-01T10:00:01.000Z' }));
    expect(store.latestOfPatient('pt-1')?.id).toBe('b');
    // Same millisecond: the last added wins, as in byPatient.
    store.add(record({ id: 'd', createdAt: '2026-03-01T10:00:05.000Z' }));
    store.add(record({ id: 'other', patientId: 'pt-2', createdAt: '2026-03-02T00:00:00.000Z' }));
    expect(store.latestOfPatient('pt-1')?.id).toBe('d');
    expect(store.byPatient('pt-1')[0]?.id).toBe('d');
    expect(store.latestOfPatient('pt-2')?.id).toBe('other');
  });

  it('answers the saved state of the transaction', () => {
    const store = new InMemoryTransactionStore();
    const tx = record({ id: 'a' });
    store.add(tx);
    store.save({ ...tx, status: 'DELIVERED' });
    expect(store.latestOfPatient('pt-1')?.status).toBe('DELIVERED');
  });
});

describe('replays in the store', () => {
  it('finds the replay of a transaction, and nothing for one not replayed', () => {
    const store = new InMemoryTransactionStore();
    store.add(record({ id: 'dead', status: 'DEAD' }));
    store.add(record({ id: 'other', status: 'DEAD' }));
    expect(store.replayedBy('dead')).toBeUndefined();
    store.add(record({ id: 'replay', trigger: 'REPLAY', replayOf: 'dead' }));
    expect(store.replayedBy('dead')?.id).toBe('replay');
    expect(store.replayedBy('other')).toBeUndefined();
    expect(store.replayedBy('replay')).toBeUndefined();
  });

  it('refuses a second replay of the same transaction, adding nothing', () => {
    const store = new InMemoryTransactionStore();
    store.add(record({ id: 'dead', status: 'DEAD' }));
    store.add(record({ id: 'replay-1', trigger: 'REPLAY', replayOf: 'dead' }));
    expect(() => store.add(record({ id: 'replay-2', trigger: 'REPLAY', replayOf: 'dead' }))).toThrow(
      'transaction dead was already replayed as replay-1',
    );
    expect(store.get('replay-2')).toBeUndefined();
    expect(store.byPatient('pt-1').map((t) => t.id)).not.toContain('replay-2');
    expect(store.open().map((t) => t.id)).toEqual(['replay-1']);
  });
});
