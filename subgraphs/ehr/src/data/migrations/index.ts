import type { Migrations } from '@carebridge/db';
import { ehrSystems } from './0001_ehr_systems';
import { snapshots } from './0002_snapshots';
import { deliveryQueue } from './0100_delivery_queue';
import { ehrSystemOwner } from './0101_ehr_system_owner';
import { safeLastError } from './0102_safe_last_error';
import { alerts } from './0103_alerts';
import { transactionTraceparent } from './0110_transaction_traceparent';
import { fhirR4 } from './0111_fhir_r4';

/**
 * The ehr schema's migrations, applied in name order at start-up. 0001–0099 were the EHR systems,
 * organizations, mappings and snapshots, and delivery's queue starts at 0100. Kysely refuses a
 * migration named before one already applied, so every new one, whatever it concerns, is named
 * after the last: 0101 onwards.
 */
export const ehrMigrations: Migrations = {
  '0001_ehr_systems': ehrSystems,
  '0002_snapshots': snapshots,
  '0100_delivery_queue': deliveryQueue,
  '0101_ehr_system_owner': ehrSystemOwner,
  '0102_safe_last_error': safeLastError,
  '0103_alerts': alerts,
  '0110_transaction_traceparent': transactionTraceparent,
  '0111_fhir_r4': fhirR4,
};
