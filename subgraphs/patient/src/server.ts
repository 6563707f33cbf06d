import { createSubgraphService, type Logger, type SubgraphService, type TokenVerifier } from '@carebridge/common';
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
}): SubgraphService<Context> {
  const store = options.store ?? createSeededStore();
  return createSubgraphService<Context>({
    name: 'patient',
    schemaFile: new URL('../schema.graphql', import.meta.url),
    resolvers,
    logger: options.logger,
    verifier: options.verifier,
    context: () => ({ store }),
  });
}
