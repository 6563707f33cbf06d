import type { Migrations } from '@carebridge/db';
import { authTables } from './0001_auth';
import { refreshGrace } from './0002_refresh_grace';
import { inviteOrganization } from './0003_invite_organization';
import { intakeLinks } from './0004_intake_links';

/** The gateway schema's migrations, applied in name order at start-up (under Kysely's lock). */
export const gatewayMigrations: Migrations = {
  '0001_auth': authTables,
  '0002_refresh_grace': refreshGrace,
  '0003_invite_organization': inviteOrganization,
  '0004_intake_links': intakeLinks,
};
