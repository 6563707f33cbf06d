import type { AuditSink, ServiceContext } from '@carebridge/common';
import type { PatientStore } from './data/store';

/** The request context of the patient subgraph: resolvers reach data only through `store`. */
export interface Context extends ServiceContext {
  store: PatientStore;
  /** The PHI audit log: every read and change of a patient is recorded here (see audit.ts in common). */
  audit: AuditSink;
}
