import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The search index per organization, as `InMemoryPatientStore` keeps it: each token row also holds
 * its patient's organization and list-order names (written with the tokens, which every change of
 * a patient rewrites), and an index on (organization, token) carries them. A search within an
 * organization then reads only that organization's rows whose token starts with the word, counts
 * and orders them without visiting the patient table, and fetches the page's patients alone.
 * Existing rows are filled from their patients.
 */
export const searchTokenOrganization: Migration = {
  async up(db: Kysely<unknown>) {
    const statements = [
      `ALTER TABLE patient_search_token
        ADD COLUMN organization_id text,
        ADD COLUMN sort_last text COLLATE "C",
        ADD COLUMN sort_first text COLLATE "C"`,
      `UPDATE patient_search_token t
        SET organization_id = p.organization_id, sort_last = p.sort_last, sort_first = p.sort_first
        FROM patient p WHERE p.id = t.patient_id`,
      `ALTER TABLE patient_search_token
        ALTER COLUMN organization_id SET NOT NULL,
        ALTER COLUMN sort_last SET NOT NULL,
        ALTER COLUMN sort_first SET NOT NULL`,
      `CREATE INDEX patient_search_token_organization ON patient_search_token (organization_id, token)
        INCLUDE (patient_id, sort_last, sort_first)`,
    ];
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};
