import { createLogger, createTokenVerifier, runService } from '@carebridge/common';
import { readConfig } from './config';
import { createHttpPatientDirectory } from './data/patients';
import { createService } from './server';

const config = readConfig();
const logger = createLogger('clinical');
await runService(
  createService({
    logger,
    verifier: createTokenVerifier({ jwks: config.auth.jwksUrl, ...config.auth }),
    patients: createHttpPatientDirectory({ graphUrl: config.graphUrl, logger }),
  }),
  config,
);
