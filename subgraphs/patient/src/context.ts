import type { CursorCodec, ServiceContext } from '@carebridge/common';
import type { PatientStore } from './data/store';

/** The request context of the patient subgraph: resolvers reach data only through `store`. */
export interface Context extends ServiceContext {
  store: PatientStore;
  /** Seals and opens the patient list's cursors (CURSOR_KEY): their sort keys are names. */
  cursors: CursorCodec;
}
