import { envInt, envString, readAuthConfig, type Env } from '@carebridge/common';

/** The patient subgraph's whole configuration; nothing else reads the environment. */
export function readConfig(env: Env = process.env) {
  return {
    // 0 asks the OS for a free port, which tests and the stack launcher rely on.
    port: envInt(env, 'PORT', 4001, { max: 65535 }),
    host: envString(env, 'HOST', '127.0.0.1'),
    // Where the gateway publishes the keys that sign access tokens, and what the tokens must say.
    auth: readAuthConfig(env),
  };
}
