import {
  createSubgraphService,
  DEV_AUDIT_HMAC_KEY,
  InMemoryAuditLog,
  silentLogger,
  type AuditSink,
  type Logger,
  type SubgraphService,
  type TokenVerifier,
} from '@carebridge/common';
import type { Context } from './context';
import { createSeededStore, type EhrStore } from './data/store';
import { DeliveryEngine } from './delivery/engine';
import { InMemorySnapshotStore, type SnapshotStore } from './delivery/snapshots';
import { createsPatientIn, InMemoryTransactionStore, type TransactionStore } from './delivery/transactions';
import { DeliveryWorker, type DeliveryWorkerOptions } from './delivery/worker';
import { InMemoryMappingStore, type MappingStore } from './mapping/store';
import { resolvers } from './resolvers';

export { createSeededStore };

export interface EhrService extends SubgraphService<Context> {
  /** The delivery engine and stores, shared by every request and by the worker. */
  shared: Pick<Context, 'delivery' | 'snapshots' | 'transactions'>;
  /** A worker that sends this service's transactions; `start()` it where delivery should run. */
  createWorker(options?: Partial<Omit<DeliveryWorkerOptions, 'ehr' | 'transactions'>>): DeliveryWorker;
}

/** Builds the ehr subgraph; tests pass their own store and verifier and call it in-process. */
export function createService(options: {
  verifier: TokenVerifier;
  store?: EhrStore;
  logger?: Logger;
  /** Mapping versions; by default kept in memory over the EHR store's platform versions. */
  mappings?: MappingStore;
  /** Delivery's stores; a restarted service given the same ones carries on where it stopped. */
  snapshots?: SnapshotStore;
  transactions?: TransactionStore;
  /** Where reads and sends of patient data are recorded; `src/index.ts` passes one built from config. */
  audit?: AuditSink;
}): EhrService {
  const store = options.store ?? createSeededStore();
  const logger = options.logger ?? silentLogger;
  // Delivery must read the same mapping versions the API publishes, hence one instance for both.
  const mappings = options.mappings ?? new InMemoryMappingStore(store);
  const snapshots = options.snapshots ?? new InMemorySnapshotStore();
  const transactions =
    options.transactions ?? new InMemoryTransactionStore({ createsPatient: createsPatientIn(store) });
  // Tests get a fresh in-memory log each; no file, the development key.
  const audit = options.audit ?? new InMemoryAuditLog({ service: 'ehr', key: DEV_AUDIT_HMAC_KEY });
  const delivery = new DeliveryEngine({
    ehr: store,
    mappings,
    snapshots,
    transactions,
    logger: logger.child({ component: 'delivery' }),
  });
  const service = createSubgraphService<Context>({
    name: 'ehr',
    schemaFile: new URL('../schema.graphql', import.meta.url),
    resolvers,
    logger,
    verifier: options.verifier,
    context: () => ({ store, mappings, snapshots, transactions, delivery, audit }),
  });
  return {
    ...service,
    shared: { delivery, snapshots, transactions },
    createWorker: (workerOptions = {}) =>
      new DeliveryWorker({
        logger: logger.child({ component: 'delivery' }),
        ...workerOptions,
        ehr: store,
        transactions,
      }),
  };
}
