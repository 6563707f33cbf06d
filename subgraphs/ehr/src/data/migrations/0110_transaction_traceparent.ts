import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Each transaction's W3C `traceparent` (the change or staff request that queued it), so the
 * worker's request to the EHR joins that trace. Null for transactions queued before, or with
 * tracing off: they are sent in a trace of their own.
 */
export const transactionTraceparent: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`ALTER TABLE ehr_transaction ADD COLUMN traceparent text`.execute(db);
  },
};
