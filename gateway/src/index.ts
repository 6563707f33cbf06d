import { readFileSync } from 'node:fs';
import { createLogger, stopOnSignals } from '@carebridge/common';
import { generateSigningJwk, keyRingFromJwks } from './auth/keys';
import { readConfig } from './config';
import { serveGateway } from './server';

const config = readConfig();
const logger = createLogger('gateway');
if (!config.auth.signingKeys)
  logger.warn('auth.developmentKey', { note: 'generated a signing key; tokens end with this process' });
const keys = await keyRingFromJwks(config.auth.signingKeys ?? [await generateSigningJwk()]);
const running = await serveGateway({
  supergraphSdl: readFileSync(config.supergraphPath, 'utf8'),
  subgraphUrls: config.subgraphUrls,
  keys,
  issuer: config.auth.issuer,
  audience: config.auth.audience,
  demoUsers: config.auth.demoUsers,
  secureCookies: config.auth.secureCookies,
  port: config.port,
  host: config.host,
  logger,
});
stopOnSignals(logger, () => running.close());
