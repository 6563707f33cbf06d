import { runService } from '@carebridge/common';
import { openSubgraphRuntime } from '@carebridge/db';
import { readConfig } from './config';
import { createSeededStore, createService } from './server';

const config = readConfig();
// The audit log on PostgreSQL when DATABASE_URL is set; closed last, once its records are written.
const { logger, verifier, audit, close } = await openSubgraphRuntime('patient', config);
const store = createSeededStore();
if (config.announceSeed) store.announceLoaded();
await runService(createService({ logger, store, audit, verifier, events: config.events }), {
  ...config,
  onClosed: close,
});
