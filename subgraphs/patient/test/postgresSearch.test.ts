import { OUTBOX_MIGRATION_NAME, outboxMigration, openDatabase } from '@carebridge/db';
import { testSchemas } from '@carebridge/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPatientDatabase, type PatientDatabase, type PatientTables } from '../src/data/database';
import { patients as patientsMigration } from '../src/data/migrations/0001_patients';
import { PostgresPatientStore } from '../src/data/postgresStore';
import { SEED_PROVIDERS, seedPatients } from '../src/data/seed';
import { InMemoryPatientStore, type PatientListFilter, type PatientStore } from '../src/data/store';
import { generatePatients } from './generate';

// The search within an organization reads the token rows of that organization (migration 0002):
// it must answer exactly what the in-memory store answers, page by page, and after changes.

const schemas = testSchemas('patientsearch');
afterAll(() => schemas.drop());

/** Every page of a list, `first` at a time, with the totals each page reported. */
async function allPages(store: PatientStore, filter: PatientListFilter, first: number) {
  const ids: string[] = [];
  const totals = new Set<number>();
  let after;
  for (;;) {
    const page = await store.list({ filter, first, ...(after ? { after } : {}) });
    ids.push(...page.nodes.map((p) => p.id));
    totals.add(page.totalCount);
    if (!page.hasNextPage || page.endKey === null) return { ids, totals: [...totals] };
    after = page.endKey;
  }
}

describe('the PostgreSQL store’s search within an organization', () => {
  const records = [...seedPatients(), ...generatePatients(2_000)];
  const memory = new InMemoryPatientStore({ providers: SEED_PROVIDERS });
  let database: PatientDatabase;
  let postgres: PostgresPatientStore;

  beforeAll(async () => {
    memory.load(records);
    database = await openPatientDatabase({ url: schemas.url, schema: schemas.schema('compare'), poolSize: 2 });
    postgres = await PostgresPatientStore.open(database);
    await postgres.seed({ providers: SEED_PROVIDERS, patients: [] });
    await postgres.load(records);
    return async () => {
      await postgres.close();
      await database.close();
    };
  });

  const filters: PatientListFilter[] = [
    { organizationId: 'org-riverside', search: 'gar' },
    { organizationId: 'org-riverside', search: 'garza4 ada' },
    { organizationId: 'org-lakeside', search: 'a' },
    { organizationId: 'org-hillcrest', search: 'e h' },
    { organizationId: 'org-riverside', search: 'RH-000001' },
    { organizationId: 'org-riverside', search: 'gen-1' },
    { organizationId: 'org-harbor', search: 'lopez' },
    { organizationId: 'org-riverside', search: 'nobody' },
    { organizationId: 'org-riverside', search: 'ca', primaryCarePhysicianId: 'prov-riverside-2' },
    { organizationId: 'org-lakeside', search: 'el', primaryCarePhysicianId: 'prov-riverside-1' },
  ];

  it('answers every page and total as the in-memory store does', async () => {
    for (const filter of filters) {
      for (const first of [1, 7, 50]) {
        const expected = await allPages(memory, filter, first);
        expect(await allPages(postgres, filter, first), JSON.stringify({ filter, first })).toEqual(expected);
      }
    }
  });

  it('follows renames, changes of physician and deletions', async () => {
    for (const store of [memory, postgres] as PatientStore[]) {
      const renamed = (await store.findById('gen-000004'))!;
      await store.update(renamed.id, { lastName: 'Garland', firstName: 'Zoe' }, renamed.version);
      const reassigned = (await store.findById('gen-000008'))!;
      await store.update(reassigned.id, { primaryCarePhysicianId: 'prov-riverside-2' }, reassigned.version);
      await store.delete('gen-000012');
    }
    for (const filter of [...filters, { organizationId: 'org-riverside', search: 'garl zo' }]) {
      expect(await allPages(postgres, filter, 20), JSON.stringify(filter)).toEqual(await allPages(memory, filter, 20));
    }
  });
});

describe('migration 0002', () => {
  it('fills the organization and list-order names of the token rows written before it', async () => {
    const schema = schemas.schema('migrate');
    const old = await openDatabase<PatientTables>({
      url: schemas.url,
      schema,
      migrations: { [OUTBOX_MIGRATION_NAME]: outboxMigration, '0001_patients': patientsMigration },
    });
    try {
      await old.pool.query(`
        INSERT INTO patient (id, organization_id, mrn, first_name, last_name, gender, date_of_birth,
          preferred_language, version, created_at, updated_at, sort_last, sort_first)
        VALUES ('pt-old', 'org-harbor', 'HC-000001', 'Inés', 'Núñez', 'FEMALE', '1980-02-03', 'ES', 1, now(), now(),
          'nunez', 'ines')`);
      await old.pool.query(
        `INSERT INTO patient_search_token (token, patient_id) VALUES ('ines', 'pt-old'), ('nunez', 'pt-old')`,
      );
    } finally {
      await old.close();
    }
    const migrated = await openPatientDatabase({ url: schemas.url, schema });
    try {
      const { rows } = await migrated.pool.query(
        'SELECT token, organization_id, sort_last, sort_first FROM patient_search_token ORDER BY token',
      );
      expect(rows).toEqual([
        { token: 'ines', organization_id: 'org-harbor', sort_last: 'nunez', sort_first: 'ines' },
        { token: 'nunez', organization_id: 'org-harbor', sort_last: 'nunez', sort_first: 'ines' },
      ]);
      const store = await PostgresPatientStore.open(migrated);
      const page = await store.list({ first: 20, filter: { organizationId: 'org-harbor', search: 'nún' } });
      expect(page.nodes.map((p) => p.id)).toEqual(['pt-old']);
      expect(page.totalCount).toBe(1);
      await store.close();
    } finally {
      await migrated.close();
    }
  });
});
