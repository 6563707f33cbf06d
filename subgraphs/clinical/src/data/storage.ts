import type { Logger } from '@carebridge/common';
import { openClinicalDatabase } from './database';
import { PostgresClinicalStore } from './postgresStore';
import { seedData } from './seed';
import { InMemoryClinicalStore, type ClinicalStore } from './store';

/**
 * The clinical store as configured, seeded: on PostgreSQL (the clinical schema, migrated first)
 * when `DATABASE_URL` is set, shared by every replica and seeded only while empty; in memory
 * otherwise, seeded at every start. `close()` releases what it opened (after the relay stopped).
 */
export async function openClinicalStore(options: {
  database: { url: string; schema: string } | null;
  /** Record the seed's latest answers as change events, for an EHR sandbox that starts empty. */
  announceSeed: boolean;
  logger: Logger;
}): Promise<{ store: ClinicalStore; close(): Promise<void> }> {
  if (!options.database) {
    const store = new InMemoryClinicalStore();
    await store.loadSeed(seedData(), { announce: options.announceSeed });
    return { store, close: () => Promise.resolve() };
  }
  const database = await openClinicalDatabase({ ...options.database, logger: options.logger });
  const store = new PostgresClinicalStore(database, { logger: options.logger });
  try {
    const seeded = await store.loadSeed(seedData(), { announce: options.announceSeed });
    options.logger.info('clinical.seed', { seeded });
  } catch (error) {
    await database.close();
    throw error;
  }
  return {
    store,
    close: async () => {
      await store.close();
      await database.close();
    },
  };
}
