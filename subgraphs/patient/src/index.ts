import { subgraphRuntime, runServiceWithOutbox } from '@carebridge/common';
import { readConfig } from './config';
import { createSeededStore, createService } from './server';

const config = readConfig();
const { logger, verifier, audit } = subgraphRuntime('patient', config);
const store = createSeededStore();
if (config.announceSeed) store.announceLoaded();
await runServiceWithOutbox(
  createService({
    logger,
    store,
    audit,
    verifier,
  }),
  { ...config, outbox: store.outbox },
);
