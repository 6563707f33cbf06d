import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Who an EHR system belongs to: `shared` for the operator's (set again at every start for the
 * configured systems, see `seedEhrDatabase`), else `owner_organization_id`, the organization that
 * made it. Systems made before this are neither: organizations already running one keep it, and
 * no other can choose it (see `canUse`).
 */
export const ehrSystemOwner: Migration = {
  async up(db: Kysely<unknown>) {
    const statements = [
      `ALTER TABLE ehr_system
        ADD COLUMN shared boolean NOT NULL DEFAULT false,
        ADD COLUMN owner_organization_id text,
        ADD CONSTRAINT ehr_system_shared_has_no_owner CHECK (NOT (shared AND owner_organization_id IS NOT NULL))`,
    ];
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};
