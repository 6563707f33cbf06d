import { runService } from '@carebridge/common';
import { openSubgraphRuntime } from '@carebridge/db';
import { readConfig } from './config';
import { createHttpPatientDirectory } from './data/patients';
import { openClinicalStore } from './data/storage';
import { createService } from './server';

const config = readConfig();
// The audit log on PostgreSQL when DATABASE_URL is set; closed last, once its records are written.
const { logger, verifier, audit, close } = await openSubgraphRuntime('clinical', config);
const storage = await openClinicalStore({ database: config.database, announceSeed: config.announceSeed, logger });
const patients = createHttpPatientDirectory({ graphUrl: config.graphUrl, logger });
await runService(
  createService({
    logger,
    store: storage.store,
    audit,
    verifier,
    patients,
    events: config.events,
    // The patient subgraph posts deletions here, signed with the same secret.
    eventsSecret: config.events.secret,
  }),
  // The pools close last: the relay's final delivery (when workers stop) still reads the outbox.
  {
    ...config,
    onClosed: async () => {
      await storage.close();
      await close();
    },
  },
);
