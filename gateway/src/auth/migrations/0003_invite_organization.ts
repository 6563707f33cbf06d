import { sql, type Kysely, type Migration } from 'kysely';

/** An ADMIN lists their organization's pending invites (invites.ts `pending`): found by organization. */
export const inviteOrganization: Migration = {
  async up(db: Kysely<unknown>) {
    await sql.raw(`CREATE INDEX invite_organization ON invite (organization_id, expires_at)`).execute(db);
  },
};
