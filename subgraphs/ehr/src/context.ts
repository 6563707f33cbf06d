import type { ServiceContext } from '@carebridge/common';
import type { AlertStore } from './alerts/store';
import type { EhrStore } from './data/store';
import type { DestinationPolicy } from './delivery/destinations';
import type { DeliveryEngine } from './delivery/engine';
import type { SnapshotStore } from './delivery/snapshots';
import type { TransactionStore } from './delivery/transactions';
import type { MappingStore } from './mapping/store';

/** The request context of the ehr subgraph. */
export interface Context extends ServiceContext {
  store: EhrStore;
  /** Mapping versions: the platform's and each organization's own. */
  mappings: MappingStore;
  /** What change events said of each patient. */
  snapshots: SnapshotStore;
  transactions: TransactionStore;
  delivery: DeliveryEngine;
  /** Where an EHR system an organization creates may point (`createEhrSystem`'s base URL policy). */
  destinations: DestinationPolicy;
  /** Alert rules and alerts of every organization. */
  alerts: AlertStore;
}
