import { subgraphRuntime, runServiceWithOutbox } from '@carebridge/common';
import { readConfig } from './config';
import { createHttpPatientDirectory } from './data/patients';
import { createSeededStore, createService } from './server';

const config = readConfig();
const { logger, verifier, audit } = subgraphRuntime('clinical', config);
const store = createSeededStore();
if (config.announceSeed) store.announceLoaded();
await runServiceWithOutbox(
  createService({
    logger,
    store,
    audit,
    verifier,
    patients: createHttpPatientDirectory({ graphUrl: config.graphUrl, logger }),
  }),
  { ...config, outbox: store.outbox },
);
