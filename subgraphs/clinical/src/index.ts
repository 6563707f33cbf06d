import { runService, subgraphRuntime } from '@carebridge/common';
import { readConfig } from './config';
import { createHttpPatientDirectory } from './data/patients';
import { createSeededStore, createService } from './server';

const config = readConfig();
const { logger, verifier, audit } = subgraphRuntime('clinical', config);
const store = createSeededStore();
if (config.announceSeed) store.announceLoaded();
const patients = createHttpPatientDirectory({ graphUrl: config.graphUrl, logger });
await runService(createService({ logger, store, audit, verifier, patients, events: config.events }), config);
