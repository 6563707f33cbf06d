import type { ServiceContext } from '@carebridge/common';
import type { PatientDirectory } from './data/patients';
import type { ClinicalStore } from './data/store';

/** The request context of the clinical subgraph. */
export interface Context extends ServiceContext {
  store: ClinicalStore;
  /** Asks the graph whether the caller may see a patient (this subgraph does not own patients). */
  patients: PatientDirectory;
}
