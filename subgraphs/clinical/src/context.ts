import type { AuditSink, ServiceContext } from '@carebridge/common';
import type { PatientDirectory } from './data/patients';
import type { ClinicalStore } from './data/store';

/** The request context of the clinical subgraph. */
export interface Context extends ServiceContext {
  store: ClinicalStore;
  /** Asks the graph whether the caller may see a patient (this subgraph does not own patients). */
  patients: PatientDirectory;
  /** The PHI audit log: every read and submission of answers is recorded here. */
  audit: AuditSink;
}
