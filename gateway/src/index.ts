import { createLogger, startTracing, stopOnSignals } from '@carebridge/common';
import { readConfig } from './config';
import { subgraphReadiness, subgraphRoutingUrls } from './readiness';
import { serveGateway } from './server';

const config = readConfig();
const logger = createLogger('gateway');
const { supergraphSdl } = config;
const options = {
  supergraphSdl,
  subgraphUrls: config.subgraphUrls,
  webDist: config.webDist,
  ...(config.auth.signingKeys ? { signingKeys: config.auth.signingKeys } : {}),
  ...(config.database ? { database: config.database } : {}),
  ...(config.redis ? { redis: config.redis } : {}),
  trustedProxies: config.auth.trustedProxies,
  rateLimits: config.auth.rateLimits,
  hashLimits: config.auth.hashLimits,
  refreshGraceMs: config.auth.refreshGraceMs,
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
// Traces when OTEL_EXPORTER_OTLP_ENDPOINT is set; `stopOnSignals` flushes them at the end.
startTracing({ serviceName: 'gateway' });
const running = await serveGateway(options);
stopOnSignals(logger, () => running.close());
