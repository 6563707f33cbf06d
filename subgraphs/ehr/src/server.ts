import { createSubgraphService, type Logger, type SubgraphService, type TokenVerifier } from '@carebridge/common';
import type { Context } from './context';
import { createSeededStore, type EhrStore } from './data/store';
import { resolvers } from './resolvers';

export { createSeededStore };

/** Builds the ehr subgraph; tests pass their own store and verifier and call it in-process. */
export function createService(options: {
  verifier: TokenVerifier;
  store?: EhrStore;
  logger?: Logger;
}): SubgraphService<Context> {
  const store = options.store ?? createSeededStore();
  return createSubgraphService<Context>({
    name: 'ehr',
    schemaFile: new URL('../schema.graphql', import.meta.url),
    resolvers,
    logger: options.logger,
    verifier: options.verifier,
    context: () => ({ store }),
  });
}
