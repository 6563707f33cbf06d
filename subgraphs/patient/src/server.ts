import { createSubgraphService, type Logger, type SubgraphService } from '@carebridge/common';
import type { Context } from './context';
import { createSeededStore } from './data/seed';
import type { PatientStore } from './data/store';
import { resolvers } from './resolvers';

export { createSeededStore };

/** Builds the patient subgraph; tests pass their own store and call it in-process. */
export function createService(options: { store?: PatientStore; logger?: Logger } = {}): SubgraphService<Context> {
  const store = options.store ?? createSeededStore();
  return createSubgraphService<Context>({
    name: 'patient',
    schemaFile: new URL('../schema.graphql', import.meta.url),
    resolvers,
    logger: options.logger,
    context: () => ({ store }),
  });
}
