import type { IncomingHttpHeaders } from 'node:http';

/** The gateway's per-request context: what it forwards to the subgraphs. */
export interface GatewayContext {
  /** Sent to every subgraph as `x-request-id`, so one request can be followed through all logs. */
  requestId: string;
  /** The client's request headers, as received. */
  headers: IncomingHttpHeaders;
}
