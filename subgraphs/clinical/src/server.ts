import {
  changeEventsRoute,
  createMetrics,
  createSubgraphService,
  outboxRelayWorker,
  silentLogger,
  type AuditSink,
  type Logger,
  type OutboxRelayConfig,
  type SubgraphService,
  type TokenVerifier,
} from '@carebridge/common';
import type { Context } from './context';
import { applyPatientEvents } from './data/deletion';
import type { PatientDirectory } from './data/patients';
import { createSeededStore } from './data/seed';
import type { ClinicalStore } from './data/store';
import { resolvers } from './resolvers';

export { createSeededStore };

export interface ClinicalServiceOptions {
  /** Checks the gateway-signed token of every request. */
  verifier: TokenVerifier;
  /** Production mode (createSubgraphService); NODE_ENV=production when left out. */
  production?: boolean;
  /** Says whether the caller may see a patient; `src/index.ts` passes the graph-backed one. */
  patients: PatientDirectory;
  /**
   * In memory and seeded unless given; `src/index.ts` passes the configured one (PostgreSQL with
   * `DATABASE_URL`). The relay reads its outbox: with PostgreSQL, the replicas' shared one.
   */
  store?: ClinicalStore;
  logger?: Logger;
  /** Where reads and submissions of answers are recorded; `src/index.ts` passes one built from config. */
  audit?: AuditSink;
  /**
   * Where the store's change events are relayed (the ehr subgraph). Without it the events stay in
   * the outbox: tests in-process read them there.
   */
  events?: OutboxRelayConfig;
  /**
   * Accept the patient subgraph's change events (signed with this secret) at `/internal/events`:
   * a deleted patient's answers are erased. Without it the route is not served.
   */
  eventsSecret?: string;
}

/** Builds the clinical subgraph with its outbox relay; tests pass their own verifier, directory and store. */
export function createService(options: ClinicalServiceOptions): SubgraphService<Context> {
  const store = options.store ?? createSeededStore();
  const logger = options.logger ?? silentLogger;
  const { patients } = options;
  const metrics = createMetrics({ service: 'clinical', production: options.production });
  return createSubgraphService<Context>({
    name: 'clinical',
    schemaFile: new URL('../schema.graphql', import.meta.url),
    resolvers,
    logger,
    verifier: options.verifier,
    metrics,
    production: options.production,
    audit: options.audit,
    routes:
      options.eventsSecret === undefined
        ? []
        : [
            changeEventsRoute({
              secret: options.eventsSecret,
              logger,
              apply: (events) => applyPatientEvents(store, events, logger),
            }),
          ],
    workers: options.events ? [outboxRelayWorker({ outbox: store.outbox, logger, metrics, ...options.events })] : [],
    context: () => ({ store, patients }),
  });
}
