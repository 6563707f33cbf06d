import { createLogger, createTokenVerifier, runService } from '@carebridge/common';
import { readConfig } from './config';
import { createService } from './server';

const config = readConfig();
await runService(
  createService({
    logger: createLogger('patient'),
    verifier: createTokenVerifier({ jwks: config.auth.jwksUrl, ...config.auth }),
  }),
  config,
);
