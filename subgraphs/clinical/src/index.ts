import { createLogger, createTokenVerifier, InMemoryAuditLog, runServiceWithOutbox } from '@carebridge/common';
import { readConfig } from './config';
import { createHttpPatientDirectory } from './data/patients';
import { createSeededStore, createService } from './server';

const config = readConfig();
const logger = createLogger('clinical');
const store = createSeededStore();
if (config.announceSeed) store.announceLoaded();
await runServiceWithOutbox(
  createService({
    logger,
    store,
    audit: new InMemoryAuditLog({ service: 'clinical', key: config.audit.hmacKey, filePath: config.audit.logPath }),
    verifier: createTokenVerifier({ jwks: config.auth.jwksUrl, ...config.auth }),
    patients: createHttpPatientDirectory({ graphUrl: config.graphUrl, logger }),
  }),
  { ...config, outbox: store.outbox },
);
