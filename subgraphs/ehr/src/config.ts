import { envInt, envUrl, readEventDeliveryConfig, readSubgraphConfig, type Env } from '@carebridge/common';
import { readDatabaseConfig } from '@carebridge/db';
import { parseAllowedOrigins } from './delivery/destinations';

/** The ehr subgraph's whole configuration; nothing else reads the environment. */
export function readConfig(env: Env = process.env) {
  return {
    ...readSubgraphConfig(env, 4003),
    /** Shared with the patient and clinical subgraphs, which sign the change events they post. */
    eventsSecret: readEventDeliveryConfig(env).secret,
    /** When set, the seeded Athena, Allscripts and FHIR R4 systems point at this EHR sandbox. */
    sandboxUrl: env['EHR_SANDBOX_URL'] ? envUrl(env, 'EHR_SANDBOX_URL', '').replace(/\/$/, '') : null,
    /**
     * Where EHR systems organizations create may point: https only in production; the origins in
     * `EHR_ALLOWED_ORIGINS` (comma-separated, e.g. the sandbox's) may be on this machine or an
     * internal network. The seeded systems (`EHR_SANDBOX_URL`) are the operator's and never checked.
     */
    destinations: {
      requireHttps: env['NODE_ENV'] === 'production',
      allowedOrigins: parseAllowedOrigins(env['EHR_ALLOWED_ORIGINS']),
    },
    /** PostgreSQL for delivery's queue when `DATABASE_URL` is set; otherwise everything stays in memory. */
    database: readDatabaseConfig('ehr', env),
    /** Requests in flight at once, in all and per EHR system. */
    worker: {
      concurrency: envInt(env, 'DELIVERY_CONCURRENCY', 32, { min: 1, max: 1_000 }),
      perSystemConcurrency: envInt(env, 'DELIVERY_CONCURRENCY_PER_SYSTEM', 16, { min: 1, max: 1_000 }),
    },
    /** How often every alert rule is evaluated (`src/alerts/`). */
    alertEvaluationMs: envInt(env, 'ALERT_EVALUATION_MS', 15_000, { min: 100 }),
    delivery: {
      maxAttempts: envInt(env, 'DELIVERY_MAX_ATTEMPTS', 8, { min: 1, max: 100 }),
      baseDelayMs: envInt(env, 'DELIVERY_BASE_DELAY_MS', 500, { min: 1 }),
      maxDelayMs: envInt(env, 'DELIVERY_MAX_DELAY_MS', 5 * 60_000, { min: 1 }),
      timeoutMs: envInt(env, 'DELIVERY_TIMEOUT_MS', 10_000, { min: 1 }),
    },
  };
}
