import { runService, subgraphRuntime } from '@carebridge/common';
import { readConfig } from './config';
import { createSeededStore, createService } from './server';

const config = readConfig();
const { logger, verifier, audit } = subgraphRuntime('patient', config);
const store = createSeededStore();
if (config.announceSeed) store.announceLoaded();
await runService(createService({ logger, store, audit, verifier, events: config.events }), config);
