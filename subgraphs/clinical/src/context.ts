import type { ServiceContext } from '@carebridge/common';
import type { ClinicalStore } from './data/store';

/** The request context of the clinical subgraph. */
export interface Context extends ServiceContext {
  store: ClinicalStore;
}
