import type { Logger } from '@carebridge/common';
import { openPatientDatabase } from './database';
import { PostgresPatientStore } from './postgresStore';
import { createSeededStore, SEED_PROVIDERS, seedPatients } from './seed';
import type { PatientStore } from './store';

export interface PatientStorageOptions {
  /** PostgreSQL (`DATABASE_URL` and the patient schema), or null for the in-memory store. */
  database: { url: string; schema: string } | null;
  /** Record the seed patients as changes, so the EHRs receive them (ANNOUNCE_SEED). */
  announceSeed: boolean;
  logger: Logger;
}

/**
 * The patient store as configured: on PostgreSQL when `DATABASE_URL` is set (the patient schema,
 * migrated first, seeded only when it never was), shared by every replica; in memory, seeded at
 * every start, otherwise. `close()` ends what it opened; the runner calls it after the server and
 * the relay stopped.
 */
export async function openPatientStore(
  options: PatientStorageOptions,
): Promise<{ store: PatientStore; close(): Promise<void> }> {
  if (options.database === null) {
    const store = createSeededStore();
    if (options.announceSeed) store.announceLoaded();
    return { store, close: () => Promise.resolve() };
  }
  const database = await openPatientDatabase({ ...options.database, logger: options.logger });
  try {
    const store = await PostgresPatientStore.open(database, { logger: options.logger });
    // A restart finds the seed (and its announcement) already committed, and adds nothing.
    const seeded = await store.seed({
      providers: SEED_PROVIDERS,
      patients: seedPatients(),
      announce: options.announceSeed,
    });
    options.logger.info('patient.store', { backend: 'postgres', schema: database.schema, seeded });
    return {
      store,
      close: async () => {
        await store.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
