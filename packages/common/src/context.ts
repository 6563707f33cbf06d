import type { Logger } from './logger';

/** What every subgraph's request context carries. Each subgraph extends it with its own store. */
export interface ServiceContext {
  /** Travels from the gateway to the subgraphs in `x-request-id`, and into every log line. */
  requestId: string;
  logger: Logger;
}
