import type { Viewer } from '@carebridge/common';

/** The gateway's per-request context: who is calling, and what it forwards to the subgraphs. */
export interface GatewayContext {
  /** Sent to every subgraph as `x-request-id`, so one request can be followed through all logs. */
  requestId: string;
  /** The verified access token, forwarded to every subgraph, which verifies it again. */
  token: string;
  viewer: Viewer;
}
