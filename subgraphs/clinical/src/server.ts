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
import type { PatientDirectory } from './data/patients';
import { createSeededStore } from './data/seed';
import type { ClinicalStore } from './data/store';
import { resolvers } from './resolvers';

export { createSeededStore };

export interface ClinicalServiceOptions {
  /** Checks the gateway-signed token of every request. */
  verifier: TokenVerifier;
  /** Says whether the caller may see a patient; `src/index.ts` passes the graph-backed one. */
  patients: PatientDirectory;
  store?: ClinicalStore;
  logger?: Logger;
  /** Where reads and submissions of answers are recorded; `src/index.ts` passes one built from config. */
  audit?: AuditSink;
}

/** Builds the clinical subgraph; tests pass their own verifier, directory and store and call it in-process. */
export function createService(options: ClinicalServiceOptions): SubgraphService<Context> {
  const store = options.store ?? createSeededStore();
  const { patients } = options;
  // Tests get a fresh in-memory log each; no file, the development key.
  const audit = options.audit ?? new InMemoryAuditLog({ service: 'clinical', key: DEV_AUDIT_HMAC_KEY });
  return createSubgraphService<Context>({
    name: 'clinical',
    schemaFile: new URL('../schema.graphql', import.meta.url),
    resolvers,
    logger: options.logger,
    verifier: options.verifier,
    context: () => ({ store, patients, audit }),
  });
}
