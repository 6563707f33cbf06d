import { envInt, envUrl, readEventDeliveryConfig, readSubgraphConfig, type Env } from '@carebridge/common';

/** The ehr subgraph's whole configuration; nothing else reads the environment. */
export function readConfig(env: Env = process.env) {
  return {
    ...readSubgraphConfig(env, 4003),
    /** Shared with the patient and clinical subgraphs, which sign the change events they post. */
    eventsSecret: readEventDeliveryConfig(env).secret,
    /** When set, the seeded Athena and Allscripts systems point at this EHR sandbox. */
    sandboxUrl: env['EHR_SANDBOX_URL'] ? envUrl(env, 'EHR_SANDBOX_URL', '').replace(/\/$/, '') : null,
    delivery: {
      maxAttempts: envInt(env, 'DELIVERY_MAX_ATTEMPTS', 8, { min: 1, max: 100 }),
      baseDelayMs: envInt(env, 'DELIVERY_BASE_DELAY_MS', 500, { min: 1 }),
      maxDelayMs: envInt(env, 'DELIVERY_MAX_DELAY_MS', 5 * 60_000, { min: 1 }),
      timeoutMs: envInt(env, 'DELIVERY_TIMEOUT_MS', 10_000, { min: 1 }),
    },
  };
}
