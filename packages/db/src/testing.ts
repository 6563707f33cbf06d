import { randomBytes, randomUUID } from 'node:crypto';
import {
  ChangeAudit,
  DEV_AUDIT_HMAC_KEY,
  type AuditRecord,
  type AuditSink,
  type StaffViewer,
} from '@carebridge/common';
import { breakableAuditLog } from '@carebridge/common/testing';
import pg from 'pg';
import { PostgresAuditLog } from './audit';
import { openDatabase } from './postgres';

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

/**
 * Makes a service's PostgreSQL audit log refuse every write, and accept them again: a CHECK that no
 * row passes, on each audit table of `schema` (NOT VALID, so the rows already there stay), as a
 * full disk or a revoked grant would refuse them. Superusers ignore grants, so a constraint it is.
 */
export function breakableAuditTables(url: string, schema: string): { break(): Promise<void>; heal(): Promise<void> } {
  const each = async (statement: (table: string) => string): Promise<void> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      for (const table of ['audit_record', 'audit_pending']) {
        const { rows } = await client.query<{ found: string | null }>('SELECT to_regclass($1) AS found', [
          `"${schema}".${table}`,
        ]);
        if (rows[0]?.found) await client.query(statement(`"${schema}".${table}`));
      }
    } finally {
      await client.end();
    }
  };
  return {
    break: () => each((table) => `ALTER TABLE ${table} ADD CONSTRAINT audit_refused CHECK (false) NOT VALID`),
    heal: () => each((table) => `ALTER TABLE ${table} DROP CONSTRAINT audit_refused`),
  };
}

/** A service's audit log for a test of what a failed audit write leaves behind, over either storage. */
export interface TestAuditLog {
  sink: AuditSink;
  /** Every write fails from now on, and `heal` makes them succeed again. */
  break(): Promise<void>;
  heal(): Promise<void>;
  /** A change's record for a store call, as a resolver's `audited` makes it, by `viewer`. */
  change(action: string, patientIds?: readonly string[], viewer?: StaffViewer): ChangeAudit;
  /** The records of an organization (every committed one), newest first. */
  records(organizationId?: string): Promise<AuditRecord[]>;
  close(): Promise<void>;
}

const TEST_AUDITOR: StaffViewer = {
  kind: 'staff',
  userId: 'user-auditor',
  organizationId: 'org-riverside',
  role: 'CLINICIAN',
};

/**
 * The audit log of `service` as a store test needs it: in memory on a file (`breakableAuditLog`)
 * without `database`, else on PostgreSQL in that schema (a pool of its own, as a service opens it),
 * its tables refused by `breakableAuditTables`.
 */
export async function testAuditLog(service: string, database?: { url: string; schema: string }): Promise<TestAuditLog> {
  let sink: AuditSink;
  let tables: { break(): Promise<void>; heal(): Promise<void> };
  let close: () => Promise<void>;
  if (database === undefined) {
    const file = breakableAuditLog(service);
    sink = file.log;
    tables = { break: () => Promise.resolve(file.break()), heal: () => Promise.resolve(file.heal()) };
    close = () => Promise.resolve(file.remove());
  } else {
    const opened = await openDatabase<unknown>({ ...database, poolSize: 2 });
    const log = await PostgresAuditLog.open({ database: opened, service, key: DEV_AUDIT_HMAC_KEY });
    sink = log;
    tables = breakableAuditTables(database.url, database.schema);
    close = async () => {
      await log.close();
      await opened.close();
    };
  }
  return {
    sink,
    ...tables,
    change: (action, patientIds, viewer = TEST_AUDITOR) =>
      new ChangeAudit({ viewer, requestId: randomUUID(), audit: sink }, action, patientIds),
    records: async (organizationId = TEST_AUDITOR.organizationId) =>
      (await sink.query({ organizationId, first: 1_000 })).records,
    close,
  };
}

/** `testAuditLog`, opened on first use only (most tests of a store suite write no record), closed by `close`. */
export function lazyTestAuditLog(
  service: string,
  database?: { url: string; schema: string },
): { audit: () => Promise<TestAuditLog>; close: () => Promise<void> } {
  let opened: Promise<TestAuditLog> | undefined;
  return {
    audit: () => (opened ??= testAuditLog(service, database)),
    close: async () => {
      if (opened) await (await opened).close();
    },
  };
}
