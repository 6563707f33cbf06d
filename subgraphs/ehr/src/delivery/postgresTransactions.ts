import { randomUUID } from 'node:crypto';
import { isUniqueViolation, writeAuditWithin } from '@carebridge/db';
import { silentLogger, type ChangeAudit, type Logger } from '@carebridge/common';
import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { PoolClient } from 'pg';
import type { EhrTransactionStatus, EhrTransactionTrigger } from '../__generated__/schema-types';
import type { CanonicalRecord, EhrTransactionRecord } from '../data/records';
import type { EhrDatabase, EhrTables } from '../data/database';
import {
  patientsOf,
  type ActivityQuery,
  type DeliveryActivity,
  type ClaimedTransaction,
  type ClaimOptions,
  type Completion,
  type CreatesPatient,
  type EventChange,
  type QueueStats,
  type TransactionStore,
} from './transactions';

type Row = Selectable<EhrTables['ehr_transaction']>;

/** The advisory-lock class of "a patient's transactions are being added" (two-key form). */
const PATIENT_LOCK = 1100;
/** Rows per INSERT: 21 columns each stay far below PostgreSQL's 65,535 parameters. */
const INSERT_CHUNK = 1_000;
const OPEN = sql`('PENDING', 'FAILED')`;
/**
 * Of an open row `t`: it heads its lane (no older open row of the lane, claimed or not), and no older
 * open request of its patient to a creating endpoint is pending.
 */
const SENDABLE = sql`
  NOT EXISTS (
    SELECT 1 FROM ehr_transaction o
    WHERE o.status IN ${OPEN} AND o.ehr_system_id = t.ehr_system_id AND o.patient_id = t.patient_id
      AND o.endpoint = t.endpoint AND o.seq < t.seq)
  AND NOT EXISTS (
    SELECT 1 FROM ehr_transaction c
    WHERE c.status IN ${OPEN} AND c.creates_patient AND c.ehr_system_id = t.ehr_system_id
      AND c.patient_id = t.patient_id AND c.seq < t.seq)`;

/**
 * The transaction store and delivery queue on PostgreSQL, shared by every replica.
 *
 * Lane order: a lane's head is its open transaction with the lowest `seq`. Transactions of one
 * patient are added under an advisory lock on the patient, so their `seq` order is their commit
 * order and a claimer never sees a later transaction of a lane without the earlier ones.
 * Claims take rows `FOR UPDATE SKIP LOCKED` and stamp a lease (`claimed_by`, `locked_until`); the
 * head rule counts a claimed head as open, so no two of one lane are ever out at once, and a crashed
 * replica's claims become claimable again when their lease ends. Inserts `NOTIFY`, so an idle worker
 * of any replica wakes at once.
 */
export class PostgresTransactionStore implements TransactionStore {
  private readonly db: Kysely<EhrTables>;
  private readonly me = randomUUID();
  private readonly channel: string;
  private readonly listeners = new Set<() => void>();
  /** This replica's claims: id → EHR system, and how many per system (the per-system limit). */
  private readonly claims = new Map<string, string>();
  private readonly claimedBySystem = new Map<string, number>();
  private readonly logger: Logger;
  private listening: PoolClient | undefined;
  private listenStarting: Promise<void> | undefined;
  private relistenTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly database: EhrDatabase,
    private readonly options: { createsPatient: CreatesPatient; logger?: Logger },
  ) {
    this.db = database.db;
    this.channel = `${database.schema}_delivery`;
    this.logger = options.logger ?? silentLogger;
  }

  async add(...transactions: EhrTransactionRecord[]): Promise<void> {
    if (transactions.length === 0) return;
    await this.addIn(transactions, undefined);
  }

  addWithAudit(transactions: readonly EhrTransactionRecord[], audit: ChangeAudit): Promise<void> {
    return this.addIn(transactions, audit);
  }

  /** The transactions, and the audit record when given, in one database transaction. */
  private async addIn(transactions: readonly EhrTransactionRecord[], audit: ChangeAudit | undefined): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await this.lockPatients(trx, patientsOf(transactions));
      await this.insert(trx, transactions);
      await writeAuditWithin(trx, audit, patientsOf(transactions));
      if (transactions.length > 0) await this.notifyAll(trx);
    });
    if (transactions.length > 0) this.notifyLocal();
  }

  async unseenEvents(eventIds: readonly string[]): Promise<Set<string>> {
    if (eventIds.length === 0) return new Set();
    const seen = await this.db
      .selectFrom('processed_event')
      .select('event_id')
      .where('event_id', 'in', [...new Set(eventIds)])
      .execute();
    const known = new Set(seen.map((r) => r.event_id));
    return new Set(eventIds.filter((id) => !known.has(id)));
  }

  async recordEvents(changes: readonly EventChange[]): Promise<Set<string>> {
    if (changes.length === 0) return new Set();
    let added = 0;
    const applied = await this.db.transaction().execute(async (trx) => {
      await this.lockPatients(
        trx,
        changes.flatMap((c) => [...c.add.map((t) => t.patientId), ...(c.cancel ? [c.cancel.patientId] : [])]),
      );
      // The event ids go in first: a replica applying the same events waits on them, then adds nothing.
      const ids = [...new Set(changes.map((c) => c.eventId))];
      const inserted = await trx
        .insertInto('processed_event')
        .values(ids.map((event_id) => ({ event_id })))
        .onConflict((oc) => oc.column('event_id').doNothing())
        .returning('event_id')
        .execute();
      const fresh = new Set(inserted.map((r) => r.event_id));
      const taken = new Set<string>();
      const rows: EhrTransactionRecord[] = [];
      for (const change of changes) {
        if (!fresh.has(change.eventId) || taken.has(change.eventId)) continue;
        taken.add(change.eventId);
        rows.push(...change.add);
      }
      await this.insert(trx, rows);
      for (const change of changes) {
        if (change.cancel && fresh.has(change.eventId)) {
          await this.cancelIn(trx, change.cancel.patientId, change.cancel.reason, change.cancel.at);
          // The deleted patient's data goes; the transactions' metadata stays (see `EventChange.cancel`).
          await trx
            .updateTable('ehr_transaction')
            .set({ payload: JSON.stringify({}), source: JSON.stringify(null) })
            .where('patient_id', '=', change.cancel.patientId)
            .execute();
        }
      }
      if (rows.length > 0) await this.notifyAll(trx);
      added = rows.length;
      return fresh;
    });
    if (added > 0) this.notifyLocal();
    return applied;
  }

  async get(id: string): Promise<EhrTransactionRecord | undefined> {
    const row = await this.db.selectFrom('ehr_transaction').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toRecord(row);
  }

  async save(transaction: EhrTransactionRecord): Promise<void> {
    // The lane's creating flag was fixed when the transaction was added.
    const { id, creates_patient: _creates, ...rest } = toRow(transaction, false);
    const result = await this.db.updateTable('ehr_transaction').set(rest).where('id', '=', id).executeTakeFirst();
    if (result.numUpdatedRows === 0n) await this.add(transaction);
    else this.notifyLocal();
  }

  cancelOpen(patientId: string, reason: string, at: string): Promise<number> {
    return this.cancelIn(this.db, patientId, reason, at);
  }

  async byPatient(patientId: string): Promise<EhrTransactionRecord[]> {
    return (await this.newestOfPatient(patientId).execute()).map(toRecord);
  }

  async latestOfPatient(patientId: string): Promise<EhrTransactionRecord | undefined> {
    const row = await this.newestOfPatient(patientId).limit(1).executeTakeFirst();
    return row && toRecord(row);
  }

  /** A patient's transactions, newest first (the patient index's order). */
  private newestOfPatient(patientId: string) {
    return this.db
      .selectFrom('ehr_transaction')
      .selectAll()
      .where('patient_id', '=', patientId)
      .orderBy('created_at', 'desc')
      .orderBy('seq', 'desc');
  }

  async replayedBy(id: string): Promise<EhrTransactionRecord | undefined> {
    const row = await this.db.selectFrom('ehr_transaction').selectAll().where('replay_of', '=', id).executeTakeFirst();
    return row && toRecord(row);
  }

  async list(
    organizationId: string,
    filter: { status?: EhrTransactionStatus | null; patientId?: string | null },
  ): Promise<EhrTransactionRecord[]> {
    let query = this.db.selectFrom('ehr_transaction').selectAll().where('organization_id', '=', organizationId);
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.patientId) query = query.where('patient_id', '=', filter.patientId);
    const rows = await query.orderBy('created_at', 'desc').orderBy('seq', 'desc').execute();
    return rows.map(toRecord);
  }

  async open(): Promise<EhrTransactionRecord[]> {
    const rows = await this.db
      .selectFrom('ehr_transaction')
      .selectAll()
      .where('status', 'in', ['PENDING', 'FAILED'])
      .orderBy('seq')
      .execute();
    return rows.map(toRecord);
  }

  async activity(query: ActivityQuery): Promise<DeliveryActivity> {
    // Two index range scans (0103_alerts): the rows changed since `since`, and the open rows.
    const system = query.ehrSystemId === null ? sql`true` : sql`ehr_system_id = ${query.ehrSystemId}`;
    const { rows } = await sql<{
      dead: string;
      attempted: string;
      failed: string;
      delivered: string;
      oldest: string | null;
    }>`
      SELECT
        count(*) FILTER (WHERE status = 'DEAD') AS dead,
        count(*) FILTER (WHERE attempts > 0) AS attempted,
        count(*) FILTER (WHERE attempts > 0 AND status IN ('FAILED', 'DEAD')) AS failed,
        count(*) FILTER (WHERE status = 'DELIVERED' AND delivered_at >= ${query.since}) AS delivered,
        (SELECT min(created_at) FROM ehr_transaction
          WHERE organization_id = ${query.organizationId} AND status IN ${OPEN} AND ${system}) AS oldest
      FROM ehr_transaction
      WHERE organization_id = ${query.organizationId} AND updated_at >= ${query.since} AND ${system}`.execute(this.db);
    const row = rows[0]!;
    return {
      dead: Number(row.dead),
      attempted: Number(row.attempted),
      failed: Number(row.failed),
      delivered: Number(row.delivered),
      oldestOpenCreatedAt: row.oldest,
    };
  }

  async counts(): Promise<Record<EhrTransactionStatus, number>> {
    const rows = await this.db
      .selectFrom('ehr_transaction')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute();
    const counts: Record<EhrTransactionStatus, number> = { PENDING: 0, FAILED: 0, DELIVERED: 0, DEAD: 0 };
    for (const { status, n } of rows) counts[status as EhrTransactionStatus] = Number(n);
    return counts;
  }

  async stats(): Promise<QueueStats[]> {
    const rows = await this.db
      .selectFrom('ehr_transaction')
      .select([
        'ehr_system_id',
        'status',
        (eb) => eb.fn.countAll<number>().as('n'),
        (eb) => eb.fn.min('created_at').as('oldest'),
      ])
      .groupBy(['ehr_system_id', 'status'])
      .execute();
    return rows.map((row) => ({
      ehrSystemId: row.ehr_system_id,
      status: row.status as EhrTransactionStatus,
      count: Number(row.n),
      oldestCreatedAt: new Date(row.oldest as string | Date).toISOString(),
    }));
  }

  async ehrPatientId(ehrSystemId: string, patientId: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('ehr_patient')
      .select('ehr_patient_id')
      .where('ehr_system_id', '=', ehrSystemId)
      .where('patient_id', '=', patientId)
      .executeTakeFirst();
    return row?.ehr_patient_id ?? null;
  }

  async setEhrPatientId(ehrSystemId: string, patientId: string, ehrPatientId: string): Promise<void> {
    await this.db
      .insertInto('ehr_patient')
      .values({ ehr_system_id: ehrSystemId, patient_id: patientId, ehr_patient_id: ehrPatientId })
      .onConflict((oc) => oc.columns(['ehr_system_id', 'patient_id']).doUpdateSet({ ehr_patient_id: ehrPatientId }))
      .execute();
  }

  async claim(options: ClaimOptions): Promise<ClaimedTransaction[]> {
    const full: string[] = [];
    const budgets: Record<string, number> = {};
    for (const [system, count] of this.claimedBySystem) {
      budgets[system] = Math.max(0, options.perSystemLimit - count);
      if (budgets[system] === 0) full.push(system);
    }
    if (options.limit <= 0) return [];
    const now = new Date(options.now);
    const until = new Date(options.now + options.leaseMs);
    // Candidates are rows no claim holds, heading their lane, after no open creating request of their
    // patient; SKIP LOCKED leaves rows another replica is claiming right now to it. The ranking then
    // trims each EHR system to what this replica may still have in flight for it.
    const { rows } = await sql<Row & { known_ehr_patient_id: string | null }>`
      WITH candidate AS (
        SELECT t.seq, t.ehr_system_id FROM ehr_transaction t
        WHERE t.status IN ${OPEN}
          AND (t.next_attempt_at IS NULL OR t.next_attempt_at <= ${now})
          AND (t.locked_until IS NULL OR t.locked_until <= ${now})
          AND NOT (t.ehr_system_id = ANY(${full}::text[]))
          AND ${SENDABLE}
        ORDER BY t.seq
        LIMIT ${options.limit}
        FOR UPDATE OF t SKIP LOCKED
      ), ranked AS (
        SELECT seq, ehr_system_id, row_number() OVER (PARTITION BY ehr_system_id ORDER BY seq) AS rank FROM candidate
      )
      UPDATE ehr_transaction t SET claimed_by = ${this.me}, locked_until = ${until}
      FROM ranked r
      WHERE t.seq = r.seq
        AND r.rank <= coalesce((${JSON.stringify(budgets)}::jsonb ->> r.ehr_system_id)::int, ${options.perSystemLimit})
      RETURNING t.*, (
        SELECT p.ehr_patient_id FROM ehr_patient p
        WHERE p.ehr_system_id = t.ehr_system_id AND p.patient_id = t.patient_id
      ) AS known_ehr_patient_id
    `.execute(this.db);
    rows.sort((a, b) => a.seq - b.seq);
    for (const row of rows) {
      this.claims.set(row.id, row.ehr_system_id);
      this.claimedBySystem.set(row.ehr_system_id, (this.claimedBySystem.get(row.ehr_system_id) ?? 0) + 1);
    }
    return rows.map((row) => ({ transaction: toRecord(row), ehrPatientId: row.known_ehr_patient_id }));
  }

  async complete(id: string, completion: Completion): Promise<boolean> {
    const learned = completion.learnedEhrPatientId ?? null;
    try {
      // One statement: the outcome and the EHR's patient id it taught are recorded together, and only
      // while this store still holds the claim on a transaction that is still open.
      const { rows } = await sql<{ ehr_system_id: string }>`
        WITH done AS (
          UPDATE ehr_transaction SET
            status = ${completion.status}, attempts = ${completion.attempts}, last_error = ${completion.lastError},
            next_attempt_at = ${completion.nextAttemptAt}, delivered_at = ${completion.deliveredAt},
            ehr_patient_id = ${completion.ehrPatientId}, updated_at = ${completion.updatedAt},
            claimed_by = NULL, locked_until = NULL
          WHERE id = ${id} AND claimed_by = ${this.me} AND status IN ${OPEN}
          RETURNING ehr_system_id, patient_id
        ), learnt AS (
          INSERT INTO ehr_patient (ehr_system_id, patient_id, ehr_patient_id)
          SELECT ehr_system_id, patient_id, ${learned}::text FROM done WHERE ${learned}::text IS NOT NULL
          ON CONFLICT (ehr_system_id, patient_id) DO UPDATE SET ehr_patient_id = excluded.ehr_patient_id
        )
        SELECT ehr_system_id FROM done
      `.execute(this.db);
      return rows.length > 0;
    } finally {
      this.releaseLocal(id);
    }
  }

  async nextDueAt(): Promise<number | null> {
    const { rows } = await sql<{ next: number | null }>`
      SELECT (extract(epoch FROM min(greatest(
        coalesce(t.next_attempt_at, to_timestamp(0)), coalesce(t.locked_until, to_timestamp(0))
      ))) * 1000)::float8 AS next
      FROM ehr_transaction t
      WHERE t.status IN ${OPEN}
        AND ${SENDABLE}
    `.execute(this.db);
    return rows[0]?.next ?? null;
  }

  onWork(listener: () => void): () => void {
    this.listeners.add(listener);
    if (!this.listening && !this.listenStarting) this.listenStarting = this.listen();
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
    clearTimeout(this.relistenTimer);
    await this.listenStarting;
    const client = this.listening;
    this.listening = undefined;
    if (client) {
      await client.query(`UNLISTEN "${this.channel}"`).catch(() => undefined);
      client.release();
    }
  }

  private async listen(): Promise<void> {
    try {
      const client = await this.database.pool.connect();
      client.on('notification', () => this.notifyLocal());
      client.on('error', (error) => {
        this.logger.warn('delivery.listen_failed', { error: error.name });
        if (this.listening === client) this.listening = undefined;
        client.release(error);
        this.relisten();
      });
      await client.query(`LISTEN "${this.channel}"`);
      this.listening = client;
      if (this.closed) await this.close();
    } catch (error) {
      this.logger.warn('delivery.listen_failed', { error: error instanceof Error ? error.name : 'unknown' });
      this.relisten();
    } finally {
      this.listenStarting = undefined;
    }
  }

  /** Without LISTEN the worker still finds work by its safety poll; try again shortly. */
  private relisten(): void {
    if (this.closed) return;
    clearTimeout(this.relistenTimer);
    this.relistenTimer = setTimeout(() => {
      if (!this.listening && !this.listenStarting && !this.closed) this.listenStarting = this.listen();
    }, 1_000);
    this.relistenTimer.unref();
  }

  private notifyLocal(): void {
    for (const listener of this.listeners) listener();
  }

  private async notifyAll(trx: Kysely<EhrTables>): Promise<void> {
    // Delivered at commit, to every replica listening (this one included).
    await sql`SELECT pg_notify(${this.channel}, '')`.execute(trx);
  }

  private async lockPatients(trx: Kysely<EhrTables>, patientIds: readonly string[]): Promise<void> {
    if (patientIds.length === 0) return;
    // Hash order, the same in every session, so two batches sharing patients cannot deadlock.
    await sql`
      SELECT pg_advisory_xact_lock(${PATIENT_LOCK}, h)
      FROM (SELECT DISTINCT hashtext(p) AS h FROM unnest(${[...new Set(patientIds)]}::text[]) AS p ORDER BY h) AS locks
    `.execute(trx);
  }

  private async insert(trx: Kysely<EhrTables>, transactions: readonly EhrTransactionRecord[]): Promise<void> {
    try {
      for (let i = 0; i < transactions.length; i += INSERT_CHUNK) {
        await trx
          .insertInto('ehr_transaction')
          .values(
            transactions
              .slice(i, i + INSERT_CHUNK)
              .map((t) => ({ ...toRow(t, this.options.createsPatient(t.ehrSystemId, t.endpoint)) })),
          )
          .execute();
      }
    } catch (error) {
      if (isUniqueViolation(error, 'ehr_transaction_replay_of_key')) {
        const replayOf = transactions.find((t) => t.replayOf !== null)?.replayOf ?? '';
        const earlier = await this.replayedBy(replayOf);
        throw new Error(`transaction ${replayOf} was already replayed as ${earlier?.id ?? 'another transaction'}`);
      }
      if (isUniqueViolation(error, 'ehr_transaction_id_key')) throw new Error('transaction already exists');
      throw error;
    }
  }

  private async cancelIn(db: Kysely<EhrTables>, patientId: string, reason: string, at: string): Promise<number> {
    const result = await db
      .updateTable('ehr_transaction')
      .set({ status: 'DEAD', last_error: reason, next_attempt_at: null, updated_at: at })
      .where('patient_id', '=', patientId)
      .where('status', 'in', ['PENDING', 'FAILED'])
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  private releaseLocal(id: string): void {
    const system = this.claims.get(id);
    if (system === undefined) return;
    this.claims.delete(id);
    this.claimedBySystem.set(system, (this.claimedBySystem.get(system) ?? 1) - 1);
  }
}

function toRow(t: EhrTransactionRecord, createsPatient: boolean): Insertable<EhrTables['ehr_transaction']> {
  return {
    id: t.id,
    organization_id: t.organizationId,
    patient_id: t.patientId,
    ehr_system_id: t.ehrSystemId,
    endpoint: t.endpoint,
    creates_patient: createsPatient,
    method: t.method,
    mapping_version: t.mappingVersion,
    status: t.status,
    trigger: t.trigger,
    attempts: t.attempts,
    next_attempt_at: t.nextAttemptAt,
    last_error: t.lastError,
    idempotency_key: t.idempotencyKey,
    ehr_patient_id: t.ehrPatientId,
    payload: JSON.stringify(t.payload),
    source: JSON.stringify(t.source),
    replay_of: t.replayOf,
    created_at: t.createdAt,
    updated_at: t.updatedAt,
    delivered_at: t.deliveredAt,
    traceparent: t.traceparent ?? null,
  };
}

function toRecord(row: Row): EhrTransactionRecord {
  return {
    id: row.id,
    organizationId: row.organization_id,
    patientId: row.patient_id,
    ehrSystemId: row.ehr_system_id,
    endpoint: row.endpoint,
    method: row.method as 'POST' | 'PUT',
    mappingVersion: row.mapping_version,
    status: row.status as EhrTransactionStatus,
    trigger: row.trigger as EhrTransactionTrigger,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    idempotencyKey: row.idempotency_key,
    ehrPatientId: row.ehr_patient_id,
    payload: row.payload as Record<string, unknown>,
    source: row.source as CanonicalRecord | null,
    replayOf: row.replay_of,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deliveredAt: row.delivered_at,
    ...(row.traceparent === null ? {} : { traceparent: row.traceparent }),
  };
}
