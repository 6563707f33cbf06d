import { OUTBOX_MIGRATION_NAME, outboxMigration, type Migrations } from '@carebridge/db';
import { patients } from './0001_patients';
import { searchTokenOrganization } from './0002_search_token_organization';

/** The patient schema's migrations, applied in name order at start-up; never edit one once released. */
export const patientMigrations: Migrations = {
  [OUTBOX_MIGRATION_NAME]: outboxMigration,
  '0001_patients': patients,
  '0002_search_token_organization': searchTokenOrganization,
};
