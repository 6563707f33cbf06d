import { sql, type Kysely, type Migration } from 'kysely';

/** EHR systems, the organizations that run them, and every mapping version (the platform's and each organization's). */
export const ehrSystems: Migration = {
  async up(db: Kysely<unknown>) {
    const statements = [
      `CREATE TABLE ehr_system (
        id text PRIMARY KEY,
        name text NOT NULL,
        base_url text NOT NULL,
        -- Endpoints never change once a system is created, and are always read whole.
        endpoints jsonb NOT NULL
      )`,
      `CREATE TABLE organization (
        id text PRIMARY KEY,
        name text NOT NULL,
        kind text NOT NULL,
        ehr_system_id text NOT NULL REFERENCES ehr_system (id)
      )`,
      `CREATE INDEX organization_ehr_system ON organization (ehr_system_id)`,
      `CREATE TABLE mapping_version (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        ehr_system_id text NOT NULL REFERENCES ehr_system (id),
        -- NULL: the platform's line; otherwise the organization's own (which starts as a copy of it).
        organization_id text,
        version integer NOT NULL CHECK (version > 0),
        published_at timestamptz NOT NULL,
        published_by text NOT NULL,
        note text,
        restored_from integer,
        fields jsonb NOT NULL,
        -- One number per line: two publications from the same version cannot both be inserted.
        -- NULLS NOT DISTINCT (PostgreSQL 15) makes the platform's line a line like the others.
        CONSTRAINT mapping_version_line_version UNIQUE NULLS NOT DISTINCT (ehr_system_id, organization_id, version)
      )`,
    ];
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};
