import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Deleted patients (the patient subgraph's `patient.deleted`): a tombstone per patient, kept for
 * good (patient ids are never reused), while the patient's responses are deleted. A used intake
 * link stays used when the response it stored is erased, so its reference to the response becomes
 * null instead of blocking the erasure.
 */
export const deletedPatients: Migration = {
  async up(db: Kysely<unknown>) {
    const statements = [
      `CREATE TABLE deleted_patient (
        patient_id text PRIMARY KEY,
        organization_id text NOT NULL,
        deleted_at timestamptz NOT NULL
      )`,
      `ALTER TABLE used_intake_link ALTER COLUMN response_id DROP NOT NULL`,
      `ALTER TABLE used_intake_link DROP CONSTRAINT used_intake_link_response_id_fkey`,
      `ALTER TABLE used_intake_link ADD CONSTRAINT used_intake_link_response_id_fkey
        FOREIGN KEY (response_id) REFERENCES questionnaire_response (id) ON DELETE SET NULL`,
    ];
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};
