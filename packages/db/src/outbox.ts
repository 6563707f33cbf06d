import { withTraceparent, type ChangeEvent, type Logger, type Outbox } from '@carebridge/common';
import { sql, type ColumnType, type Kysely, type Migration, type Transaction } from 'kysely';
import type pg from 'pg';
import type { Database } from './postgres';

/**
 * The transactional outbox on PostgreSQL. A store inserts a change's events with `appendToOutbox`
 * inside the transaction that makes the change, so both commit or neither does; the commit also
 * wakes the relay (NOTIFY is delivered at commit, to every replica listening).
 *
 * With several replicas, one relays at a time: `PostgresOutbox` answers pending events only while
 * its replica holds the outbox's advisory lock, on a connection of its own. If that replica dies,
 * its connection ends, the lock is free, and the next replica to look takes over. One relay keeps
 * events in order; an event is deleted only after the ehr subgraph accepted it, and the ehr
 * subgraph applies an event id once, so a relay that dies between the two sends nothing twice.
 *
 * Order: a patient's changes update the patient's row before appending their event, so a second
 * change of one patient waits for the first to commit and takes a later `seq`.
 */

export interface OutboxTable {
  outbox: {
    seq: Generated<number>;
    id: string;
    event: ChangeEvent;
    created_at: Generated<string>;
  };
}

type Generated<T> = ColumnType<T, T | undefined, T>;

/** The outbox table; add it to the service's migrations under this name. */
export const OUTBOX_MIGRATION_NAME = '0000_outbox';

export const outboxMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('outbox')
      .addColumn('seq', 'bigserial', (c) => c.primaryKey())
      .addColumn('id', 'text', (c) => c.notNull().unique())
      .addColumn('event', 'jsonb', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
  },
};

function channel(schema: string): string {
  return `${schema}_outbox`;
}

/** Records events in the caller's transaction (`tx`), and wakes the relays at commit. */
export async function appendToOutbox<DB extends OutboxTable>(
  transaction: Transaction<DB>,
  schema: string,
  events: readonly ChangeEvent[],
): Promise<void> {
  if (events.length === 0) return;
  const tx = outboxOnly(transaction);
  await tx
    .insertInto('outbox')
    // With the trace of the request that made the change (tracing on), in the event's JSON: rows
    // recorded before there was one simply have none.
    .values(
      events.map((event) => ({
        id: event.id,
        event: JSON.stringify(withTraceparent(event)) as unknown as ChangeEvent,
      })),
    )
    .execute();
  await sql`SELECT pg_notify(${channel(schema)}, '')`.execute(tx);
}

export interface PostgresOutboxOptions<DB extends OutboxTable> {
  /** The service's database, whose tables include the outbox. */
  database: Database<DB>;
  logger: Logger;
}

/**
 * A service's database seen as its outbox table alone. Kysely's types are invariant in the table
 * map, so `Kysely<PatientTables>` is not a `Kysely<OutboxTable>` although it holds that table:
 * the one cast, sound by the `DB extends OutboxTable` bound, stands here rather than in every store.
 */
function outboxOnly<DB extends OutboxTable>(db: Kysely<DB>): Kysely<OutboxTable> {
  return db as unknown as Kysely<OutboxTable>;
}

/**
 * The relay's view of the outbox (the async `Outbox` the relay reads): pending events, oldest
 * first, while this replica is the one relaying; nothing otherwise.
 */
export class PostgresOutbox<DB extends OutboxTable = OutboxTable> implements Outbox {
  private readonly database: Database<DB>;
  private readonly logger: Logger;
  private readonly lockKey: string;
  /** The connection that holds the advisory lock and listens; null until first needed. */
  private leader: pg.PoolClient | null = null;
  private acquiring: Promise<boolean> | null = null;
  private readonly listeners = new Set<() => void>();
  private closed = false;

  constructor(options: PostgresOutboxOptions<DB>) {
    this.database = options.database;
    this.logger = options.logger;
    this.lockKey = `carebridge:${options.database.schema}:outbox`;
  }

  async pending(limit: number): Promise<ChangeEvent[]> {
    if (!(await this.lead())) return [];
    const rows = await outboxOnly(this.database.db)
      .selectFrom('outbox')
      .select(['event'])
      .orderBy('seq')
      .limit(Math.max(0, limit))
      .execute();
    return rows.map((row) => row.event);
  }

  async markSent(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await outboxOnly(this.database.db).deleteFrom('outbox').where('id', 'in', ids).execute();
  }

  async size(): Promise<number> {
    const row = await outboxOnly(this.database.db)
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  /** Called when events are committed, by this replica or another. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Gives up the lead (another replica takes over) and stops listening. */
  async close(): Promise<void> {
    this.closed = true;
    const leader = this.leader;
    this.leader = null;
    if (leader) {
      try {
        await leader.query('SELECT pg_advisory_unlock(hashtext($1))', [this.lockKey]);
      } finally {
        leader.release();
      }
    }
  }

  /** True while this replica holds the lock; tries to take it when it does not. */
  private lead(): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    if (this.leader) return Promise.resolve(true);
    this.acquiring ??= this.tryLead().finally(() => {
      this.acquiring = null;
    });
    return this.acquiring;
  }

  private async tryLead(): Promise<boolean> {
    const client = await this.database.pool.connect();
    try {
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [
        this.lockKey,
      ]);
      if (!rows[0]?.locked) {
        client.release();
        return false;
      }
      await client.query(`LISTEN "${channel(this.database.schema)}"`);
    } catch (error) {
      client.release(error instanceof Error ? error : true);
      throw error;
    }
    client.on('notification', () => {
      for (const listener of this.listeners) listener();
    });
    // A broken lead connection loses the lock with it: drop it, and take the lead again later.
    client.on('error', () => {
      if (this.leader !== client) return;
      this.leader = null;
      client.release(true);
      this.logger.warn('outbox.lead_lost', { schema: this.database.schema });
    });
    this.leader = client;
    this.logger.info('outbox.lead', { schema: this.database.schema });
    return true;
  }
}
