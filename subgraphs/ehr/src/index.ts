import { runService, subgraphRuntime } from '@carebridge/common';
import { readConfig } from './config';
import { InMemoryEhrStore } from './data/store';
import { seedEhrSystems, seedOrganizations } from './data/seed';
import { openTransactionStore } from './delivery/storage';
import { createService } from './server';

const config = readConfig();
const { logger, verifier, audit } = subgraphRuntime('ehr', config);
const sandbox = config.sandboxUrl;
const store = new InMemoryEhrStore(
  seedEhrSystems(sandbox ? { athena: `${sandbox}/athena`, allscripts: `${sandbox}/allscripts` } : {}),
  seedOrganizations(),
);
const storage = await openTransactionStore({ database: config.database, ehr: store, logger });
await runService(
  createService({
    logger,
    store,
    audit,
    verifier,
    transactions: storage.transactions,
    eventsSecret: config.eventsSecret,
    delivery: { policy: config.delivery, ...config.worker },
  }),
  { ...config, onClosed: () => storage.close() },
);
