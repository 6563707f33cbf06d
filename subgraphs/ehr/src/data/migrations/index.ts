import type { Migrations } from '@carebridge/db';
import { ehrSystems } from './0001_ehr_systems';
import { snapshots } from './0002_snapshots';
import { deliveryQueue } from './0100_delivery_queue';

/**
 * The ehr schema's migrations, applied in name order at start-up. 0001–0099 are the EHR systems,
 * organizations, mappings and snapshots; delivery's queue starts at 0100.
 */
export const ehrMigrations: Migrations = {
  '0001_ehr_systems': ehrSystems,
  '0002_snapshots': snapshots,
  '0100_delivery_queue': deliveryQueue,
};
