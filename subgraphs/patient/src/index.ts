import { createLogger, createTokenVerifier, InMemoryAuditLog, runServiceWithOutbox } from '@carebridge/common';
import { readConfig } from './config';
import { createSeededStore, createService } from './server';

const config = readConfig();
const logger = createLogger('patient');
const store = createSeededStore();
if (config.announceSeed) store.announceLoaded();
await runServiceWithOutbox(
  createService({
    logger,
    store,
    audit: new InMemoryAuditLog({ service: 'patient', key: config.audit.hmacKey, filePath: config.audit.logPath }),
    verifier: createTokenVerifier({ jwks: config.auth.jwksUrl, ...config.auth }),
  }),
  { ...config, outbox: store.outbox },
);
