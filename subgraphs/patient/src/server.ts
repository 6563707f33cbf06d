import {
  createSubgraphService,
  DEV_AUDIT_HMAC_KEY,
  InMemoryAuditLog,
  type AuditSink,
  type Logger,
  type SubgraphService,
  type TokenVerifier,
} from '@carebridge/common';
import type { Context } from './context';
import { createSeededStore } from './data/seed';
import type { PatientStore } from './data/store';
import { resolvers } from './resolvers';

export { createSeededStore };

/**
 * Builds the patient subgraph; tests pass their own store and verifier and call it in-process.
 * Every request needs a token `verifier` accepts; what its viewer may do is in access.ts.
 */
export function createService(options: {
  verifier: TokenVerifier;
  store?: PatientStore;
  logger?: Logger;
  /** Where reads and changes of patients are recorded; `src/index.ts` passes one built from config. */
  audit?: AuditSink;
}): SubgraphService<Context> {
  const store = options.store ?? createSeededStore();
  // Tests get a fresh in-memory log each; no file, the development key.
  const audit = options.audit ?? new InMemoryAuditLog({ service: 'patient', key: DEV_AUDIT_HMAC_KEY });
  return createSubgraphService<Context>({
    name: 'patient',
    schemaFile: new URL('../schema.graphql', import.meta.url),
    resolvers,
    logger: options.logger,
    verifier: options.verifier,
    context: () => ({ store, audit }),
  });
}
