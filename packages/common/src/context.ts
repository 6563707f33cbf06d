import type { AuditSink } from './audit';
import type { Viewer } from './auth';
import type { Logger } from './logger';

/** What every subgraph's request context carries. Each subgraph extends it with its own store. */
export interface ServiceContext {
  /** Travels from the gateway to the subgraphs in `x-request-id`, and into every log line. */
  requestId: string;
  logger: Logger;
  /**
   * Who is calling, from the verified access token: there is no context without one. A request
   * with the gateway's service token (`serviceToken`) has none, and reading it throws.
   */
  viewer: Viewer;
  /** True for the gateway's service token, which may read `_service` only (serviceAccess.ts). */
  serviceToken?: true;
  /** The caller's `authorization` header, for the rare call this service makes on their behalf. */
  authorization: string;
  /** The PHI audit log: every read and change of patient data this service serves is recorded here. */
  audit: AuditSink;
}
