import type { Migrations } from '@carebridge/db';
import { authTables } from './0001_auth';
import { refreshGrace } from './0002_refresh_grace';
import { intakeLinks } from './0003_intake_links';

/** The gateway schema's migrations, applied in name order at start-up (under Kysely's lock). */
export const gatewayMigrations: Migrations = {
  '0001_auth': authTables,
  '0002_refresh_grace': refreshGrace,
  '0003_intake_links': intakeLinks,
};
