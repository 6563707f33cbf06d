import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * PostgreSQL for tests. Every test file gets schemas of its own under a random prefix, so runs
 * (and files running in parallel) never see each other's rows, and drops them when it is done.
 * A test that needs the database fails when none answers: CI starts one, and a skipped store test
 * would hide a broken store.
 */

/** `DATABASE_URL`, or the local server every development and CI machine runs. */
export const TEST_DATABASE_URL = process.env['DATABASE_URL'] || 'postgres://postgres@127.0.0.1:5432/test';

/** `REDIS_URL`, or the local server every development and CI machine runs. */
export const TEST_REDIS_URL = process.env['REDIS_URL'] || 'redis://127.0.0.1:6379';

export interface TestSchemas {
  url: string;
  /** The prefix to pass as DATABASE_SCHEMA_PREFIX (ends with `_`). */
  prefix: string;
  /** A schema name of this run: `prefix + service`. */
  schema(service: string): string;
  /** Drops every schema that starts with the prefix. */
  drop(): Promise<void>;
}

export function testSchemas(label = 't'): TestSchemas {
  const prefix = `${label.toLowerCase().replace(/[^a-z0-9_]/g, '_')}_${randomBytes(4).toString('hex')}_`;
  return {
    url: TEST_DATABASE_URL,
    prefix,
    schema: (service) => `${prefix}${service}`,
    drop: () => dropSchemas(TEST_DATABASE_URL, prefix),
  };
}

export async function dropSchemas(url: string, prefix: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ nspname: string }>(
      'SELECT nspname FROM pg_namespace WHERE starts_with(nspname, $1)',
      [prefix],
    );
    for (const { nspname } of rows) await client.query(`DROP SCHEMA IF EXISTS "${nspname}" CASCADE`);
  } finally {
    await client.end();
  }
}
