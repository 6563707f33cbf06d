import { silentLogger, SEED_PATIENT_COUNT } from '@carebridge/common';
import { testSchemas } from '@carebridge/db/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { openPatientDatabase } from '../src/data/database';
import { PostgresPatientStore } from '../src/data/postgresStore';
import { SEED_PROVIDERS, seedPatients } from '../src/data/seed';
import { openPatientStore } from '../src/data/storage';
import { newPatient, NOW } from './helpers';

// What only a database store can show: changes outlive the process, and replicas starting together
// seed once. The store's behaviour itself is the contract of store.test.ts, run on both stores.

const schemas = testSchemas('patientpg');
afterAll(() => schemas.drop());
let schemaCount = 0;
const nextSchema = () => schemas.schema(`p${++schemaCount}`);

async function open(schema: string) {
  const database = await openPatientDatabase({ url: schemas.url, schema, poolSize: 4 });
  const store = await PostgresPatientStore.open(database, { now: () => new Date(NOW) });
  return {
    store,
    close: async () => {
      await store.close();
      await database.close();
    },
  };
}

describe('the PostgreSQL patient store across restarts', () => {
  it('keeps a committed change and its undelivered event when the store is closed and opened again', async () => {
    const schema = nextSchema();
    const first = await open(schema);
    await first.store.seed({ providers: SEED_PROVIDERS, patients: [] });
    const [created] = await first.store.create([newPatient({ primaryCarePhysicianId: 'prov-riverside-1' })]);
    const updated = await first.store.update(created!.id, { lastName: 'Durable' }, 1);
    await first.close();

    const second = await open(schema);
    try {
      expect(await second.store.findById(created!.id)).toEqual(updated);
      expect((await second.store.list({ first: 10, filter: { search: 'durable' } })).nodes).toEqual([updated]);
      expect(await second.store.findProviderById('prov-riverside-1')).toEqual(SEED_PROVIDERS[0]);
      const pending = await second.store.outbox.pending(10);
      expect(pending.map((e) => [e.type, e.patientId, 'patient' in e ? e.patient.lastName : null])).toEqual([
        ['patient.upserted', created!.id, 'Whitaker'],
        ['patient.upserted', created!.id, 'Durable'],
      ]);
      // The generator continues where it was: no MRN is handed out twice across restarts.
      expect((await second.store.create([newPatient()])).map((p) => p.mrn)).toEqual(['RH-000002']);
    } finally {
      await second.close();
    }
  });

  it('relays from one replica at a time: the other sees no pending events until the first lets go', async () => {
    const schema = nextSchema();
    const a = await open(schema);
    const b = await open(schema);
    try {
      await a.store.seed({ providers: SEED_PROVIDERS, patients: [] });
      await b.store.create([newPatient()]);
      expect(await a.store.outbox.pending(10)).toHaveLength(1);
      expect(await b.store.outbox.pending(10)).toEqual([]);
      expect(await b.store.outbox.size()).toEqual(1);
      await a.close();
      expect(await b.store.outbox.pending(10)).toHaveLength(1);
    } finally {
      await b.close();
    }
  });
});

describe('seeding the PostgreSQL patient store', () => {
  // Deletes every seeded patient one by one: more than the default 5 s on a busy machine (30 s below).
  it('seeds once, announced once, when replicas start together, and never again after a restart', async () => {
    const database = { url: schemas.url, schema: nextSchema() };
    const replicas = await Promise.all(
      [1, 2, 3].map(() => openPatientStore({ database, announceSeed: true, logger: silentLogger })),
    );
    try {
      const [store] = replicas.map((r) => r.store);
      expect((await store!.list({ first: 1 })).totalCount).toEqual(SEED_PATIENT_COUNT);
      expect(await store!.outbox.size()).toEqual(SEED_PATIENT_COUNT);
      expect(await store!.findById('pt-00001')).toEqual(seedPatients()[0]);
      expect(await store!.listProviders()).toHaveLength(SEED_PROVIDERS.length);
      // Every patient deleted: the database is no longer empty of history, and a restart does not reseed it.
      for (const patient of await store!.listAll({})) await store!.delete(patient.id);
    } finally {
      for (const replica of replicas) await replica.close();
    }
    const restarted = await openPatientStore({ database, announceSeed: true, logger: silentLogger });
    try {
      expect((await restarted.store.list({ first: 1 })).totalCount).toEqual(0);
      expect(await restarted.store.outbox.size()).toEqual(2 * SEED_PATIENT_COUNT);
      // Generated MRNs continue after the seed's, which were written in the generated format.
      const riverside = seedPatients().filter((p) => p.organizationId === 'org-riverside');
      const next = Math.max(...riverside.map((p) => Number(p.mrn.slice(3)))) + 1;
      expect((await restarted.store.create([newPatient()])).map((p) => p.mrn)).toEqual([
        `RH-${String(next).padStart(6, '0')}`,
      ]);
    } finally {
      await restarted.close();
    }
  }, 30_000);

  it('records no seed events when announcing is off', async () => {
    const storage = await openPatientStore({
      database: { url: schemas.url, schema: nextSchema() },
      announceSeed: false,
      logger: silentLogger,
    });
    try {
      expect(await storage.store.outbox.size()).toEqual(0);
      expect((await storage.store.list({ first: 1 })).totalCount).toEqual(SEED_PATIENT_COUNT);
    } finally {
      await storage.close();
    }
  });
});
