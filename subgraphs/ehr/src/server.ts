import {
  createMetrics,
  createSubgraphService,
  silentLogger,
  type AuditSink,
  type Logger,
  type SubgraphService,
  type TokenVerifier,
} from '@carebridge/common';
import { AlertEvaluator, AlertWorker } from './alerts/evaluator';
import { AlertNotifier, type NotifierPolicy } from './alerts/notifier';
import { InMemoryAlertStore, type AlertStore } from './alerts/store';
import type { Context } from './context';
import { createSeededStore, type EhrStore } from './data/store';
import { DestinationGuard, type DestinationPolicy, type Resolver } from './delivery/destinations';
import { DeliveryEngine } from './delivery/engine';
import { eventsRoute } from './delivery/events';
import { deliveryMetrics } from './delivery/metrics';
import type { PinnedFetch } from './delivery/pinnedFetch';
import { InMemorySnapshotStore, type SnapshotStore } from './delivery/snapshots';
import { createsPatientIn, InMemoryTransactionStore, type TransactionStore } from './delivery/transactions';
import { DeliveryWorker, type DeliveryWorkerOptions } from './delivery/worker';
import { InMemoryMappingStore, type MappingStore } from './mapping/store';
import { resolvers } from './resolvers';

export { createSeededStore };

export interface EhrService extends SubgraphService<Context> {
  /** The delivery engine and stores, shared by every request and by the worker: tests feed events here. */
  shared: Pick<Context, 'delivery' | 'snapshots' | 'transactions' | 'alerts'> & {
    /** Evaluates the alert rules once (tests drive it with their own clock). */
    evaluator: AlertEvaluator;
    /** Sends the webhook notifications due (tests drive it with their own clock). */
    notifier: AlertNotifier;
  };
}

export interface EhrServiceOptions {
  verifier: TokenVerifier;
  /** Production mode (createSubgraphService); NODE_ENV=production when left out. */
  production?: boolean;
  store?: EhrStore;
  logger?: Logger;
  /** Mapping versions; by default kept in memory over the EHR store's platform versions. */
  mappings?: MappingStore;
  /** Delivery's stores; a restarted service given the same ones carries on where it stopped. */
  snapshots?: SnapshotStore;
  transactions?: TransactionStore;
  /** Alert rules and alerts; in memory by default. */
  alerts?: AlertStore;
  /** How often the alert worker evaluates every rule (`ALERT_EVALUATION_MS`); 15 s by default. */
  alertEvaluationMs?: number;
  /** Alert webhooks' retry policy, and their HTTP client (tests). */
  alertWebhooks?: { policy?: Partial<NotifierPolicy>; pinnedFetch?: PinnedFetch };
  /** Where reads and sends of patient data are recorded; `src/index.ts` passes one built from config. */
  audit?: AuditSink;
  /**
   * The secret the patient and clinical subgraphs sign change events with. Without it the service
   * serves no `/internal/events`: tests in-process hand events to `shared.delivery` instead.
   */
  eventsSecret?: string;
  /** The delivery worker's retry policy and pace; it sends to the EHR base URLs in `store`. */
  delivery?: Partial<Omit<DeliveryWorkerOptions, 'ehr' | 'transactions' | 'destinations'>>;
  /**
   * Where EHR systems organizations create may point, checked at `createEhrSystem` and before
   * every send (`delivery/destinations.ts`): https only and nothing allow-listed unless told;
   * `resolve` replaces DNS (tests).
   */
  destinations?: { requireHttps?: boolean; allowedOrigins?: Iterable<string>; resolve?: Resolver };
}

function destinationPolicy(options: EhrServiceOptions['destinations'] = {}): DestinationPolicy {
  return {
    requireHttps: options.requireHttps ?? true,
    allowedOrigins: new Set([...(options.allowedOrigins ?? [])].map((origin) => new URL(origin).origin)),
  };
}

/** Builds the ehr subgraph with its events route and delivery worker; tests pass their own store and verifier. */
export function createService(options: EhrServiceOptions): EhrService {
  const store = options.store ?? createSeededStore();
  const destinations = destinationPolicy(options.destinations);
  const logger = options.logger ?? silentLogger;
  // Delivery must read the same mapping versions the API publishes, hence one instance for both.
  const mappings = options.mappings ?? new InMemoryMappingStore(store);
  const snapshots = options.snapshots ?? new InMemorySnapshotStore();
  const transactions =
    options.transactions ?? new InMemoryTransactionStore({ createsPatient: createsPatientIn(store) });
  const delivery = new DeliveryEngine({
    ehr: store,
    mappings,
    snapshots,
    transactions,
    logger: logger.child({ component: 'delivery' }),
  });
  const metrics = createMetrics({ service: 'ehr', production: options.production });
  const alerts = options.alerts ?? new InMemoryAlertStore();
  const alertLogger = logger.child({ component: 'alerts' });
  const evaluator = new AlertEvaluator({ alerts, transactions, logger: alertLogger });
  const notifier = new AlertNotifier({
    alerts,
    destinations: new DestinationGuard(destinations, options.destinations?.resolve),
    logger: alertLogger,
    ...options.alertWebhooks,
  });
  const service = createSubgraphService<Context>({
    name: 'ehr',
    schemaFile: new URL('../schema.graphql', import.meta.url),
    resolvers,
    logger,
    verifier: options.verifier,
    metrics,
    production: options.production,
    audit: options.audit,
    routes: options.eventsSecret === undefined ? [] : [eventsRoute(delivery, options.eventsSecret, logger)],
    workers: [
      new DeliveryWorker({
        logger: logger.child({ component: 'delivery' }),
        ...options.delivery,
        metrics: deliveryMetrics(metrics, transactions),
        ehr: store,
        transactions,
        destinations: new DestinationGuard(destinations, options.destinations?.resolve),
      }),
      new AlertWorker(evaluator, notifier, { intervalMs: options.alertEvaluationMs ?? 15_000, logger: alertLogger }),
    ],
    context: () => ({ store, mappings, snapshots, transactions, delivery, destinations, alerts }),
  });
  return { ...service, shared: { delivery, snapshots, transactions, alerts, evaluator, notifier } };
}
