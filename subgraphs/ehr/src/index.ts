import { runService } from '@carebridge/common';
import { openSubgraphRuntime } from '@carebridge/db';
import { readConfig } from './config';
import { sandboxBaseUrls, seedEhrSystems, seedOrganizations } from './data/seed';
import { openEhrStorage } from './delivery/storage';
import { createService } from './server';

const config = readConfig();
// The audit log on PostgreSQL when DATABASE_URL is set; closed last, once its records are written.
const { logger, verifier, audit, close } = await openSubgraphRuntime('ehr', config);
const sandbox = config.sandboxUrl;
const storage = await openEhrStorage({
  database: config.database,
  seed: {
    systems: seedEhrSystems(sandbox ? sandboxBaseUrls(sandbox) : {}),
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
    alerts: storage.alerts,
    alertEvaluationMs: config.alertEvaluationMs,
    audit,
    verifier,
    eventsSecret: config.eventsSecret,
    destinations: config.destinations,
    delivery: { policy: config.delivery, ...config.worker },
  }),
  // The stores outlive the service: its worker and requests are done before the databases close.
  {
    ...config,
    onClosed: async () => {
      await storage.close();
      await close();
    },
  },
);
