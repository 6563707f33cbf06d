import { sql, type Kysely, type Migration } from 'kysely';

/** What change events said of each patient, and which events the copies have applied. */
export const snapshots: Migration = {
  async up(db: Kysely<unknown>) {
    const statements = [
      `CREATE TABLE snapshot (
        patient_id text PRIMARY KEY,
        organization_id text NOT NULL,
        -- The demographics; NULL until a patient.upserted event arrives (answers can come first).
        patient jsonb,
        answers jsonb NOT NULL,
        primary_care_physician_id text,
        deleted boolean NOT NULL
      )`,
      // Bulk resend: an organization's live patients, optionally of one physician.
      `CREATE INDEX snapshot_live ON snapshot (organization_id, primary_care_physician_id)
        WHERE NOT deleted AND patient IS NOT NULL`,
      `CREATE TABLE snapshot_event (
        event_id text PRIMARY KEY,
        -- Whether the patient's demographics were known before the event: a redelivery is planned alike.
        had_record boolean NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`,
    ];
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};
