import { createLogger, stopOnSignals } from '@carebridge/common';
import { signingKeyRing } from './auth/keys';
import { readConfig } from './config';
import { subgraphReadiness, subgraphRoutingUrls } from './readiness';
import { serveGateway } from './server';

const config = readConfig();
const logger = createLogger('gateway');
const keys = await signingKeyRing(config.auth.signingKeys, logger);
const { supergraphSdl } = config;
const options = {
  supergraphSdl,
  subgraphUrls: config.subgraphUrls,
  webDist: config.webDist,
  keys,
  issuer: config.auth.issuer,
  audience: config.auth.audience,
  demoUsers: config.auth.demoUsers,
  secureCookies: config.auth.secureCookies,
  port: config.port,
  host: config.host,
  logger,
  // Ready only while every subgraph is: `/health/ready` then tells a load balancer whether this
  // gateway can answer queries at all, not merely that its process runs.
  readiness: subgraphReadiness({ subgraphUrls: subgraphRoutingUrls(supergraphSdl, config.subgraphUrls) }),
};
const running = await serveGateway(options);
stopOnSignals(logger, () => running.close());
