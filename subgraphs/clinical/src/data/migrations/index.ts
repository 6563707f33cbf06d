import { OUTBOX_MIGRATION_NAME, outboxMigration, type Migrations } from '@carebridge/db';
import { questionnairesAndResponses } from './0001_questionnaires_responses';
import { deletedPatients } from './0002_deleted_patients';

/** The clinical schema's migrations, applied in name order at start-up. */
export const clinicalMigrations: Migrations = {
  [OUTBOX_MIGRATION_NAME]: outboxMigration,
  '0001_questionnaires_responses': questionnairesAndResponses,
  '0002_deleted_patients': deletedPatients,
};
