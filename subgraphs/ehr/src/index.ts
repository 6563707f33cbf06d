import { subgraphRuntime, serveService, stopOnSignals } from '@carebridge/common';
import { readConfig } from './config';
import { InMemoryEhrStore } from './data/store';
import { seedEhrSystems, seedOrganizations } from './data/seed';
import { eventsRoute } from './delivery/events';
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
const service = createService({
  logger,
  store,
  audit,
  verifier,
  transactions: storage.transactions,
});
const worker = service.createWorker({ policy: config.delivery, ...config.worker });
const running = await serveService(service, {
  port: config.port,
  host: config.host,
  routes: eventsRoute(service.shared.delivery, config.eventsSecret, logger),
});
worker.start();
stopOnSignals(logger, async () => {
  await running.close();
  await worker.stop();
  await storage.close();
});
