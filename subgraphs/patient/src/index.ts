import { runService } from '@carebridge/common';
import { openSubgraphRuntime } from '@carebridge/db';
import { readConfig } from './config';
import { openPatientStore } from './data/storage';
import { createService } from './server';

const config = readConfig();
// The audit log on PostgreSQL when DATABASE_URL is set; closed last, once its records are written.
const { logger, verifier, audit, close } = await openSubgraphRuntime('patient', config);
const storage = await openPatientStore({ database: config.database, announceSeed: config.announceSeed, logger });
await runService(
  createService({
    logger,
    store: storage.store,
    audit,
    verifier,
    events: config.events,
    cursorKey: config.cursorKey,
  }),
  {
    ...config,
    onClosed: async () => {
      await storage.close();
      await close();
    },
  },
);
