import {
  envInt,
  envString,
  readAuditConfig,
  readAuthConfig,
  readEventDeliveryConfig,
  type Env,
} from '@carebridge/common';

/** The patient subgraph's whole configuration; nothing else reads the environment. */
export function readConfig(env: Env = process.env) {
  return {
    // 0 asks the OS for a free port, which tests and the stack launcher rely on.
    port: envInt(env, 'PORT', 4001, { max: 65535 }),
    host: envString(env, 'HOST', '127.0.0.1'),
    // Where the gateway publishes the keys that sign access tokens, and what the tokens must say.
    auth: readAuthConfig(env),
    // Where patient changes go (the ehr subgraph's EHR_EVENTS_URL) and the secret signing them.
    events: readEventDeliveryConfig(env),
    // Send the seed data to the EHRs at start, as if just entered: the EHR sandbox starts empty.
    announceSeed: env['ANNOUNCE_SEED'] !== 'false',
    // The PHI audit log's HMAC key (AUDIT_HMAC_KEY, required in production) and optional file (AUDIT_LOG_PATH).
    audit: readAuditConfig(env),
  };
}
