import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Patients, their search index, providers and the MRN generator: the indexes `InMemoryPatientStore`
 * keeps by hand. Names, ids and tokens sort with `COLLATE "C"` (code point order), the order of the
 * in-memory store's string comparisons, whatever the database's own collation.
 */
export const patients: Migration = {
  async up(db: Kysely<unknown>) {
    const statements = [
      `CREATE TABLE provider (
        id text COLLATE "C" PRIMARY KEY,
        organization_id text NOT NULL,
        display_name text COLLATE "C" NOT NULL,
        npi text NOT NULL,
        specialty text NOT NULL
      )`,
      `CREATE TABLE patient (
        id text COLLATE "C" PRIMARY KEY,
        organization_id text NOT NULL,
        mrn text NOT NULL,
        first_name text NOT NULL,
        last_name text NOT NULL,
        gender text NOT NULL CHECK (gender IN ('FEMALE', 'MALE', 'OTHER', 'UNKNOWN')),
        date_of_birth date NOT NULL,
        phone text,
        email text,
        address jsonb,
        emergency_contact jsonb,
        insurance jsonb,
        primary_care_physician_id text,
        preferred_language text NOT NULL CHECK (preferred_language IN ('EN', 'ES')),
        version integer NOT NULL CHECK (version >= 1),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        sort_last text COLLATE "C" NOT NULL,
        sort_first text COLLATE "C" NOT NULL
      )`,
      // MRNs are unique per organization, case-insensitively (the store maps a violation to BAD_USER_INPUT).
      `CREATE UNIQUE INDEX patient_mrn ON patient (organization_id, lower(mrn))`,
      // The list order, and the same order within an organization and within a physician's patients:
      // a page is a range scan from the cursor's key.
      `CREATE INDEX patient_list ON patient (sort_last, sort_first, id)`,
      `CREATE INDEX patient_organization ON patient (organization_id, sort_last, sort_first, id)`,
      `CREATE INDEX patient_physician ON patient (primary_care_physician_id, sort_last, sort_first, id)
        WHERE primary_care_physician_id IS NOT NULL`,
      // Prefix search: a search word matches a token it starts, a B-tree range under "C" (LIKE 'word%').
      `CREATE TABLE patient_search_token (
        token text COLLATE "C" NOT NULL,
        patient_id text COLLATE "C" NOT NULL REFERENCES patient (id) ON DELETE CASCADE,
        PRIMARY KEY (token, patient_id)
      )`,
      `CREATE INDEX patient_search_token_patient ON patient_search_token (patient_id)`,
      `CREATE TABLE mrn_counter (
        organization_id text PRIMARY KEY,
        next_number bigint NOT NULL
      )`,
      `CREATE TABLE seed_state (
        name text PRIMARY KEY,
        seeded_at timestamptz NOT NULL DEFAULT now()
      )`,
    ];
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};
