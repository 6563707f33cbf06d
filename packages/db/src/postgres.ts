import { ConfigError, envString, type Env, type Logger } from '@carebridge/common';
import { Kysely, Migrator, PostgresDialect, type Migration } from 'kysely';
import pg from 'pg';

/**
 * PostgreSQL for a service: one pool, one schema the service owns (its tables and its migration
 * history live there, and its connections see only it through `search_path`), and versioned
 * migrations applied at start-up. Several replicas may start at once: Kysely's migrator takes an
 * advisory lock, so each migration runs exactly once, and the others wait and find it applied.
 */

/** Migrations by name; they run in name order, so names start with a sortable version (`0001_…`). */
export type Migrations = Record<string, Migration>;

export interface DatabaseOptions {
  /** A `postgres://` URL (DATABASE_URL). */
  url: string;
  /** The schema this service owns, e.g. `patient`; see `schemaName`. */
  schema: string;
  /**
   * The service's migrations. Left out, none run and the migration history is not read: for a
   * second pool on a schema whose owner migrates it (the audit log's, see audit.ts).
   */
  migrations?: Migrations;
  /** Connections at most (default 10). */
  poolSize?: number;
  logger?: Logger;
}

export interface Database<DB> {
  readonly db: Kysely<DB>;
  readonly schema: string;
  /** The pool under `db`, for LISTEN/NOTIFY and the few statements Kysely does not build. */
  readonly pool: pg.Pool;
  /** Ends every connection; waits for queries in flight. */
  close(): Promise<void>;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The schema a service uses: its name, after `DATABASE_SCHEMA_PREFIX` when set. A prefix gives each
 * test run (or each stack sharing one database) schemas of its own.
 */
export function schemaName(service: string, env: Env): string {
  const name = `${envString(env, 'DATABASE_SCHEMA_PREFIX', '')}${service}`;
  if (!IDENTIFIER.test(name)) {
    throw new ConfigError(
      `DATABASE_SCHEMA_PREFIX + "${service}" must be a lower-case SQL identifier (letters, digits, _), got "${name}"`,
    );
  }
  return name;
}

/** `DATABASE_URL`, or undefined: no database configured means the in-memory stores. */
export function databaseUrl(env: Env): string | undefined {
  const value = envString(env, 'DATABASE_URL', '');
  if (value === '') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError('DATABASE_URL must be a postgres:// URL');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(`DATABASE_URL must be a postgres:// URL, got the scheme "${url.protocol}"`);
  }
  return value;
}

/** Where a service keeps its data: `DATABASE_URL` and the service's schema. */
export interface DatabaseConfig {
  url: string;
  schema: string;
}

/** A service's `DatabaseConfig`, or null when DATABASE_URL is unset (its stores stay in memory). */
export function readDatabaseConfig(service: string, env: Env): DatabaseConfig | null {
  const url = databaseUrl(env);
  return url === undefined ? null : { url, schema: schemaName(service, env) };
}

/**
 * Column types as the stores' records hold them: timestamps as ISO-8601 strings (what the GraphQL
 * DateTime scalar answers, so a record reads the same from memory and from the database), 64-bit
 * counts as numbers (they stay far below 2^53).
 */
const OID: { TIMESTAMPTZ: number; INT8: number; DATE: number } = pg.types.builtins;

const typeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
    if (oid === OID.TIMESTAMPTZ) return (value) => new Date(value).toISOString();
    if (oid === OID.INT8) return Number;
    // DATE stays the 'YYYY-MM-DD' text, as the Date scalar has it.
    if (oid === OID.DATE) return (value) => value;
    return pg.types.getTypeParser(oid, format ?? 'text') as (value: string) => unknown;
  },
};

/** Opens the pool, creates the schema when missing and applies the pending migrations. */
export async function openDatabase<DB>(options: DatabaseOptions): Promise<Database<DB>> {
  const { schema } = options;
  if (!IDENTIFIER.test(schema)) throw new ConfigError(`"${schema}" is not a valid schema name`);
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    // Unqualified table names resolve in the service's schema only.
    options: `-c search_path=${schema}`,
    types: typeParsers,
  });
  // An idle connection that fails (the server restarted) must not crash the process; the pool
  // replaces it on the next query.
  pool.on('error', (error) => options.logger?.warn('db.connection_error', { code: errorCode(error) }));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  try {
    await createSchema(pool, schema);
    const migrations = options.migrations;
    if (migrations !== undefined) {
      const migrator = new Migrator({
        db,
        provider: { getMigrations: () => Promise.resolve(migrations) },
        migrationTableSchema: schema,
      });
      for (let attempt = 1; ; attempt++) {
        const { error, results } = await migrator.migrateToLatest();
        for (const result of results ?? []) {
          options.logger?.info('db.migration', { schema, migration: result.migrationName, status: result.status });
        }
        if (error === undefined) break;
        // The migrator reads the whole catalog to find its tables; another schema dropped during
        // that read (another stack, a finished test file) fails it with 3F000 although nothing of
        // ours is wrong. Each migration runs in a transaction, so reading again is safe.
        if (errorCode(error) === '3F000' && attempt < 3) continue;
        throw error instanceof Error ? error : new Error('migration failed');
      }
    }
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return {
    db,
    schema,
    pool,
    close: () => db.destroy(),
  };
}

async function createSchema(pool: pg.Pool, schema: string): Promise<void> {
  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } catch (error) {
    // Two replicas creating it at once: one wins, the other sees a duplicate, which is what it wanted.
    if (errorCode(error) !== '23505' && errorCode(error) !== '42P06') throw error;
  }
}

/** PostgreSQL's SQLSTATE (or Node's code) of an error, for logs and for mapping constraint errors. */
export function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return error instanceof Error ? error.name : 'unknown';
}

/** True when `error` is a unique-constraint violation, optionally of the named constraint. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (errorCode(error) !== '23505') return false;
  return constraint === undefined || (error as { constraint?: string }).constraint === constraint;
}
