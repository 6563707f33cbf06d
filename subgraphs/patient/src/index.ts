import { runService, subgraphRuntime } from '@carebridge/common';
import { readConfig } from './config';
import { openPatientStore } from './data/storage';
import { createService } from './server';

const config = readConfig();
const { logger, verifier, audit } = subgraphRuntime('patient', config);
const storage = await openPatientStore({ database: config.database, announceSeed: config.announceSeed, logger });
await runService(createService({ logger, store: storage.store, audit, verifier, events: config.events }), {
  ...config,
  onClosed: () => storage.close(),
});
