import {
  envInt,
  envString,
  envUrl,
  readAuditConfig,
  readAuthConfig,
  readEventDeliveryConfig,
  type Env,
} from '@carebridge/common';

/** The clinical subgraph's whole configuration; nothing else reads the environment. */
export function readConfig(env: Env = process.env) {
  return {
    // 0 asks the OS for a free port (tests and parallel local stacks).
    port: envInt(env, 'PORT', 4002, { max: 65535 }),
    host: envString(env, 'HOST', '127.0.0.1'),
    auth: readAuthConfig(env),
    // The graph (gateway) endpoint, asked whether a patient is the caller's before storing answers.
    graphUrl: envUrl(env, 'GRAPH_URL', 'http://127.0.0.1:4000/graphql'),
    // Where questionnaire responses go (the ehr subgraph's EHR_EVENTS_URL) and the secret signing them.
    events: readEventDeliveryConfig(env),
    // Send the seed data to the EHRs at start, as if just entered: the EHR sandbox starts empty.
    announceSeed: env['ANNOUNCE_SEED'] !== 'false',
    // The PHI audit log's HMAC key (AUDIT_HMAC_KEY, required in production) and optional file (AUDIT_LOG_PATH).
    audit: readAuditConfig(env),
  };
}
