import type { ApolloServer } from '@apollo/server';
import {
  serveHttp,
  silentLogger,
  type Logger,
  type ReadinessCheck,
  type RouteHandler,
  type RunningService,
  type TokenVerifier,
} from '@carebridge/common';
import { createAuth, type AuthOptions } from './auth';
import type { AuthService } from './auth/service';
import type { TokenIssuer } from './auth/tokens';
import { readProtection } from './config';
import { graphqlContext, type ContextBuilder, type GatewayContext } from './context';
import { createRouter, type RouterOptions } from './router';
import { firstRoute, webAppRoutes } from './web';

export interface GatewayOptions extends Omit<AuthOptions, 'graph' | 'logger'>, Omit<RouterOptions, 'logger'> {
  logger?: Logger;
  /** The built web app (web/dist), served from this origin when it exists. */
  webDist?: string;
}

export interface Gateway {
  server: ApolloServer<GatewayContext>;
  auth: AuthService;
  tokens: TokenIssuer;
  verify: TokenVerifier;
  /** Builds a GraphQL request's context; refuses (401) a request without a valid token. */
  context: ContextBuilder;
  /** The REST endpoints (auth, JWKS) and, when built, the web app. */
  routes: RouteHandler;
}

/**
 * The gateway: the router (Apollo Server over the composed supergraph), accounts and tokens
 * beside it, and the web app. Auth comes after the router because it asks the graph (sign-up,
 * intake links); the router needs auth only per request, to verify the caller. Call `server.start()`.
 */
export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const logger = options.logger ?? silentLogger;
  const server = createRouter({ ...options, logger });
  const auth = await createAuth({ ...options, logger, graph: server });
  return {
    server,
    auth: auth.service,
    tokens: auth.tokens,
    verify: auth.verify,
    context: graphqlContext(auth.verify, logger),
    routes: firstRoute(auth.routes, ...(options.webDist ? [webAppRoutes(options.webDist)] : [])),
  };
}

/** Starts the gateway and serves it over HTTP (port 0 picks a free port). */
export async function serveGateway(
  options: GatewayOptions & {
    port: number;
    host?: string;
    logger: Logger;
    /** Larger request bodies are refused with 413 before parsing (MAX_BODY_BYTES, 1 MB). */
    maxBodyBytes?: number;
    /** What else `/health/ready` requires (index.ts: every subgraph answers); handed to serveHttp. */
    readiness?: ReadinessCheck;
  },
): Promise<RunningService & { gateway: Gateway }> {
  const gateway = await createGateway(options);
  await gateway.server.start();
  const running = await serveHttp({
    server: gateway.server,
    logger: options.logger,
    port: options.port,
    maxBodyBytes: options.maxBodyBytes ?? readProtection().maxBodyBytes,
    ...(options.readiness ? { readiness: options.readiness } : {}),
    ...(options.host === undefined ? {} : { host: options.host }),
    routes: gateway.routes,
    context: (request, requestId) => gateway.context(request.headers, requestId),
  });
  return { ...running, gateway };
}
