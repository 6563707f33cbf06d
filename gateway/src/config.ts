import {
  ConfigError,
  DEFAULT_AUDIENCE,
  DEFAULT_ISSUER,
  envInt,
  envPort,
  envString,
  envUrl,
  type Env,
} from '@carebridge/common';
import { readDatabaseConfig, redisUrl } from '@carebridge/db';
import type { JWK } from 'jose';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseTrustedProxies } from './auth/clientAddress';
import { DEFAULT_RATE_LIMITS } from './auth';
import { DEFAULT_HASH_LIMITS } from './auth/limiter';
import { DEFAULT_REFRESH_GRACE_MS } from './auth/service';
import { ROOT_DIR, SUPERGRAPH_SDL } from './compose';
import { DEFAULT_LIMITS, type OperationLimits } from './limits';
import { subgraphRoutingUrls } from './readiness';
import { subgraphUrlVariable } from './subgraphs';

function signingKeys(env: Env, production: boolean): JWK[] | undefined {
  const raw = env['AUTH_SIGNING_KEYS'];
  if (!raw) {
    if (production)
      throw new ConfigError(
        'AUTH_SIGNING_KEYS is required in production (a JSON array of private ES256 JWKs, newest first)',
      );
    return undefined;
  }
  try {
    const keys = JSON.parse(raw) as unknown;
    if (Array.isArray(keys) && keys.length > 0) return keys as JWK[];
  } catch {
    // reported below
  }
  throw new ConfigError('AUTH_SIGNING_KEYS must be a JSON array of private ES256 JWKs, newest first');
}

/** Requests with a larger body are refused with 413 before parsing; 500 new patients fit. */
export const DEFAULT_MAX_BODY_BYTES = 1_000_000;
/** How long the gateway waits for one subgraph call before answering without it. */
export const DEFAULT_SUBGRAPH_TIMEOUT_MS = 10_000;

/**
 * What protects the graph from its clients: production mode, operation limits, the subgraph
 * deadline and the body limit. Read apart from the rest so that `createGateway` falls back to it
 * (NODE_ENV=production means production even for a caller that does not pass the flag).
 */
export function readProtection(env: Env = process.env) {
  const limits: OperationLimits = {
    maxDepth: envInt(env, 'LIMIT_MAX_DEPTH', DEFAULT_LIMITS.maxDepth, { min: 1 }),
    maxAliases: envInt(env, 'LIMIT_MAX_ALIASES', DEFAULT_LIMITS.maxAliases),
    maxTokens: envInt(env, 'LIMIT_MAX_TOKENS', DEFAULT_LIMITS.maxTokens, { min: 100 }),
    maxDirectives: envInt(env, 'LIMIT_MAX_DIRECTIVES', DEFAULT_LIMITS.maxDirectives),
    maxCost: envInt(env, 'LIMIT_MAX_COST', DEFAULT_LIMITS.maxCost, { min: 1 }),
    defaultListSize: envInt(env, 'LIMIT_DEFAULT_LIST_SIZE', DEFAULT_LIMITS.defaultListSize, { min: 1 }),
  };
  return {
    /** Introspection, field suggestions and the Sandbox landing page are off. */
    production: env['NODE_ENV'] === 'production',
    limits,
    subgraphTimeoutMs: envInt(env, 'SUBGRAPH_TIMEOUT_MS', DEFAULT_SUBGRAPH_TIMEOUT_MS, { min: 1, max: 600_000 }),
    maxBodyBytes: envInt(env, 'MAX_BODY_BYTES', DEFAULT_MAX_BODY_BYTES, { min: 1_024, max: 100_000_000 }),
  };
}

/** The gateway's whole configuration; nothing else reads the environment. */
export function readConfig(env: Env = process.env) {
  const production = env['NODE_ENV'] === 'production';
  const supergraphPath = envString(env, 'SUPERGRAPH_PATH', SUPERGRAPH_SDL);
  const supergraphSdl = readFileSync(supergraphPath, 'utf8');
  const subgraphUrls: Record<string, string> = {};
  // The subgraphs of the supergraph served (composed from supergraph.yaml), so a new one needs no
  // line here; each variable overrides the composed routing URL, e.g. for services on other ports.
  for (const name of Object.keys(subgraphRoutingUrls(supergraphSdl))) {
    const variable = subgraphUrlVariable(name);
    if (env[variable]) subgraphUrls[name] = envUrl(env, variable, '');
  }
  return {
    ...readProtection(env),
    production,
    port: envPort(env, 'PORT', 4000),
    host: envString(env, 'HOST', '127.0.0.1'),
    supergraphSdl,
    /** The built web app, served at / when present (`pnpm --filter @carebridge/web build`). */
    webDist: envString(env, 'WEB_DIST', resolve(ROOT_DIR, 'web/dist')),
    subgraphUrls,
    auth: {
      /** Absent in development: a key is generated at start-up (tokens do not survive a restart). */
      signingKeys: signingKeys(env, production),
      issuer: envString(env, 'AUTH_ISSUER', DEFAULT_ISSUER),
      audience: envString(env, 'AUTH_AUDIENCE', DEFAULT_AUDIENCE),
      /** Demo log-ins exist only outside production. */
      demoUsers: !production,
      /** The refresh cookie is `Secure` (HTTPS only) in production. */
      secureCookies: production,
      /** Peers whose X-Forwarded-For names the client; none unless listed (comma-separated IPs). */
      trustedProxies: parseTrustedProxies(envString(env, 'TRUSTED_PROXIES', '')),
      /** Requests per minute per client address. */
      rateLimits: {
        login: perMinute(env, 'AUTH_LOGIN_PER_MINUTE', DEFAULT_RATE_LIMITS.login.limit),
        signup: perMinute(env, 'AUTH_SIGNUP_PER_MINUTE', DEFAULT_RATE_LIMITS.signup.limit),
        refresh: perMinute(env, 'AUTH_REFRESH_PER_MINUTE', DEFAULT_RATE_LIMITS.refresh.limit),
      },
      /** A refresh with the cookie a rotation exchanged this recently gets the same new one (0: never). */
      refreshGraceMs: envInt(env, 'AUTH_REFRESH_GRACE_SECONDS', DEFAULT_REFRESH_GRACE_MS / 1000, { max: 300 }) * 1000,
      /** Password hashes (scrypt, 128 MiB each) running at once, and waiting; beyond them 503. */
      hashLimits: {
        concurrency: envInt(env, 'AUTH_HASH_CONCURRENCY', DEFAULT_HASH_LIMITS.concurrency, { min: 1, max: 64 }),
        queue: envInt(env, 'AUTH_HASH_QUEUE', DEFAULT_HASH_LIMITS.queue, { max: 10_000 }),
      },
    },
    /** Accounts, sessions, invites and generated signing keys in PostgreSQL; in memory when unset. */
    database: readDatabaseConfig('gateway', env) ?? undefined,
    /** Log-in throttles, rate limits and the deny-list shared by replicas; in-process when unset. */
    redis: gatewayRedis(env),
  };
}

export type GatewayConfig = ReturnType<typeof readConfig>;

function perMinute(env: Env, name: string, fallback: number) {
  return { limit: envInt(env, name, fallback, { min: 1, max: 1_000_000 }), windowMs: 60_000 };
}

function gatewayRedis(env: Env): { url: string; keyPrefix: string } | undefined {
  const url = redisUrl(env);
  // The prefix separates stacks (and test runs) sharing one server; `gateway:` separates services.
  return url === undefined
    ? undefined
    : { url, keyPrefix: `${envString(env, 'REDIS_KEY_PREFIX', 'carebridge:')}gateway:` };
}
