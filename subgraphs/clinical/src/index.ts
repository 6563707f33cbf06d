import { runService } from '@carebridge/common';
import { openSubgraphRuntime } from '@carebridge/db';
import { readConfig } from './config';
import { createHttpPatientDirectory } from './data/patients';
import { createSeededStore, createService } from './server';

const config = readConfig();
// The audit log on PostgreSQL when DATABASE_URL is set; closed last, once its records are written.
const { logger, verifier, audit, close } = await openSubgraphRuntime('clinical', config);
const store = createSeededStore();
if (config.announceSeed) store.announceLoaded();
const patients = createHttpPatientDirectory({ graphUrl: config.graphUrl, logger });
await runService(createService({ logger, store, audit, verifier, patients, events: config.events }), {
  ...config,
  onClosed: close,
});
