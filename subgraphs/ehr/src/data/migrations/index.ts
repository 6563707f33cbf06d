import type { Migrations } from '@carebridge/db';
import { deliveryQueue } from './0100_delivery_queue';

/**
 * The ehr schema's migrations, applied in name order at start-up. 0001–0099 are kept for the EHR
 * systems, mappings and organizations; delivery's tables start at 0100.
 */
export const ehrMigrations: Migrations = {
  '0100_delivery_queue': deliveryQueue,
};
