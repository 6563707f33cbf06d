import type { ServiceContext } from '@carebridge/common';
import type { EhrStore } from './data/store';

/** The request context of the ehr subgraph. */
export interface Context extends ServiceContext {
  store: EhrStore;
}
