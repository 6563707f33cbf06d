import { sql, type ColumnType, type Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { databaseUrl, isUniqueViolation, openDatabase, schemaName, type Migrations } from '../src';
import { testSchemas } from '../src/testing';

interface Tables {
  note: {
    id: string;
    body: string;
    created_at: ColumnType<string, never, never>;
    n: ColumnType<number, number | undefined, number>;
  };
}

const migrations: Migrations = {
  '0001_note': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('note')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('n', 'bigint', (c) => c.notNull().defaultTo(0))
        .execute();
    },
  },
};

const schemas = testSchemas('dbtest');
afterAll(() => schemas.drop());

describe('openDatabase', () => {
  it('creates the schema, applies migrations once, and reads timestamps as ISO strings', async () => {
    const schema = schemas.schema('svc');
    const first = await openDatabase<Tables>({ url: schemas.url, schema, migrations });
    await first.db.insertInto('note').values({ id: 'a', body: 'x', n: 3 }).execute();
    await first.close();

    // A second start finds the migration applied and the row kept.
    const second = await openDatabase<Tables>({ url: schemas.url, schema, migrations });
    const rows = await second.db.selectFrom('note').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(rows[0]?.n).toBe(3);
    await second.close();
  });

  it('lets replicas start at once: each migration runs exactly once', async () => {
    const schema = schemas.schema('race');
    const opened = await Promise.all(
      [1, 2, 3].map(() => openDatabase<Tables>({ url: schemas.url, schema, migrations })),
    );
    const db = opened[0]!.db;
    const applied = await sql<{
      count: number;
    }>`SELECT count(*)::int AS count FROM ${sql.table(`${schema}.kysely_migration`)}`.execute(db);
    expect(applied.rows[0]?.count).toBe(1);
    await Promise.all(opened.map((d) => d.close()));
  });

  it('keeps each schema to itself', async () => {
    const a = await openDatabase<Tables>({ url: schemas.url, schema: schemas.schema('iso_a'), migrations });
    const b = await openDatabase<Tables>({ url: schemas.url, schema: schemas.schema('iso_b'), migrations });
    await a.db.insertInto('note').values({ id: 'only-a', body: 'x' }).execute();
    expect(await b.db.selectFrom('note').selectAll().execute()).toEqual([]);
    await Promise.all([a.close(), b.close()]);
  });

  it('names unique violations', async () => {
    const d = await openDatabase<Tables>({ url: schemas.url, schema: schemas.schema('uniq'), migrations });
    await d.db.insertInto('note').values({ id: 'k', body: 'x' }).execute();
    const error = await d.db
      .insertInto('note')
      .values({ id: 'k', body: 'y' })
      .execute()
      .catch((e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
    expect(isUniqueViolation(error, 'note_pkey')).toBe(true);
    expect(isUniqueViolation(new Error('x'))).toBe(false);
    await d.close();
  });
});

describe('configuration', () => {
  it('reads DATABASE_URL and refuses other schemes', () => {
    expect(databaseUrl({})).toBeUndefined();
    expect(databaseUrl({ DATABASE_URL: 'postgres://u@h/db' })).toBe('postgres://u@h/db');
    expect(() => databaseUrl({ DATABASE_URL: 'mysql://u@h/db' })).toThrow(/postgres:\/\//);
  });

  it('prefixes schema names and refuses unsafe ones', () => {
    expect(schemaName('patient', {})).toBe('patient');
    expect(schemaName('patient', { DATABASE_SCHEMA_PREFIX: 'run1_' })).toBe('run1_patient');
    expect(() => schemaName('patient', { DATABASE_SCHEMA_PREFIX: 'x"; drop' })).toThrow(/identifier/);
  });
});
