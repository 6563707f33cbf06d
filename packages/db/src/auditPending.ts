import type { AuditEntry } from '@carebridge/common';
import { sql, type ColumnType, type Kysely, type Migration, type QueryExecutorProvider } from 'kysely';

/**
 * The records of changes that are committed and not chained yet (`audit_pending`, in the
 * service's schema, next to `audit_record`). A change's transaction inserts its record here, so the
 * record commits with the change and its outbox event or rolls back with them; a chain writer
 * (`PostgresAuditLog`, in whichever replica) then moves it into its chain, deleting it here and
 * inserting it chained in one transaction, so each record is chained exactly once. The chains
 * themselves stay gapless: a rolled-back change never took a `seq`.
 */

/** A change's record as its transaction wrote it: the entry and the record's time. */
export interface PendingAuditEntry extends AuditEntry {
  /** ISO 8601 instant, as the chained record will carry it. */
  at: string;
}

export interface AuditPendingTable {
  audit_pending: {
    id: ColumnType<number, never, never>;
    entry: ColumnType<PendingAuditEntry, string, never>;
  };
}

/** The pending table's migration, in the audit log's own migration history (after `0900_audit`). */
export const AUDIT_PENDING_MIGRATION_NAME = '0901_audit_pending';

export const auditPendingMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('audit_pending')
      // Commit order is close enough to id order; the chain order is the order of claiming.
      .addColumn('id', 'bigserial', (c) => c.primaryKey())
      .addColumn('entry', 'jsonb', (c) => c.notNull())
      .execute();
  },
};

/** Inserts a change's record in the change's transaction (`trx`, qualified with the audit schema). */
export async function insertPending(trx: Kysely<AuditPendingTable>, entry: PendingAuditEntry): Promise<void> {
  await trx
    .insertInto('audit_pending')
    .values({ entry: JSON.stringify(entry) })
    .execute();
}

/**
 * Takes up to `limit` pending records, oldest first, deleting them in `trx`: they are gone once it
 * commits (chained by then), and back when it rolls back. `wait` waits for records another writer
 * is taking right now (so a reader then finds them chained); otherwise those are skipped.
 */
export async function claimPending(
  trx: QueryExecutorProvider,
  limit: number,
  wait: boolean,
): Promise<PendingAuditEntry[]> {
  const lock = wait ? sql`FOR UPDATE` : sql`FOR UPDATE SKIP LOCKED`;
  const { rows } = await sql<{ id: number; entry: PendingAuditEntry }>`
    DELETE FROM audit_pending WHERE id IN (SELECT id FROM audit_pending ORDER BY id LIMIT ${limit} ${lock})
    RETURNING id, entry
  `.execute(trx);
  return rows.sort((a, b) => Number(a.id) - Number(b.id)).map((row) => row.entry);
}
