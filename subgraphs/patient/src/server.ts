import {
  createCursorCodec,
  createMetrics,
  createSubgraphService,
  DEV_CURSOR_KEY,
  outboxRelayWorker,
  silentLogger,
  type AuditSink,
  type Logger,
  type OutboxRelayConfig,
  type SubgraphService,
  type TokenVerifier,
} from '@carebridge/common';
import type { Context } from './context';
import { createSeededStore } from './data/seed';
import type { PatientStore } from './data/store';
import { resolvers } from './resolvers';

export { createSeededStore };

export interface PatientServiceOptions {
  /** Every request needs a token it accepts; what its viewer may do is in access.ts. */
  verifier: TokenVerifier;
  /** Production mode (createSubgraphService); NODE_ENV=production when left out. */
  production?: boolean;
  store?: PatientStore;
  logger?: Logger;
  /** Where reads and changes of patients are recorded; `src/index.ts` passes one built from config. */
  audit?: AuditSink;
  /**
   * Where the store's change events are relayed (the ehr subgraph). Without it the events stay in
   * the outbox: tests in-process read them there.
   */
  events?: OutboxRelayConfig;
  /** The secret patient list cursors are sealed with (CURSOR_KEY); the development key by default. */
  cursorKey?: string;
}

/** Builds the patient subgraph with its outbox relay; tests pass their own store and verifier. */
export function createService(options: PatientServiceOptions): SubgraphService<Context> {
  const store = options.store ?? createSeededStore();
  const logger = options.logger ?? silentLogger;
  const cursors = createCursorCodec(options.cursorKey ?? DEV_CURSOR_KEY, 'patients');
  const metrics = createMetrics({ service: 'patient', production: options.production });
  return createSubgraphService<Context>({
    name: 'patient',
    schemaFile: new URL('../schema.graphql', import.meta.url),
    resolvers,
    logger,
    verifier: options.verifier,
    metrics,
    production: options.production,
    audit: options.audit,
    workers: options.events ? [outboxRelayWorker({ outbox: store.outbox, logger, metrics, ...options.events })] : [],
    context: () => ({ store, cursors }),
  });
}
