import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Short intake links (intakeLinks.ts): the SHA-256 of the id in the URL, never the id itself, with
 * the patient, organization and questionnaire it opens and when it expires. Ids only, no PHI.
 */
export const intakeLinks: Migration = {
  async up(db: Kysely<unknown>) {
    const statements = [
      `CREATE TABLE intake_link (
        id_hash text PRIMARY KEY,
        link_id text NOT NULL UNIQUE,
        patient_id text NOT NULL,
        organization_id text NOT NULL,
        questionnaire_id text NOT NULL,
        organization_name text,
        expires_at bigint NOT NULL
      )`,
      `CREATE INDEX intake_link_expires ON intake_link (expires_at)`,
    ];
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};
