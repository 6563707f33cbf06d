import {
  buildSchema,
  createSubgraphServer,
  loadTypeDefs,
  silentLogger,
  type Logger,
  type SubgraphService,
} from '@carebridge/common';
import type { Context } from './context';
import { createSeededStore, type EhrStore } from './data/store';
import { resolvers } from './resolvers';

export const typeDefs = loadTypeDefs(new URL('../schema.graphql', import.meta.url));

/** Builds the ehr subgraph; tests pass their own store and call it in-process. */
export function createService(options: { store?: EhrStore; logger?: Logger } = {}): SubgraphService<Context> {
  const store = options.store ?? createSeededStore();
  const logger = options.logger ?? silentLogger;
  const schema = buildSchema(typeDefs, resolvers);
  return {
    name: 'ehr',
    schema,
    server: createSubgraphServer<Context>(schema),
    logger,
    createContext: ({ requestId }) => Promise.resolve({ requestId, logger: logger.child({ requestId }), store }),
  };
}
