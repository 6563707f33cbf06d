import { runService, subgraphRuntime } from '@carebridge/common';
import { readConfig } from './config';
import { createHttpPatientDirectory } from './data/patients';
import { openClinicalStore } from './data/storage';
import { createService } from './server';

const config = readConfig();
const { logger, verifier, audit } = subgraphRuntime('clinical', config);
const storage = await openClinicalStore({ database: config.database, announceSeed: config.announceSeed, logger });
const patients = createHttpPatientDirectory({ graphUrl: config.graphUrl, logger });
await runService(
  createService({ logger, store: storage.store, audit, verifier, patients, events: config.events }),
  // The pool closes last: the relay's final delivery (when workers stop) still reads the outbox.
  { ...config, onClosed: () => storage.close() },
);
