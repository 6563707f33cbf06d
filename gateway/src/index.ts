import { readFileSync } from 'node:fs';
import { createLogger, stopOnSignals } from '@carebridge/common';
import { readConfig } from './config';
import { serveGateway } from './server';

const config = readConfig();
const logger = createLogger('gateway');
const running = await serveGateway({
  supergraphSdl: readFileSync(config.supergraphPath, 'utf8'),
  subgraphUrls: config.subgraphUrls,
  port: config.port,
  host: config.host,
  logger,
});
stopOnSignals(logger, () => running.close());
