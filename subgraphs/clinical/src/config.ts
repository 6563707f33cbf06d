import { envUrl, readEventDeliveryConfig, readSubgraphConfig, type Env } from '@carebridge/common';
import { readDatabaseConfig } from '@carebridge/db';

/** The clinical subgraph's whole configuration; nothing else reads the environment. */
export function readConfig(env: Env = process.env) {
  return {
    ...readSubgraphConfig(env, 4002),
    // The graph (gateway) endpoint, asked whether a patient is the caller's before storing answers.
    graphUrl: envUrl(env, 'GRAPH_URL', 'http://127.0.0.1:4000/graphql'),
    // Where questionnaire responses go (the ehr subgraph's EHR_EVENTS_URL) and the secret signing them.
    events: readEventDeliveryConfig(env),
    // Send the seed data to the EHRs at start, as if just entered: the EHR sandbox starts empty.
    announceSeed: env['ANNOUNCE_SEED'] !== 'false',
    // PostgreSQL (the clinical schema) when DATABASE_URL is set; otherwise the store stays in memory.
    database: readDatabaseConfig('clinical', env),
  };
}
