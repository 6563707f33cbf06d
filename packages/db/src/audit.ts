import { randomUUID } from 'node:crypto';
import {
  AUDIT_GENESIS,
  AuditChainVerifier,
  AuditWriteError,
  badUserInput,
  chainRecord,
  type ChangeAudit,
  type AuditActor,
  type AuditEntry,
  type AuditOutcome,
  type AuditPage,
  type AuditQuery,
  type AuditRecord,
  type AuditSink,
  type AuditVerifyResult,
  type AuditConfig,
  type Env,
  InMemoryAuditLog,
  type Logger,
  RequestSettlement,
  subgraphServices,
  type SubgraphRuntimeConfig,
} from '@carebridge/common';
import { Kysely, Migrator, PostgresDialect, sql, type Migration, type Transaction } from 'kysely';
import pg from 'pg';
import {
  AUDIT_PENDING_MIGRATION_NAME,
  auditPendingMigration,
  claimPending,
  insertPending,
  type AuditPendingTable,
} from './auditPending';
import { errorCode, openDatabase, readDatabaseConfig, type Database } from './postgres';

/**
 * The PHI audit log on PostgreSQL, in the service's own schema (`audit_record`).
 *
 * Each process writes a chain of its own: a `chain_id` drawn at start, `seq` 1, 2, 3… within it,
 * and `prevHash`/`hash` exactly as the in-memory log computes them. Replicas therefore never wait
 * on one chain head, and each chain verifies alone (`pnpm audit:verify --database-url …`). A write
 * that fails ends the chain too: the process cannot tell whether the failed INSERT committed, and
 * records queued behind it already chain onto it, so it fails them all and starts a new chain.
 * Each chain stays whole; as with a file's tail, deleting a whole chain is not visible in the
 * chains themselves.
 *
 * `append` is synchronous and only queues: the records of a tick (or of `maxBatch`) go out in one
 * multi-row INSERT, one INSERT at a time, and whatever arrives meanwhile waits for the next one
 * (group commit). `settled(requestId)` is how a request learns its records are written;
 * `auditSettledPlugin` awaits it before answering.
 *
 * A change's record is written by the change's own transaction instead (`appendWithin`, through
 * `writeAuditWithin`), unchained, into `audit_pending` (see auditPending.ts): it commits with the
 * change and its outbox event, or neither does. The writer chains such records after their commit:
 * at once for this process's changes (`committed`), every `pendingIntervalMs` for any replica's
 * (one that died before chaining its own), at open, and before every query, which therefore
 * answers every committed record. Moving a record deletes it from `audit_pending` and inserts it
 * chained (after everything queued before it) in one transaction.
 *
 * Queries merge the chains by (at, chain_id, seq), newest first, with that triple as the page
 * position.
 */

export interface AuditTable {
  audit_record: {
    chain_id: string;
    seq: number;
    at: string;
    service: string;
    organization_id: string;
    actor: AuditActor;
    action: string;
    outcome: AuditOutcome;
    patient_ids: string[];
    patient_count: number;
    request_id: string;
    detail: string | null;
    prev_hash: string;
    hash: string;
  };
}

/** The audit table's one migration, under this name in the audit log's own migration history. */
export const AUDIT_MIGRATION_NAME = '0900_audit';

export const auditMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('audit_record')
      .addColumn('chain_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('at', 'timestamptz', (c) => c.notNull())
      .addColumn('service', 'text', (c) => c.notNull())
      .addColumn('organization_id', 'text', (c) => c.notNull())
      .addColumn('actor', 'jsonb', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('patient_ids', sql`text[]`, (c) => c.notNull())
      .addColumn('patient_count', 'integer', (c) => c.notNull())
      .addColumn('request_id', 'text', (c) => c.notNull())
      .addColumn('detail', 'text')
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('audit_record_pkey', ['chain_id', 'seq'])
      .execute();
    // The organization's log, newest first, a page at a time from the index.
    await sql`CREATE INDEX audit_record_organization ON audit_record (organization_id, at DESC, chain_id DESC, seq DESC)`.execute(
      db,
    );
    // A patient's trail: the records naming the patient, then sorted; a trail is short next to the log.
    await sql`CREATE INDEX audit_record_patients ON audit_record USING gin (patient_ids)`.execute(db);
  },
};

/** The audit log's migrations, kept apart from the service's (see `migrateAuditLog`). */
export const auditMigrations: Record<string, Migration> = {
  [AUDIT_MIGRATION_NAME]: auditMigration,
  [AUDIT_PENDING_MIGRATION_NAME]: auditPendingMigration,
};

/**
 * Creates (or updates) the audit table in the database's schema. Its history is its own table
 * (`audit_migration`), not the service's: Kysely refuses a migration whose name sorts before one
 * already applied, so an audit migration in the service's list would block every store migration
 * added after it, and each service would have to remember to list it. Kysely's migration lock is
 * one advisory lock for the whole database, so replicas starting together are safe here too.
 */
export async function migrateAuditLog(database: Database<unknown>, logger?: Logger): Promise<void> {
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: () => Promise.resolve(auditMigrations) },
    migrationTableSchema: database.schema,
    migrationTableName: 'audit_migration',
    migrationLockTableName: 'audit_migration_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  for (const result of results ?? []) {
    logger?.info('db.migration', { schema: database.schema, migration: result.migrationName, status: result.status });
  }
  if (error !== undefined) throw error instanceof Error ? error : new Error('audit migration failed');
}

export interface PostgresAuditLogOptions {
  /** The service's database; `open` migrates the audit table into its schema. */
  database: Database<unknown>;
  /** The service writing the log: patient, clinical or ehr. */
  service: string;
  /** The HMAC key (AUDIT_HMAC_KEY). */
  key: string;
  logger?: Logger;
  /** Records in one INSERT at most (default 500; 14 parameters each, far below PostgreSQL's 65535). */
  maxBatch?: number;
  /** How often to chain the pending records of any replica (default 5 s); this process's own are chained at once. */
  pendingIntervalMs?: number;
  now?: () => Date;
}

interface Queued {
  chainId: string;
  record: AuditRecord;
  /** Appended by a request that waits for it (`settled`); a pending record's request does not. */
  settles: boolean;
}

/**
 * `at` as the record hashed it (ISO 8601, milliseconds, Z), whatever the session's time zone and
 * the pool's type parsers. Selected under another name: ORDER BY `at` must stay the column (and
 * its index), not this text.
 */
const AT_ISO = sql<string>`to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** What a record is rebuilt from (`recordOf`), in queries and in verification alike. */
const RECORD_COLUMNS = [
  'chain_id',
  'seq',
  AT_ISO.as('at_iso'),
  'service',
  'organization_id',
  'actor',
  'action',
  'outcome',
  'patient_ids',
  'patient_count',
  'request_id',
  'detail',
  'prev_hash',
  'hash',
] as const;

export class PostgresAuditLog implements AuditSink {
  private readonly db: Kysely<AuditTable & AuditPendingTable>;
  /** The schema of the audit tables, which a change's transaction names when it writes there. */
  readonly schema: string;
  private readonly service: string;
  private readonly key: string;
  private readonly logger: Logger | undefined;
  private readonly maxBatch: number;
  private readonly now: () => Date;
  private readonly settlement = new RequestSettlement();
  private readonly sweep: NodeJS.Timeout;
  private chainId = '';
  private lastSeq = 0;
  private lastHash = AUDIT_GENESIS;
  private queue: Queued[] = [];
  private writing: Promise<void> | null = null;
  private scheduled = false;
  /** Committed records may be pending: the writer's next turn chains them. */
  private pendingHint = false;
  private closed = false;

  /** Migrates the audit tables, starts this process's chain and chains what a predecessor left pending. */
  static async open(options: PostgresAuditLogOptions): Promise<PostgresAuditLog> {
    await migrateAuditLog(options.database, options.logger);
    const log = new PostgresAuditLog(options);
    await log.asWriter(() => log.chainPending(false));
    return log;
  }

  private constructor(options: PostgresAuditLogOptions) {
    this.db = options.database.db as Kysely<AuditTable & AuditPendingTable>;
    this.schema = options.database.schema;
    this.service = options.service;
    this.key = options.key;
    this.logger = options.logger;
    this.maxBatch = options.maxBatch ?? 500;
    this.now = options.now ?? (() => new Date());
    this.startChain();
    this.sweep = setInterval(() => this.committed(), options.pendingIntervalMs ?? 5_000);
    this.sweep.unref();
  }

  /** This process's current chain. */
  get chain(): string {
    return this.chainId;
  }

  append(entry: AuditEntry): AuditRecord {
    // After close nothing would write it: refuse, so the request fails instead of answering.
    if (this.closed) throw new AuditWriteError();
    const record = this.next(entry, this.now().toISOString());
    this.queue.push({ chainId: this.chainId, record, settles: true });
    this.settlement.queued(record.requestId);
    this.schedule();
    return record;
  }

  /** Refused: a change's record is written within the change's transaction (`appendWithin`). */
  appendNow(entry: AuditEntry): never {
    const error = new AuditWriteError({
      cause: new Error('on PostgreSQL a change is recorded within its own transaction (writeAuditWithin)'),
    });
    this.settlement.fail(entry.requestId, error);
    throw error;
  }

  /**
   * Writes a change's record inside the change's transaction (`trx`, on this log's database), into
   * `audit_pending`: it commits or rolls back with the change, and is chained after the commit.
   * Throws `AuditWriteError` (and fails the request) when it cannot be written; the change's
   * transaction then rolls back.
   */
  async appendWithin<DB>(trx: Transaction<DB>, entry: AuditEntry): Promise<void> {
    try {
      if (this.closed) throw new Error('the audit log is closed');
      const tx = trx.withSchema(this.schema) as unknown as Kysely<AuditPendingTable>;
      await insertPending(tx, { ...entry, at: this.now().toISOString() });
    } catch (cause) {
      const error = new AuditWriteError({ cause });
      this.settlement.fail(entry.requestId, error);
      throw error;
    }
  }

  /** A change recorded with `appendWithin` committed: chain it now. */
  committed(): void {
    if (this.closed) return;
    this.pendingHint = true;
    this.schedule();
  }

  settled(requestId: string): Promise<void> {
    return this.settlement.settled(requestId);
  }

  async flush(): Promise<void> {
    while (this.writing !== null || this.queue.length > 0 || this.pendingHint) {
      if (this.writing === null) this.write();
      await this.writing;
    }
  }

  /** Writes what is queued (and chains what this process committed) and refuses further records; the pool is the caller's to close. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.sweep);
    await this.flush();
  }

  async query({ organizationId, patientId, first, after }: AuditQuery): Promise<AuditPage> {
    if (typeof after === 'number') {
      // A bare seq names a record of a one-chain log, not of this one.
      throw badUserInput([{ field: 'after', message: 'is not a cursor returned by this API' }]);
    }
    // Every committed change's record, chained first: a trail never misses a change it could see.
    if (!(await this.asWriter(() => this.chainPending(true)))) throw new AuditWriteError();
    let query = this.db.selectFrom('audit_record').select(RECORD_COLUMNS).where('organization_id', '=', organizationId);
    if (patientId !== undefined) query = query.where(sql<boolean>`patient_ids @> ARRAY[${patientId}]::text[]`);
    if (after !== undefined) {
      query = query.where(sql<boolean>`(at, chain_id, seq) < (${after.at}::timestamptz, ${after.chain}, ${after.seq})`);
    }
    const rows = await query
      .orderBy('at', 'desc')
      .orderBy('chain_id', 'desc')
      .orderBy('seq', 'desc')
      .limit(first + 1)
      .execute();
    const page = rows.slice(0, first);
    const last = page.at(-1);
    return {
      records: page.map(recordOf),
      hasMore: rows.length > first,
      end: last ? { at: last.at_iso, chain: last.chain_id, seq: Number(last.seq) } : null,
    };
  }

  private startChain(): void {
    this.chainId = randomUUID();
    this.lastSeq = 0;
    this.lastHash = AUDIT_GENESIS;
  }

  /** The next record of this process's chain, which becomes the chain's head. */
  private next(entry: AuditEntry, at: string): AuditRecord {
    const record = chainRecord(entry, {
      service: this.service,
      key: this.key,
      seq: this.lastSeq + 1,
      prevHash: this.lastHash,
      at,
    });
    this.lastSeq = record.seq;
    this.lastHash = record.hash;
    return record;
  }

  private schedule(): void {
    if (this.writing !== null) return; // the writer takes what is queued when its INSERT is done
    if (this.queue.length >= this.maxBatch) {
      this.write();
      return;
    }
    if (this.scheduled) return;
    this.scheduled = true;
    // A tick's records (a list's entities, concurrent requests) go out together.
    setImmediate(() => {
      this.scheduled = false;
      if (this.writing === null && (this.queue.length > 0 || this.pendingHint)) this.write();
    });
  }

  private write(): void {
    void this.asWriter(() => this.writeQueued());
  }

  /**
   * Runs `task` as the one writer of this chain: after the write under way, before the next. Only
   * the writer moves the chain's head into the database, so records go out in `seq` order.
   */
  private async asWriter<T>(task: () => Promise<T>): Promise<T> {
    while (this.writing !== null) await this.writing;
    const run = task();
    this.writing = run.then(
      () => undefined,
      () => undefined,
    );
    try {
      return await run;
    } finally {
      this.writing = null;
      if (this.queue.length > 0 || (this.pendingHint && !this.closed)) this.schedule();
    }
  }

  private async writeQueued(): Promise<void> {
    while (this.queue.length > 0 || this.pendingHint) {
      if (this.pendingHint) {
        this.pendingHint = false;
        await this.chainPending(false);
        continue;
      }
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        await this.db.insertInto('audit_record').values(batch.map(rowOf)).execute();
        this.written(batch);
      } catch (cause) {
        this.failed(batch, cause);
      }
    }
  }

  /**
   * Chains pending records (at most `maxBatch` per transaction, until none is left) after
   * everything queued so far, all inserted in the transaction that deletes them from
   * `audit_pending`. With `wait`, waits for records another replica is chaining (a reader's
   * consistent view); otherwise skips them. False when a transaction failed.
   */
  private async chainPending(wait: boolean): Promise<boolean> {
    for (;;) {
      // Set once records are taken from the queue: from then on a failure fails them.
      let taken: Queued[] | undefined;
      let claimed: number;
      try {
        claimed = await this.db.transaction().execute(async (trx) => {
          const pending = await claimPending(trx, this.maxBatch, wait);
          // From here to the INSERT nothing awaits: what is queued already chains before the
          // pending records, whatever is appended after chains after them.
          const batch = this.queue.splice(0);
          taken = batch;
          for (const { at, ...entry } of pending) {
            batch.push({ chainId: this.chainId, record: this.next(entry, at), settles: false });
          }
          for (let i = 0; i < batch.length; i += this.maxBatch) {
            await trx
              .insertInto('audit_record')
              .values(batch.slice(i, i + this.maxBatch).map(rowOf))
              .execute();
          }
          return pending.length;
        });
      } catch (cause) {
        // Before anything was taken from the queue, the chain is as it was.
        if (taken === undefined) this.logger?.error('audit.pending_failed', { code: errorCode(cause) });
        else this.failed(taken, cause);
        return false;
      }
      if (taken !== undefined) this.written(taken);
      if (claimed < this.maxBatch) return true;
    }
  }

  private written(batch: readonly Queued[]): void {
    for (const { record, settles } of batch) if (settles) this.settlement.done(record.requestId);
  }

  /**
   * A batch that may or may not have been written: everything queued behind it chains onto it, so
   * it fails with it, and the next record starts a new chain. (Pending records in it are still
   * pending when its transaction rolled back, and are chained again later.)
   */
  private failed(batch: readonly Queued[], cause: unknown): void {
    const failed = [...batch, ...this.queue.splice(0)];
    const chain = this.chainId;
    this.startChain();
    const error = new AuditWriteError({ cause });
    for (const { record, settles } of failed) if (settles) this.settlement.done(record.requestId, error);
    this.logger?.error('audit.batch_failed', { code: errorCode(cause), records: failed.length, chain });
  }
}

/**
 * Writes a change's audit record inside the change's own transaction (`trx`): what each store on
 * PostgreSQL calls in an audited change, so that the record commits with the change and its outbox
 * event, or neither does. `changed` are the patients the store created or changed (see
 * `ChangeAudit.entry`). With a sink not on PostgreSQL (an in-memory log under a PostgreSQL store,
 * in tests) the record is written at once instead, before the commit.
 */
export async function writeAuditWithin<DB>(
  trx: Transaction<DB>,
  change: ChangeAudit | undefined,
  changed: readonly string[],
): Promise<void> {
  if (change === undefined) return;
  if (!(change.sink instanceof PostgresAuditLog)) {
    change.writeNow(changed);
    return;
  }
  await change.sink.appendWithin(trx, change.entry(changed));
  change.markWritten();
}

function rowOf({ chainId, record }: Queued): AuditTable['audit_record'] {
  return {
    chain_id: chainId,
    seq: record.seq,
    at: record.at,
    service: record.service,
    organization_id: record.organizationId,
    actor: JSON.stringify(record.actor) as unknown as AuditActor,
    action: record.action,
    outcome: record.outcome,
    patient_ids: record.patientIds,
    patient_count: record.patientCount,
    request_id: record.requestId,
    detail: record.detail ?? null,
    prev_hash: record.prevHash,
    hash: record.hash,
  };
}

/** A row as the record that was hashed: read without the pool's type parsers, so numbers are converted here. */
function recordOf(row: Omit<AuditTable['audit_record'], 'at'> & { at_iso: string }): AuditRecord {
  return {
    seq: Number(row.seq),
    at: row.at_iso,
    service: row.service,
    organizationId: row.organization_id,
    actor: row.actor,
    action: row.action,
    outcome: row.outcome,
    patientIds: row.patient_ids,
    patientCount: Number(row.patient_count),
    requestId: row.request_id,
    ...(row.detail === null ? {} : { detail: row.detail }),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export interface AuditChainResult {
  chain: string;
  /** When its first record was written. */
  startedAt: string;
  result: AuditVerifyResult;
}

/**
 * Verifies every chain of a service's audit table, each on its own, oldest chain first, reading
 * a page of records at a time. Opens its own connection and changes nothing (no migrations).
 */
export async function verifyAuditDatabase(options: {
  url: string;
  schema: string;
  key: string;
  pageSize?: number;
}): Promise<AuditChainResult[]> {
  const db = new Kysely<AuditTable>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: options.url, max: 1 }) }),
  }).withSchema(options.schema);
  const pageSize = options.pageSize ?? 1000;
  try {
    const chains = await db
      .selectFrom('audit_record')
      .select([
        'chain_id',
        sql<string>`to_char(min(at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`.as('started_at'),
      ])
      .groupBy('chain_id')
      .orderBy(sql`min(at)`)
      .orderBy('chain_id')
      .execute();
    const results: AuditChainResult[] = [];
    for (const { chain_id: chain, started_at: startedAt } of chains) {
      const verifier = new AuditChainVerifier(options.key);
      let after = 0;
      for (;;) {
        const rows = await db
          .selectFrom('audit_record')
          .select(RECORD_COLUMNS)
          .where('chain_id', '=', chain)
          .where('seq', '>', after)
          .orderBy('seq')
          .limit(pageSize)
          .execute();
        for (const row of rows) if (verifier.next(recordOf(row))) break;
        const last = rows.at(-1);
        if (rows.length < pageSize || last === undefined || !verifier.result().ok) break;
        after = Number(last.seq);
      }
      results.push({ chain, startedAt, result: verifier.result() });
    }
    return results;
  } finally {
    await db.destroy();
  }
}

export interface OpenedAuditLog {
  audit: AuditSink;
  /** Writes what is queued and closes the audit log's pool (a function, to be passed as `onClosed`). */
  close: () => Promise<void>;
}

/**
 * The audit log a service's configuration asks for: on PostgreSQL in the service's schema when a
 * database is configured (its own small pool, so audit writes never queue behind the stores'
 * queries), else in memory, continuing AUDIT_LOG_PATH when set.
 */
export async function openAuditLog(
  service: string,
  config: { audit: AuditConfig; database: { url: string; schema: string } | null },
  options: { logger?: Logger; poolSize?: number } = {},
): Promise<OpenedAuditLog> {
  if (config.database === null) {
    const audit = new InMemoryAuditLog({ service, key: config.audit.hmacKey, filePath: config.audit.logPath });
    return { audit, close: () => Promise.resolve() };
  }
  const database = await openDatabase<unknown>({
    ...config.database,
    poolSize: options.poolSize ?? 4,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  try {
    const audit = await PostgresAuditLog.open({
      database,
      service,
      key: config.audit.hmacKey,
      ...(options.logger ? { logger: options.logger } : {}),
    });
    return {
      audit,
      close: async () => {
        try {
          await audit.close();
        } finally {
          await database.close();
        }
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/**
 * `subgraphRuntime` (logger, token verifier, audit log) with the audit log on PostgreSQL when
 * DATABASE_URL is set: what each subgraph's `src/index.ts` opens, and closes (`close`) last.
 * `config.database` when the service reads it already, else DATABASE_URL from `env`.
 */
export async function openSubgraphRuntime(
  service: string,
  config: SubgraphRuntimeConfig & { audit: AuditConfig; database?: { url: string; schema: string } | null },
  env: Env = process.env,
): Promise<ReturnType<typeof subgraphServices> & OpenedAuditLog> {
  const runtime = subgraphServices(service, config);
  const database = config.database === undefined ? readDatabaseConfig(service, env) : config.database;
  const opened = await openAuditLog(service, { audit: config.audit, database }, { logger: runtime.logger });
  return { ...runtime, ...opened };
}
