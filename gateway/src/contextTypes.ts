import type { IncomingHttpHeaders } from 'node:http';
import type { Viewer } from '@carebridge/common';

// The context's types stand apart from `context.ts`, which builds it with the error helpers: the
// error and limit plugins name the type, and importing it from the builder would be a circle.

/** The gateway's per-request context: who is calling, and what it forwards to the subgraphs. */
export interface GatewayContext {
  /** Sent to every subgraph as `x-request-id`, so one request can be followed through all logs. */
  requestId: string;
  /** The verified access token, forwarded to every subgraph, which verifies it again. */
  token: string;
  viewer: Viewer;
}

export type ContextBuilder = (headers: IncomingHttpHeaders, requestId: string) => Promise<GatewayContext>;
