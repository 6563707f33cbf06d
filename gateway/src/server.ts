import type { ApolloServer } from '@apollo/server';
import {
  createMetrics,
  serveHttp,
  silentLogger,
  type Logger,
  type ReadinessCheck,
  type RouteHandler,
  type RunningService,
  type ServiceMetrics,
  type TokenVerifier,
} from '@carebridge/common';
import type { JWK } from 'jose';
import { createAuth, type AuthOptions } from './auth';
import { openGatewayDatabase, type GatewayDatabase } from './auth/database';
import { signingKeyRing, type KeyRing } from './auth/keys';
import { postgresStores } from './auth/postgresStores';
import type { AuthService } from './auth/service';
import type { TokenIssuer } from './auth/tokens';
import { readProtection } from './config';
import { graphqlContext, type ContextBuilder, type GatewayContext } from './context';
import { createRouter, type RouterOptions } from './router';
import { createSharedState, type SharedState } from './shared';
import { firstRoute, webAppRoutes } from './web';

export interface GatewayOptions extends Omit<AuthOptions, 'graph' | 'logger' | 'keys'>, Omit<RouterOptions, 'logger'> {
  logger?: Logger;
  /**
   * The signing keys. Left out: `signingKeys` (AUTH_SIGNING_KEYS) when given, else the key kept in
   * the database when there is one, else a key generated for this process (keys.ts).
   */
  keys?: KeyRing;
  signingKeys?: readonly JWK[];
  /**
   * PostgreSQL (DATABASE_URL, the schema `schemaName('gateway', env)`): accounts, sessions, invites
   * and generated signing keys live there, migrated at start. Left out: in memory. Ignored for the
   * stores when `stores` is given.
   */
  database?: { url: string; schema: string };
  /** Redis (REDIS_URL, REDIS_KEY_PREFIX) for throttles, rate limits and the deny-list; in-process when left out. */
  redis?: { url: string; keyPrefix?: string };
  /** The built web app (web/dist), served from this origin when it exists. */
  webDist?: string;
  /** Its Prometheus registry (served at /metrics); a new one when left out. */
  metrics?: ServiceMetrics;
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
  /** Operations, subgraph fetches and auth refusals, served at `/metrics` by `serveGateway`. */
  metrics: ServiceMetrics;
  /** Closes what the gateway opened (database pool, Redis); after the server has stopped. */
  close(): Promise<void>;
}

/**
 * The gateway: the router (Apollo Server over the composed supergraph), accounts and tokens
 * beside it, and the web app. Auth comes after the router because it asks the graph (sign-up,
 * intake links); the router needs auth only per request, to verify the caller. Call `server.start()`.
 */
export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const logger = options.logger ?? silentLogger;
  const metrics =
    options.metrics ??
    createMetrics({ service: 'gateway', production: options.production ?? readProtection().production });
  const opened: { close(): Promise<void> }[] = [];
  const close = async () => {
    for (const resource of opened.reverse()) await resource.close();
  };
  try {
    const database: GatewayDatabase | undefined = options.database
      ? await openGatewayDatabase({ ...options.database, logger })
      : undefined;
    if (database) opened.push(database);
    // Redis that does not answer stops the start (createSharedState): shared limits were asked for.
    const sharedState: SharedState | undefined =
      options.sharedState ??
      (options.redis
        ? await createSharedState({ redisUrl: options.redis.url, ...keyPrefix(options.redis), logger })
        : undefined);
    if (sharedState && !options.sharedState) opened.push(sharedState);
    const keys = options.keys ?? (await signingKeyRing(options.signingKeys, logger, database));
    const server = createRouter({ ...options, logger, metrics });
    const auth = await createAuth({
      ...options,
      keys,
      logger,
      metrics,
      graph: server,
      ...(sharedState ? { sharedState } : {}),
      ...(options.stores ? {} : database ? { stores: postgresStores(database) } : {}),
    });
    return {
      server,
      auth: auth.service,
      tokens: auth.tokens,
      verify: auth.verify,
      context: graphqlContext(auth.check, logger),
      routes: firstRoute(auth.routes, ...(options.webDist ? [webAppRoutes(options.webDist)] : [])),
      metrics,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

const keyPrefix = (redis: { keyPrefix?: string }) =>
  redis.keyPrefix === undefined ? {} : { keyPrefix: redis.keyPrefix };

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
  try {
    await gateway.server.start();
  } catch (error) {
    await gateway.close();
    throw error;
  }
  const running = await serveHttp({
    server: gateway.server,
    logger: options.logger,
    service: 'gateway',
    port: options.port,
    maxBodyBytes: options.maxBodyBytes ?? readProtection().maxBodyBytes,
    ...(options.readiness ? { readiness: options.readiness } : {}),
    ...(options.host === undefined ? {} : { host: options.host }),
    routes: gateway.routes,
    metrics: gateway.metrics,
    context: (request, requestId) => gateway.context(request.headers, requestId),
  });
  return {
    ...running,
    gateway,
    close: async () => {
      try {
        await running.close();
      } finally {
        await gateway.close();
      }
    },
  };
}
