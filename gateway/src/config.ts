import { ConfigError, DEFAULT_AUDIENCE, DEFAULT_ISSUER, envInt, envString, envUrl, type Env } from '@carebridge/common';
import type { JWK } from 'jose';
import { SUPERGRAPH_SDL } from './compose';

/** The subgraphs the gateway can be pointed elsewhere for; names as in supergraph.yaml. */
export const SUBGRAPH_NAMES = ['patient', 'clinical', 'ehr'] as const;

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

/** The gateway's whole configuration; nothing else reads the environment. */
export function readConfig(env: Env = process.env) {
  const production = env['NODE_ENV'] === 'production';
  const subgraphUrls: Record<string, string> = {};
  for (const name of SUBGRAPH_NAMES) {
    // Overrides the routing URL composed into supergraph.graphql, e.g. for services on other ports.
    const variable = `SUBGRAPH_${name.toUpperCase()}_URL`;
    if (env[variable]) subgraphUrls[name] = envUrl(env, variable, '');
  }
  return {
    production,
    port: envInt(env, 'PORT', 4000, { max: 65535 }),
    host: envString(env, 'HOST', '127.0.0.1'),
    supergraphPath: envString(env, 'SUPERGRAPH_PATH', SUPERGRAPH_SDL),
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
    },
  };
}

export type GatewayConfig = ReturnType<typeof readConfig>;
