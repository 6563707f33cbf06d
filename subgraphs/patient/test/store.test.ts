import { AuditWriteError, compareKeys } from '@carebridge/common';
import { testAuditLog, testSchemas, type TestAuditLog } from '@carebridge/db/testing';
import type { GraphQLError } from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import { openPatientDatabase, type PatientDatabase } from '../src/data/database';
import { PostgresPatientStore } from '../src/data/postgresStore';
import type { PatientPatch, PatientRecord } from '../src/data/records';
import { SEED_PROVIDERS, seedPatients } from '../src/data/seed';
import { InMemoryPatientStore, type PatientListFilter, type PatientStore } from '../src/data/store';
import { fold, patientSortKey, searchTokens, searchWords } from '../src/data/text';
import { newPatient, NOW } from './helpers';

/**
 * One contract, two stores: every behaviour below holds for the in-memory store and for PostgreSQL
 * (the real server; these fail, never skip, without one). A "pair" is two stores over the same
 * data, as two replicas have: the in-memory one is one store twice.
 */

type TestStore = PatientStore & { load(records: readonly PatientRecord[]): void | Promise<void> };

interface StoreOptions {
  now?: () => Date;
  newId?: () => string;
}

interface Backend {
  name: string;
  /** The in-memory store hands out its own immutable records; a database answers copies. */
  keepsRecords: boolean;
  /** A store with the seed providers and no patient; by default NOW as its clock and ids pt-test-1, … */
  empty(options?: StoreOptions): Promise<TestStore>;
  /** Two stores over one set of data (seed providers, no patient), ids pt-a-… and pt-b-… */
  pair(): Promise<[TestStore, TestStore]>;
  /** An empty store and the service's audit log beside it (a file in memory; the store's schema on PostgreSQL). */
  audited(): Promise<{ store: TestStore; audit: TestAuditLog }>;
}

const schemas = testSchemas('patient');
const opened: { stores: PostgresPatientStore[]; databases: PatientDatabase[]; audits: TestAuditLog[] } = {
  stores: [],
  databases: [],
  audits: [],
};
afterAll(async () => {
  await Promise.all(opened.audits.map((audit) => audit.close()));
  await Promise.all(opened.stores.map((store) => store.close()));
  await Promise.all(opened.databases.map((database) => database.close()));
  await schemas.drop();
});
let schemaCount = 0;

function defaults(options: StoreOptions): Required<StoreOptions> {
  let next = 0;
  return { now: () => new Date(NOW), newId: () => `pt-test-${++next}`, ...options };
}

/** A PostgreSQL store on `schema` (migrated on first open), closed after the file. */
async function openPostgres(schema: string, options: StoreOptions = {}): Promise<PostgresPatientStore> {
  const database = await openPatientDatabase({ url: schemas.url, schema, poolSize: 4 });
  opened.databases.push(database);
  const store = await PostgresPatientStore.open(database, defaults(options));
  opened.stores.push(store);
  return store;
}

async function emptyPostgres(options: StoreOptions = {}): Promise<PostgresPatientStore> {
  const store = await openPostgres(schemas.schema(`p${++schemaCount}`), options);
  await store.seed({ providers: SEED_PROVIDERS, patients: [] });
  return store;
}

const backends: Backend[] = [
  {
    name: 'in memory',
    keepsRecords: true,
    empty: (options = {}) =>
      Promise.resolve(new InMemoryPatientStore({ providers: SEED_PROVIDERS, ...defaults(options) })),
    pair: () => {
      const store = new InMemoryPatientStore({ providers: SEED_PROVIDERS, ...defaults({}) });
      return Promise.resolve([store, store]);
    },
    audited: async () => {
      const audit = await testAuditLog('patient');
      opened.audits.push(audit);
      return { store: new InMemoryPatientStore({ providers: SEED_PROVIDERS, ...defaults({}) }), audit };
    },
  },
  {
    name: 'PostgreSQL',
    keepsRecords: false,
    empty: emptyPostgres,
    pair: async () => {
      const a = await emptyPostgres(ids('pt-a'));
      let next = 0;
      const b = await openPostgres(schemas.schema(`p${schemaCount}`), { newId: () => `pt-b-${++next}` });
      return [a, b];
    },
    audited: async () => {
      const store = await emptyPostgres();
      const audit = await testAuditLog('patient', { url: schemas.url, schema: schemas.schema(`p${schemaCount}`) });
      opened.audits.push(audit);
      return { store, audit };
    },
  },
];

function ids(prefix: string): StoreOptions {
  let next = 0;
  return { newId: () => `${prefix}-${++next}` };
}

/** Every matching id, page by page, through the cursors. */
async function allPages(store: PatientStore, filter: PatientListFilter = {}, first = 3): Promise<string[]> {
  const ids: string[] = [];
  let after;
  for (;;) {
    const page = await store.list({ filter, first, ...(after ? { after } : {}) });
    ids.push(...page.nodes.map((p) => p.id));
    if (!page.hasNextPage || page.endKey === null) return ids;
    after = page.endKey;
  }
}

const names = async (store: PatientStore, filter: PatientListFilter = {}): Promise<string[]> =>
  (await store.list({ filter, first: 100 })).nodes.map((p) => `${p.firstName} ${p.lastName}`);

const count = async (store: PatientStore): Promise<number> => (await store.list({ first: 1 })).totalCount;

async function thrown(promise: Promise<unknown>): Promise<{ message: string; extensions: unknown }> {
  try {
    await promise;
  } catch (error) {
    const e = error as GraphQLError;
    return { message: e.message, extensions: e.extensions };
  }
  throw new Error('expected an error');
}

/** Riverside and Lakeside patients with names that exercise case, accents and ties. */
async function sampleStore(backend: Backend): Promise<TestStore> {
  const store = await backend.empty();
  await store.create([
    newPatient({
      firstName: 'José',
      lastName: 'Ramírez',
      mrn: 'RH-10',
      email: 'jose.r@example.test',
      primaryCarePhysicianId: 'prov-riverside-1',
    }),
    newPatient({ firstName: 'ana', lastName: 'ramirez', mrn: 'RH-11', primaryCarePhysicianId: 'prov-riverside-2' }),
    newPatient({
      firstName: 'Ana María',
      lastName: 'García López',
      mrn: 'RH-12',
      primaryCarePhysicianId: 'prov-riverside-1',
    }),
    newPatient({ firstName: 'Liam', lastName: 'Smith-Jones', mrn: 'XY-7', email: 'liam@mail.example' }),
    newPatient({
      organizationId: 'org-lakeside',
      firstName: 'Ana',
      lastName: 'Abbott',
      mrn: 'LC-1',
      primaryCarePhysicianId: 'prov-lakeside-1',
    }),
    newPatient({
      organizationId: 'org-lakeside',
      firstName: 'Mateo',
      lastName: 'Ramírez',
      mrn: 'LC-2',
      email: 'ana.m@example.test',
    }),
  ]);
  return store;
}

describe.each(backends)('the patient store ($name)', (backend) => {
  describe('ordering and pagination', () => {
    it('lists patients by last name, first name and id, ignoring case and accents', async () => {
      const store = await sampleStore(backend);
      await store.create([newPatient({ firstName: 'Ana', lastName: 'Ramirez' })]);
      expect(await names(store)).toEqual([
        'Ana Abbott',
        'Ana María García López',
        'ana ramirez',
        'Ana Ramirez',
        'José Ramírez',
        'Mateo Ramírez',
        'Liam Smith-Jones',
      ]);
      expect((await store.list({ first: 100 })).nodes.slice(2, 4).map((p) => p.id)).toEqual(['pt-test-2', 'pt-test-7']);
    });

    it('pages through every patient once, with the total on every page', async () => {
      const store = await sampleStore(backend);
      const first = await store.list({ first: 4 });
      expect([first.nodes.length, first.hasNextPage, first.totalCount]).toEqual([4, true, 6]);
      const second = await store.list({ first: 4, after: first.endKey ?? undefined });
      expect([second.nodes.length, second.hasNextPage, second.totalCount]).toEqual([2, false, 6]);
      expect(await allPages(store)).toEqual((await store.list({ first: 100 })).nodes.map((p) => p.id));
    });

    it('neither repeats nor skips patients when others are inserted or deleted between pages', async () => {
      const store = await sampleStore(backend);
      const page1 = await store.list({ first: 3 });
      expect(page1.nodes.map((p) => p.lastName)).toEqual(['Abbott', 'García López', 'ramirez']);
      // Before the cursor (not shown again), after it (shown), the cursor patient itself, and an unseen one.
      const [early, late] = await store.create([newPatient({ lastName: 'Aaron' }), newPatient({ lastName: 'Zimmer' })]);
      await store.delete('pt-test-2');
      await store.delete('pt-test-6');
      const page2 = await store.list({ first: 3, after: page1.endKey ?? undefined });
      expect(page2.nodes.map((p) => p.lastName)).toEqual(['Ramírez', 'Smith-Jones', 'Zimmer']);
      expect(page2.nodes.map((p) => p.id)).not.toContain(early?.id);
      expect(page2.nodes.at(-1)?.id).toEqual(late?.id);
      expect(page2.hasNextPage).toEqual(false);
    });

    it('answers an empty page without a cursor past the end', async () => {
      const store = await sampleStore(backend);
      const last = await store.list({ first: 6 });
      expect(await store.list({ first: 5, after: last.endKey ?? undefined })).toEqual({
        nodes: [],
        hasNextPage: false,
        endKey: null,
        totalCount: 6,
      });
    });
  });

  describe('filters', () => {
    let shared: Promise<TestStore> | undefined;
    const store = () => (shared ??= sampleStore(backend));

    it('finds patients by the start of first name, last name, MRN or email, ignoring case and accents', async () => {
      const s = await store();
      expect(await names(s, { search: 'RAMIR' })).toEqual(['ana ramirez', 'José Ramírez', 'Mateo Ramírez']);
      expect(await names(s, { search: 'jos' })).toEqual(['José Ramírez']);
      expect(await names(s, { search: 'lopez' })).toEqual(['Ana María García López']);
      expect(await names(s, { search: 'jones' })).toEqual(['Liam Smith-Jones']);
      expect(await names(s, { search: 'xy-' })).toEqual(['Liam Smith-Jones']);
      expect(await names(s, { search: 'liam@mail' })).toEqual(['Liam Smith-Jones']);
      expect(await names(s, { search: 'mail.example' })).toEqual([]);
      expect(await names(s, { search: 'amirez' })).toEqual([]);
      // LIKE's wildcards are plain characters in a search word.
      expect(await names(s, { search: '%' })).toEqual([]);
      expect(await names(s, { search: 'r_mirez' })).toEqual([]);
    });

    it('requires every search word to match', async () => {
      const s = await store();
      expect(await names(s, { search: 'ana ramirez' })).toEqual(['ana ramirez', 'Mateo Ramírez']);
      expect(await names(s, { search: '  ana   garc ' })).toEqual(['Ana María García López']);
      expect(await names(s, { search: 'ana zzz' })).toEqual([]);
      expect(await names(s, { search: '   ' })).toEqual(await names(s));
    });

    it('filters by organization and by primary care physician, alone and combined', async () => {
      const s = await store();
      expect(await names(s, { organizationId: 'org-lakeside' })).toEqual(['Ana Abbott', 'Mateo Ramírez']);
      expect(await names(s, { primaryCarePhysicianId: 'prov-riverside-1' })).toEqual([
        'Ana María García López',
        'José Ramírez',
      ]);
      expect(await names(s, { organizationId: 'org-riverside', search: 'ana' })).toEqual([
        'Ana María García López',
        'ana ramirez',
      ]);
      expect(await names(s, { organizationId: 'org-lakeside', primaryCarePhysicianId: 'prov-riverside-1' })).toEqual(
        [],
      );
      expect(await names(s, { organizationId: 'org-nowhere' })).toEqual([]);
      expect(await names(s, { primaryCarePhysicianId: 'prov-riverside-1', search: 'ramirez' })).toEqual([
        'José Ramírez',
      ]);
    });

    it('lists every match unpaged, in list order, for a bulk change', async () => {
      const s = await sampleStore(backend);
      for (const filter of [
        {},
        { organizationId: 'org-riverside' },
        { primaryCarePhysicianId: 'prov-riverside-1' },
        { organizationId: 'org-lakeside', primaryCarePhysicianId: 'prov-riverside-1' },
        { organizationId: 'org-riverside', search: 'ram' },
      ]) {
        expect((await s.listAll(filter)).map((p) => p.id)).toEqual(await allPages(s, filter));
      }
      expect((await s.listAll({ primaryCarePhysicianId: 'prov-riverside-1' })).map((p) => p.mrn)).toEqual([
        'RH-12',
        'RH-10',
      ]);
    });

    it('counts all matches and pages through them with cursors', async () => {
      const s = await store();
      const page = await s.list({ first: 1, filter: { search: 'ana' } });
      expect([page.nodes.length, page.totalCount, page.hasNextPage]).toEqual([1, 4, true]);
      expect(await allPages(s, { search: 'ana' }, 1)).toEqual(
        (await s.list({ first: 100, filter: { search: 'ana' } })).nodes.map((p) => p.id),
      );
      expect(await allPages(s, { search: 'ana', organizationId: 'org-riverside' }, 1)).toEqual([
        'pt-test-3',
        'pt-test-2',
      ]);
    });

    it('answers every filter over the seed patients exactly like a scan of them', async () => {
      const s = await backend.empty();
      const records = seedPatients();
      await s.load(records);
      const ordered = [...records].sort((a, b) => compareKeys(patientSortKey(a), patientSortKey(b)));
      const scan = (filter: PatientListFilter) =>
        ordered
          .filter(
            (r) =>
              (filter.organizationId == null || r.organizationId === filter.organizationId) &&
              (filter.primaryCarePhysicianId == null || r.primaryCarePhysicianId === filter.primaryCarePhysicianId) &&
              searchWords(filter.search).every((word) => searchTokens(r).some((token) => token.startsWith(word))),
          )
          .map((r) => r.id);
      const words = [...new Set(records.flatMap((r) => [fold(r.lastName).slice(0, 3), fold(r.firstName).slice(0, 1)]))];
      const filters: PatientListFilter[] = [
        {},
        { organizationId: 'org-hillcrest' },
        { primaryCarePhysicianId: 'prov-lakeside-2' },
        { search: 'rh-0001' },
        { search: 'example' },
        { search: 'maria.' },
        { search: "o'c" },
        { search: 'de la' },
        ...words.map((search) => ({ search })),
        ...words.slice(0, 8).map((search) => ({ search, organizationId: 'org-riverside' })),
      ];
      for (const filter of filters) {
        const want = scan(filter);
        const page = await s.list({ first: 100, filter });
        expect([filter, page.totalCount, page.nodes.map((p) => p.id)]).toEqual([
          filter,
          want.length,
          want.slice(0, 100),
        ]);
      }
      expect(await allPages(s, { search: 'a' }, 37)).toEqual(scan({ search: 'a' }));
    });
  });

  describe('changes', () => {
    it('creates patients with ids, version 1, timestamps and generated MRNs', async () => {
      const store = await backend.empty();
      const [patient] = await store.create([newPatient({ email: 'ada@example.test' })]);
      expect(patient).toEqual({
        ...newPatient({ email: 'ada@example.test' }),
        id: 'pt-test-1',
        mrn: 'RH-000001',
        version: 1,
        createdAt: NOW,
        updatedAt: NOW,
      });
      expect(await store.findById('pt-test-1')).toEqual(patient);
    });

    it('never generates an MRN that was given or used before, even after a deletion', async () => {
      const store = await backend.empty();
      const first = await store.create([newPatient({ mrn: 'RH-000002' }), newPatient()]);
      expect(first.map((p) => p.mrn)).toEqual(['RH-000002', 'RH-000001']);
      await store.delete('pt-test-2');
      const created = await store.create([newPatient(), newPatient({ organizationId: 'org-hillcrest' })]);
      expect(created.map((p) => p.mrn)).toEqual(['RH-000003', 'HF-000001']);
      expect((await store.findById('pt-test-1'))?.mrn).toEqual('RH-000002');
      // An MRN given later in the generated format moves the generator past it, as do loaded ones.
      await store.create([newPatient({ mrn: 'rh-000010' })]);
      await store.load([{ ...created[0]!, id: 'pt-loaded', mrn: 'RH-000020' }]);
      expect((await store.create([newPatient()])).map((p) => p.mrn)).toEqual(['RH-000021']);
    });

    it('creates all or nothing: one conflicting MRN refuses the whole batch', async () => {
      const store = await sampleStore(backend);
      const batch = [newPatient({ lastName: 'Fine' }), newPatient({ mrn: 'rh-10' }), newPatient({ mrn: 'NEW-1' })];
      expect((await thrown(store.create(batch))).extensions).toEqual({
        code: 'BAD_USER_INPUT',
        problems: [
          {
            field: 'inputs[1].mrn',
            message: 'is already used by another patient of the organization',
            code: 'MRN_TAKEN',
          },
        ],
      });
      await expect(store.create([newPatient({ mrn: 'NEW-1' }), newPatient({ mrn: 'new-1' })])).rejects.toThrow();
      expect(await count(store)).toEqual(6);
      expect(await names(store, { search: 'fine' })).toEqual([]);
      expect(await store.findIdByMrn('org-riverside', 'NEW-1')).toBeUndefined();
      expect(await store.outbox.size()).toEqual(6);
    });

    it('refuses an update with a stale version, and one of an unknown patient', async () => {
      const store = await sampleStore(backend);
      await store.update('pt-test-1', { firstName: 'Pepe' }, 1);
      expect((await thrown(store.update('pt-test-1', { firstName: 'Late' }, 1))).extensions).toEqual({
        code: 'VERSION_CONFLICT',
        typename: 'Patient',
        id: 'pt-test-1',
        expectedVersion: 1,
        currentVersion: 2,
      });
      expect((await thrown(store.update('pt-nope', {}, 1))).extensions).toEqual({
        code: 'NOT_FOUND',
        typename: 'Patient',
        id: 'pt-nope',
      });
      expect((await store.findById('pt-test-1'))?.firstName).toEqual('Pepe');
    });

    it('bumps the version and keeps every index right after a change', async () => {
      let clock = Date.parse(NOW);
      const store = await backend.empty({ now: () => new Date((clock += 1000)) });
      await store.load((await (await sampleStore(backend)).list({ first: 100 })).nodes);
      const updated = await store.update(
        'pt-test-1',
        { lastName: 'Zapata', email: 'pz@example.test', mrn: 'RH-99', primaryCarePhysicianId: 'prov-riverside-2' },
        1,
      );
      expect([updated.version, updated.updatedAt, updated.createdAt]).toEqual([2, '2026-03-01T10:00:01.000Z', NOW]);
      expect(await names(store, { search: 'ramirez' })).toEqual(['ana ramirez', 'Mateo Ramírez']);
      expect(await names(store, { search: 'zapata' })).toEqual(['José Zapata']);
      expect(await names(store, { search: 'pz@' })).toEqual(['José Zapata']);
      expect(await names(store, { search: 'jose.r' })).toEqual([]);
      expect((await names(store)).at(-1)).toEqual('José Zapata');
      expect(await names(store, { primaryCarePhysicianId: 'prov-riverside-1' })).toEqual(['Ana María García López']);
      expect(await names(store, { primaryCarePhysicianId: 'prov-riverside-2' })).toEqual([
        'ana ramirez',
        'José Zapata',
      ]);
      expect([
        await store.findIdByMrn('org-riverside', 'RH-10'),
        await store.findIdByMrn('org-riverside', 'RH-99'),
      ]).toEqual([undefined, 'pt-test-1']);
      expect(await store.findById('pt-test-1')).toEqual(updated);
    });

    it('keeps the version when an update changes nothing', async () => {
      const store = await sampleStore(backend);
      const before = await store.findById('pt-test-1');
      const after = await store.update('pt-test-1', { firstName: 'José', email: 'jose.r@example.test' }, 1);
      expect(after).toEqual(before);
      if (backend.keepsRecords) expect(after).toBe(before);
      // Parts compare by value, whatever order a database keeps their fields in.
      const withParts = await store.update(
        'pt-test-2',
        {
          address: {
            line1: '1 Main St',
            line2: null,
            city: 'Springfield',
            state: 'IL',
            postalCode: '62701',
            country: 'US',
          },
          insurance: { provider: 'Summit Mutual', policyNumber: 'POL-1' },
          emergencyContact: { name: 'Ruth', relationship: 'parent', phone: '+13125550143' },
        },
        1,
      );
      const again = await store.update(
        'pt-test-2',
        {
          address: withParts.address,
          insurance: withParts.insurance,
          emergencyContact: withParts.emergencyContact,
        },
        2,
      );
      expect(again.version).toEqual(2);
      expect(await store.findById('pt-test-2')).toEqual(withParts);
    });

    it('refuses an update to an MRN another patient of the organization holds', async () => {
      const store = await sampleStore(backend);
      expect((await thrown(store.update('pt-test-1', { mrn: 'RH-11' }, 1))).extensions).toEqual({
        code: 'BAD_USER_INPUT',
        problems: [
          { field: 'mrn', message: 'is already used by another patient of the organization', code: 'MRN_TAKEN' },
        ],
      });
      expect((await store.findById('pt-test-1'))?.version).toEqual(1);
    });

    it('updates several patients with one patch: only those it changes get a version and an event', async () => {
      const store = await sampleStore(backend);
      const created = await store.outbox.size();
      const targets = ['pt-test-1', 'pt-test-2', 'pt-test-3'].map((id) => ({ id, expectedVersion: 1 }));
      const updated = await store.updateMany(targets, { primaryCarePhysicianId: 'prov-riverside-2' });
      expect(updated.map((p) => [p.id, p.version, p.primaryCarePhysicianId])).toEqual([
        ['pt-test-1', 2, 'prov-riverside-2'],
        ['pt-test-2', 1, 'prov-riverside-2'],
        ['pt-test-3', 2, 'prov-riverside-2'],
      ]);
      expect(updated[1]).toEqual(await store.findById('pt-test-2'));
      if (backend.keepsRecords) expect(updated[1]).toBe(await store.findById('pt-test-2'));
      expect(await names(store, { primaryCarePhysicianId: 'prov-riverside-1' })).toEqual([]);
      expect(await names(store, { primaryCarePhysicianId: 'prov-riverside-2' })).toHaveLength(3);
      const events = (await store.outbox.pending(100)).slice(created);
      expect(
        events.map((e) => [e.type, e.patientId, 'patient' in e ? e.patient.primaryCarePhysician?.id : null]),
      ).toEqual([
        ['patient.upserted', 'pt-test-1', 'prov-riverside-2'],
        ['patient.upserted', 'pt-test-3', 'prov-riverside-2'],
      ]);
    });

    it('updates several patients all or nothing: one unknown, stale or conflicting refuses them all', async () => {
      const store = await sampleStore(backend);
      const before = (await store.list({ first: 100 })).nodes;
      const events = await store.outbox.size();
      /** The error of changing pt-test-1 (at version 1) and then `id` at `expectedVersion`. */
      const refusal = async (id: string, expectedVersion: number, patch: PatientPatch = { preferredLanguage: 'ES' }) =>
        (
          await thrown(
            store.updateMany(
              [
                { id: 'pt-test-1', expectedVersion: 1 },
                { id, expectedVersion },
              ],
              patch,
            ),
          )
        ).extensions;
      expect(await refusal('pt-test-2', 3)).toMatchObject({ code: 'VERSION_CONFLICT', id: 'pt-test-2' });
      expect(await refusal('pt-nope', 1)).toMatchObject({ code: 'NOT_FOUND', id: 'pt-nope' });
      // One MRN for two patients of one organization would break its uniqueness.
      expect(await refusal('pt-test-2', 1, { mrn: 'RH-50' })).toEqual({
        code: 'BAD_USER_INPUT',
        problems: [
          { field: 'mrn', message: 'is already used by another patient of the organization', code: 'MRN_TAKEN' },
        ],
      });
      expect((await store.list({ first: 100 })).nodes).toEqual(before);
      expect(await store.outbox.size()).toEqual(events);
      expect(await store.findIdByMrn('org-riverside', 'RH-50')).toBeUndefined();
    });

    it('deletes a patient from every index and frees its MRN', async () => {
      const store = await sampleStore(backend);
      expect(await store.delete('pt-test-1')).toEqual(true);
      expect(await store.delete('pt-test-1')).toEqual(false);
      expect(await store.findById('pt-test-1')).toBeUndefined();
      expect(await names(store, { search: 'jose' })).toEqual([]);
      expect(await names(store, { primaryCarePhysicianId: 'prov-riverside-1' })).toEqual(['Ana María García López']);
      expect((await store.list({ first: 100, filter: { organizationId: 'org-riverside' } })).totalCount).toEqual(3);
      expect(await store.findIdByMrn('org-riverside', 'RH-10')).toBeUndefined();
      await store.create([newPatient({ mrn: 'rh-10' })]);
    });

    it('lists providers by name, for one organization or all', async () => {
      const store = await backend.empty();
      expect((await store.listProviders('org-lakeside')).map((p) => p.id)).toEqual([
        'prov-lakeside-2',
        'prov-lakeside-1',
      ]);
      expect((await store.listProviders()).length).toEqual(SEED_PROVIDERS.length);
      expect(await store.findProviderById('prov-none')).toBeUndefined();
      expect(await store.findProviderById('prov-riverside-1')).toEqual(SEED_PROVIDERS[0]);
    });
  });

  describe('change events', () => {
    it('are recorded by the store itself, and not when the store refuses the change', async () => {
      const store = await backend.empty();
      const events = () => store.outbox.pending(1_000);
      const [created] = await store.create([newPatient({ mrn: 'RH-1', primaryCarePhysicianId: 'prov-riverside-1' })]);
      await expect(store.create([newPatient({ mrn: 'rh-1' })])).rejects.toThrow();
      await expect(store.update(created!.id, { lastName: 'X' }, 2)).rejects.toThrow();
      expect(await store.delete('pt-missing')).toBe(false);
      expect((await events()).map((e) => [e.type, e.patientId])).toEqual([['patient.upserted', 'pt-test-1']]);
      await store.outbox.markSent((await events()).map((e) => e.id));
      await store.update(created!.id, { lastName: 'X' }, 1);
      await store.delete(created!.id);
      expect((await events()).map((e) => [e.type, e.patientId])).toEqual([
        ['patient.upserted', 'pt-test-1'],
        ['patient.deleted', 'pt-test-1'],
      ]);
      const [upserted] = await events();
      expect(upserted).toMatchObject({
        organizationId: 'org-riverside',
        occurredAt: NOW,
        patient: {
          id: 'pt-test-1',
          lastName: 'X',
          primaryCarePhysician: { id: 'prov-riverside-1', npi: '1901010000' },
        },
      });
      expect(await store.outbox.size()).toEqual(2);
    });
  });

  describe('audit records, written with the change', () => {
    it('make a change and its record both or neither: nothing changes while the record cannot be written', async () => {
      const { store, audit } = await backend.audited();
      const [kept] = await store.create([newPatient({ lastName: 'Kept', primaryCarePhysicianId: 'prov-riverside-1' })]);
      await store.outbox.markSent((await store.outbox.pending(10)).map((e) => e.id));
      const before = await store.findById(kept!.id);

      await audit.break();
      const refused = [
        () => store.create([newPatient({ lastName: 'Refused' })], audit.change('patient.create')),
        () => store.update(kept!.id, { lastName: 'Renamed' }, 1, audit.change('patient.update', [kept!.id])),
        () =>
          store.updateMany(
            [{ id: kept!.id, expectedVersion: 1 }],
            { preferredLanguage: 'ES' },
            audit.change('patient.update'),
          ),
        () => store.delete(kept!.id, audit.change('patient.delete', [kept!.id])),
      ];
      for (const change of refused) await expect(change()).rejects.toThrow(AuditWriteError);
      expect(await count(store)).toBe(1);
      expect(await store.findById(kept!.id)).toEqual(before);
      expect(await store.outbox.size()).toBe(0);

      await audit.heal();
      const [created] = await store.create([newPatient({ lastName: 'Created' })], audit.change('patient.create'));
      // The MRN the refused creation would have had: a change not made moved no generator either.
      expect(created!.mrn).toBe('RH-000002');
      await store.update(kept!.id, { lastName: 'Renamed' }, 1, audit.change('patient.update', [kept!.id]));
      await store.updateMany(
        [{ id: kept!.id, expectedVersion: 2 }],
        { preferredLanguage: 'ES' },
        audit.change('patient.update'),
      );
      expect(await store.delete(kept!.id, audit.change('patient.delete', [kept!.id]))).toBe(true);
      expect(await names(store)).toEqual(['Ada Created']);
      expect((await store.outbox.pending(10)).map((e) => [e.type, e.patientId])).toEqual([
        ['patient.upserted', created!.id],
        ['patient.upserted', kept!.id],
        ['patient.upserted', kept!.id],
        ['patient.deleted', kept!.id],
      ]);
      expect((await audit.records()).map((r) => [r.action, r.outcome, r.patientIds]).reverse()).toEqual([
        ['patient.create', 'ALLOWED', [created!.id]],
        ['patient.update', 'ALLOWED', [kept!.id]],
        ['patient.update', 'ALLOWED', [kept!.id]],
        ['patient.delete', 'ALLOWED', [kept!.id]],
      ]);
    });

    it('write no record for a change the store refuses', async () => {
      const { store, audit } = await backend.audited();
      const [kept] = await store.create([newPatient({ mrn: 'RH-1' })], audit.change('patient.create'));
      await expect(store.create([newPatient({ mrn: 'rh-1' })], audit.change('patient.create'))).rejects.toThrow();
      await expect(
        store.update(kept!.id, { lastName: 'X' }, 7, audit.change('patient.update', [kept!.id])),
      ).rejects.toThrow();
      expect(await store.delete('pt-missing', audit.change('patient.delete', ['pt-missing']))).toBe(false);
      expect((await audit.records()).map((r) => [r.action, r.patientIds])).toEqual([['patient.create', [kept!.id]]]);
    });
  });

  describe('two replicas', () => {
    it('see each other’s writes', async () => {
      const [a, b] = await backend.pair();
      const [created] = await a.create([newPatient({ lastName: 'Shared' })]);
      expect(await b.findById(created!.id)).toEqual(created);
      const updated = await b.update(created!.id, { firstName: 'Both' }, 1);
      expect(await a.findById(created!.id)).toEqual(updated);
      expect(await names(a, { search: 'both' })).toEqual(['Both Shared']);
      expect((await thrown(a.create([newPatient({ mrn: created!.mrn.toLowerCase() })]))).extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
      });
      expect(await b.delete(created!.id)).toBe(true);
      expect(await a.delete(created!.id)).toBe(false);
    });

    it('give exactly one of two concurrent updates with the same expected version', async () => {
      const [a, b] = await backend.pair();
      const [created] = await a.create([newPatient()]);
      const results = await Promise.allSettled([
        a.update(created!.id, { firstName: 'From A' }, 1),
        b.update(created!.id, { firstName: 'From B' }, 1),
      ]);
      const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as GraphQLError] : []));
      expect(won.map((p) => p.version)).toEqual([2]);
      expect(lost.map((e) => e.extensions)).toEqual([
        { code: 'VERSION_CONFLICT', typename: 'Patient', id: created!.id, expectedVersion: 1, currentVersion: 2 },
      ]);
      expect(await b.findById(created!.id)).toEqual(won[0]);
    });

    it('generate distinct MRNs when they register patients at once', async () => {
      const [a, b] = await backend.pair();
      const batches = await Promise.all(
        Array.from({ length: 6 }, (_, i) => (i % 2 === 0 ? a : b).create([newPatient(), newPatient()])),
      );
      const mrns = batches.flat().map((p) => p.mrn);
      expect(new Set(mrns).size).toEqual(12);
      expect([...mrns].sort()).toEqual(Array.from({ length: 12 }, (_, i) => `RH-${String(i + 1).padStart(6, '0')}`));
    });
  });
});
