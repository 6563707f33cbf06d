import { runService } from '@carebridge/common';
import { openSubgraphRuntime } from '@carebridge/db';
import { readConfig } from './config';
import { InMemoryEhrStore } from './data/store';
import { seedEhrSystems, seedOrganizations } from './data/seed';
import { openTransactionStore } from './delivery/storage';
import { createService } from './server';

const config = readConfig();
// The audit log on PostgreSQL when DATABASE_URL is set; closed last, once its records are written.
const { logger, verifier, audit, close } = await openSubgraphRuntime('ehr', config);
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
  {
    ...config,
    onClosed: async () => {
      await storage.close();
      await close();
    },
  },
);
