import { envInt, envString, readAuthConfig, type Env } from '@carebridge/common';

/** The ehr subgraph's whole configuration; nothing else reads the environment. */
export function readConfig(env: Env = process.env) {
  return {
    port: envInt(env, 'PORT', 4003, { max: 65535 }),
    host: envString(env, 'HOST', '127.0.0.1'),
    auth: readAuthConfig(env),
  };
}
