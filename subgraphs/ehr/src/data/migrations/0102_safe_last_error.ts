import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Transactions' `last_error` used to end with the EHR's own error text (`HTTP 422: <text>`), which
 * an EHR may fill with what it was sent. Only the status is kept; new errors are fixed summaries.
 */
export const safeLastError: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`UPDATE ehr_transaction SET last_error = regexp_replace(last_error, '(HTTP [0-9]{3}): .*$', '\\1')
      WHERE last_error ~ 'HTTP [0-9]{3}: '`.execute(db);
  },
};
