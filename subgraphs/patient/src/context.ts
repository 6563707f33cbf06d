import type { ServiceContext } from '@carebridge/common';
import type { PatientStore } from './data/store';

/** The request context of the patient subgraph: resolvers reach data only through `store`. */
export interface Context extends ServiceContext {
  store: PatientStore;
}
