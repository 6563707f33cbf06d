import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The last rotation of each session (sessions.ts `PreviousSecret`): the secret it exchanged, when,
 * and its successor sealed with it, so that a concurrent refresh with that secret, within the grace
 * window, continues the session instead of ending it. Null until a session's first refresh.
 */
export const refreshGrace: Migration = {
  async up(db: Kysely<unknown>) {
    await sql
      .raw(
        `ALTER TABLE session
          ADD COLUMN previous_secret_hash text,
          ADD COLUMN rotated_at bigint,
          ADD COLUMN sealed_successor text`,
      )
      .execute(db);
  },
};
