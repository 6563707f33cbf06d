import {
  envUrl,
  EVENTS_PATH,
  readCursorKey,
  readEventDeliveryConfig,
  readSubgraphConfig,
  type Env,
} from '@carebridge/common';
import { readDatabaseConfig } from '@carebridge/db';

/** The patient subgraph's whole configuration; nothing else reads the environment. */
export function readConfig(env: Env = process.env) {
  return {
    ...readSubgraphConfig(env, 4001),
    // Where patient changes go (the ehr subgraph's EHR_EVENTS_URL) and the secret signing them; the
    // clinical subgraph (CLINICAL_EVENTS_URL) is sent the deletions, to erase the patients' answers.
    events: {
      ...readEventDeliveryConfig(env),
      subscribers: [
        {
          url: envUrl(env, 'CLINICAL_EVENTS_URL', `http://127.0.0.1:4002${EVENTS_PATH}`),
          types: ['patient.deleted' as const],
        },
      ],
    },
    // Send the seed data to the EHRs at start, as if just entered: the EHR sandbox starts empty.
    announceSeed: env['ANNOUNCE_SEED'] !== 'false',
    // Seals the patient list's cursors, which hold names (CURSOR_KEY; required in production).
    cursorKey: readCursorKey(env),
    /** PostgreSQL for patients, providers and the outbox when `DATABASE_URL` is set; in memory otherwise. */
    database: readDatabaseConfig('patient', env),
  };
}
