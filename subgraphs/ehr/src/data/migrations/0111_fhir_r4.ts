import { sql, type Kysely, type Migration } from 'kysely';

/**
 * FHIR R4 systems: each system's kind (every system made before is KEY_VALUE), and the
 * questionnaire the latest answers of a patient were given to, which a FHIR QuestionnaireResponse
 * references (null for snapshots from before events carried it).
 */
export const fhirR4: Migration = {
  async up(db: Kysely<unknown>) {
    const statements = [
      `ALTER TABLE ehr_system ADD COLUMN kind text NOT NULL DEFAULT 'KEY_VALUE'
        CONSTRAINT ehr_system_kind CHECK (kind IN ('KEY_VALUE', 'FHIR_R4'))`,
      `ALTER TABLE snapshot ADD COLUMN questionnaire jsonb`,
    ];
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};
