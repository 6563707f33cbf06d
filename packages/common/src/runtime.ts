import { InMemoryAuditLog, readAuditConfig, type AuditConfig } from './audit';
import { createTokenVerifier, readAuthConfig } from './auth';
import { envInt, envString, type Env } from './env';
import { createLogger } from './logger';

/**
 * What every subgraph reads from its environment in the same way: where it listens (PORT 0 asks
 * the OS for a free port), the gateway's keys and token rules, and the audit log's key and file.
 * Each subgraph's `config.ts` spreads this and adds its own settings.
 */
export function readSubgraphConfig(env: Env, defaultPort: number) {
  return {
    port: envInt(env, 'PORT', defaultPort, { max: 65535 }),
    host: envString(env, 'HOST', '127.0.0.1'),
    auth: readAuthConfig(env),
    audit: readAuditConfig(env),
  };
}

/** What every subgraph's `index.ts` builds from that configuration: its logger, token verifier and audit log. */
export function subgraphRuntime(
  service: string,
  config: { auth: ReturnType<typeof readAuthConfig>; audit: AuditConfig },
) {
  return {
    logger: createLogger(service),
    verifier: createTokenVerifier({
      jwks: config.auth.jwksUrl,
      issuer: config.auth.issuer,
      audience: config.auth.audience,
    }),
    audit: new InMemoryAuditLog({ service, key: config.audit.hmacKey, filePath: config.audit.logPath }),
  };
}
