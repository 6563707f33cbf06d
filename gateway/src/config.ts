import { envInt, envString, envUrl, type Env } from '@carebridge/common';
import { SUPERGRAPH_SDL } from './compose';

/** The subgraphs the gateway can be pointed elsewhere for; names as in supergraph.yaml. */
export const SUBGRAPH_NAMES = ['patient', 'clinical', 'ehr'] as const;

/** The gateway's whole configuration; nothing else reads the environment. */
export function readConfig(env: Env = process.env) {
  const subgraphUrls: Record<string, string> = {};
  for (const name of SUBGRAPH_NAMES) {
    // Overrides the routing URL composed into supergraph.graphql, e.g. for services on other ports.
    const variable = `SUBGRAPH_${name.toUpperCase()}_URL`;
    if (env[variable]) subgraphUrls[name] = envUrl(env, variable, '');
  }
  return {
    port: envInt(env, 'PORT', 4000, { max: 65535 }),
    host: envString(env, 'HOST', '127.0.0.1'),
    supergraphPath: envString(env, 'SUPERGRAPH_PATH', SUPERGRAPH_SDL),
    subgraphUrls,
  };
}
