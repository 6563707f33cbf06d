import { runService, subgraphRuntime } from '@carebridge/common';
import { readConfig } from './config';
import { seedEhrSystems, seedOrganizations } from './data/seed';
import { openEhrStorage } from './delivery/storage';
import { createService } from './server';

const config = readConfig();
const { logger, verifier, audit } = subgraphRuntime('ehr', config);
const sandbox = config.sandboxUrl;
const storage = await openEhrStorage({
  database: config.database,
  seed: {
    systems: seedEhrSystems(sandbox ? { athena: `${sandbox}/athena`, allscripts: `${sandbox}/allscripts` } : {}),
    organizations: seedOrganizations(),
  },
  logger,
});
await runService(
  createService({
    logger,
    store: storage.store,
    mappings: storage.mappings,
    snapshots: storage.snapshots,
    transactions: storage.transactions,
    audit,
    verifier,
    eventsSecret: config.eventsSecret,
    delivery: { policy: config.delivery, ...config.worker },
  }),
  // The stores outlive the service: its worker and requests are done before the database closes.
  { ...config, onClosed: () => storage.close() },
);
