import { OUTBOX_MIGRATION_NAME, outboxMigration, type Migrations } from '@carebridge/db';
import { patients } from './0001_patients';

/** The patient schema's migrations, applied in name order at start-up; never edit one once released. */
export const patientMigrations: Migrations = {
  [OUTBOX_MIGRATION_NAME]: outboxMigration,
  '0001_patients': patients,
};
