import { InMemoryAuditLog, readAuditConfig, type AuditConfig } from './audit';
import { createTokenVerifier, readAuthConfig } from './auth';
import { envPort, envString, type Env } from './env';
import { createLogger } from './logger';

/**
 * What every subgraph reads from its environment in the same way: where it listens (PORT 0 asks
 * the OS for a free port), the gateway's keys and token rules, and the audit log's key and file.
 * Each subgraph's `config.ts` spreads this and adds its own settings.
 */
export function readSubgraphConfig(env: Env, defaultPort: number) {
  return {
    port: envPort(env, 'PORT', defaultPort),
    host: envString(env, 'HOST', '127.0.0.1'),
    auth: readAuthConfig(env),
    audit: readAuditConfig(env),
  };
}

export interface SubgraphRuntimeConfig {
  auth: ReturnType<typeof readAuthConfig>;
}

/** A subgraph's logger and token verifier: what `subgraphRuntime` and `openSubgraphRuntime` (@carebridge/db) share. */
export function subgraphServices(service: string, config: SubgraphRuntimeConfig) {
  return {
    logger: createLogger(service),
    verifier: createTokenVerifier({
      jwks: config.auth.jwksUrl,
      issuer: config.auth.issuer,
      audience: config.auth.audience,
    }),
  };
}

/**
 * The logger, token verifier and in-memory audit log (continuing AUDIT_LOG_PATH when set) of a
 * subgraph without a database; `openSubgraphRuntime` in @carebridge/db puts the audit log on
 * PostgreSQL when DATABASE_URL is set.
 */
export function subgraphRuntime(service: string, config: SubgraphRuntimeConfig & { audit: AuditConfig }) {
  return {
    ...subgraphServices(service, config),
    audit: new InMemoryAuditLog({ service, key: config.audit.hmacKey, filePath: config.audit.logPath }),
  };
}
