import type { IncomingHttpHeaders } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import type { ServiceContext } from './context';
import {
  readShutdownGraceMs,
  serveHttp,
  teeOutputToLogFile,
  type ReadinessCheck,
  type RouteHandler,
  type RunningService,
} from './http';
import { bearerToken, unauthenticated, type TokenVerifier } from './auth';
import { silentLogger, type Logger } from './logger';
import { buildSchema, createSubgraphServer, loadTypeDefs } from './subgraph';

/** What a request brings that a context is built from; the same in HTTP and in-process calls. */
export interface RequestInfo {
  headers: IncomingHttpHeaders;
  requestId: string;
}

/**
 * One subgraph, ready to serve: its schema, its Apollo Server, and how a request's context is
 * built. `src/server.ts` of each subgraph creates it; `src/index.ts` only runs it; tests call the
 * server with `executeOperation` and never need a port.
 */
export interface SubgraphService<TContext extends ServiceContext> {
  name: string;
  schema: GraphQLSchema;
  server: ApolloServer<TContext>;
  logger: Logger;
  createContext(request: RequestInfo): Promise<TContext>;
}

/** What makes one subgraph different from another; `createSubgraphService` does the rest. */
export interface SubgraphDefinition<TContext extends ServiceContext> {
  name: string;
  /** The subgraph's `schema.graphql`. */
  schemaFile: URL;
  /** The generated `Resolvers` object of the subgraph. */
  resolvers: object;
  logger?: Logger | undefined;
  /** Checks the access token of every request; a request without a valid one gets nothing. */
  verifier: TokenVerifier;
  /** What the subgraph adds to every request's context (its store, …). */
  context: (request: RequestInfo) => Omit<TContext, keyof ServiceContext>;
}

export function createSubgraphService<TContext extends ServiceContext>(
  definition: SubgraphDefinition<TContext>,
): SubgraphService<TContext> {
  const logger = definition.logger ?? silentLogger;
  const schema = buildSchema(loadTypeDefs(definition.schemaFile), definition.resolvers);
  return {
    name: definition.name,
    schema,
    server: createSubgraphServer<TContext>(schema),
    logger,
    createContext: async (request) => {
      // Every operation, `_entities` and `_service` included, needs a token the gateway signed:
      // calling a subgraph directly, around the gateway, gives nothing.
      const token = bearerToken(request.headers);
      const verified = token ? await definition.verifier(token) : undefined;
      if (!verified?.ok) {
        logger.warn('auth.rejected', { requestId: request.requestId, reason: verified?.reason ?? 'no token' });
        throw unauthenticated();
      }
      return {
        requestId: request.requestId,
        logger: logger.child({ requestId: request.requestId }),
        viewer: verified.viewer,
        authorization: `Bearer ${token}`,
        ...definition.context(request),
      } as TContext;
    },
  };
}

/** How a subgraph is served; see `HttpServiceOptions` for `readiness` and `shutdownGraceMs`. */
export interface ServeServiceOptions {
  port: number;
  host?: string;
  routes?: RouteHandler;
  readiness?: ReadinessCheck;
  shutdownGraceMs?: number;
}

/** Starts a subgraph's server and serves it over HTTP (port 0 picks a free port). */
export async function serveService<TContext extends ServiceContext>(
  service: SubgraphService<TContext>,
  { port, host, routes, readiness, shutdownGraceMs }: ServeServiceOptions,
): Promise<RunningService> {
  await service.server.start();
  return serveHttp({
    server: service.server,
    logger: service.logger,
    port,
    ...(host === undefined ? {} : { host }),
    ...(routes === undefined ? {} : { routes }),
    ...(readiness === undefined ? {} : { readiness }),
    ...(shutdownGraceMs === undefined ? {} : { shutdownGraceMs }),
    context: (request, requestId) => service.createContext({ headers: request.headers, requestId }),
  });
}

/** `serveService`, then stop cleanly on SIGINT or SIGTERM: what a subgraph's `src/index.ts` does. */
export async function runService<TContext extends ServiceContext>(
  service: SubgraphService<TContext>,
  options: ServeServiceOptions,
): Promise<RunningService> {
  const running = await serveService(service, options);
  stopOnSignals(service.logger, () => running.close(), { graceMs: options.shutdownGraceMs });
  return running;
}

export interface StopOnSignalsOptions {
  /**
   * The grace period `stop` is expected to honour (`SHUTDOWN_GRACE_MS` by default). It is logged,
   * and past it plus `STOP_MARGIN_MS` the process exits anyway with code 1: a stop that hangs (a
   * relay waiting on a dead peer, a handle left open) must not keep a replaced instance alive.
   */
  graceMs?: number | undefined;
  /** Replaceable in tests; `process.exit` otherwise. */
  exit?: (code: number) => void;
  /** Replaceable in tests; `process` otherwise. */
  signals?: Pick<NodeJS.Process, 'on'>;
}

/** Time after the grace period for what follows the drain (Apollo's stop, an outbox's last flush). */
export const STOP_MARGIN_MS = 10_000;

/**
 * Runs `stop` on the first SIGINT or SIGTERM, then exits 0 (1 if `stop` failed). `stop` is
 * normally a `RunningService.close()`: readiness fails at once, new connections are refused, and
 * in-flight requests finish within `SHUTDOWN_GRACE_MS`. A second signal exits at once (Ctrl-C
 * twice), and so does a stop that overruns the grace period by more than `STOP_MARGIN_MS`.
 */
export function stopOnSignals(logger: Logger, stop: () => Promise<void>, options: StopOnSignalsOptions = {}): void {
  const graceMs = options.graceMs ?? readShutdownGraceMs();
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const signals = options.signals ?? process;
  // The sandbox logs through here without calling serveHttp: its lines belong in LOG_FILE too.
  teeOutputToLogFile();
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      logger.warn('service.stop.interrupted', { signal });
      exit(1);
      return;
    }
    stopping = true;
    logger.info('service.stopping', { signal, graceMs });
    const backstop = setTimeout(() => {
      logger.error('service.stop.timeout', { graceMs, marginMs: STOP_MARGIN_MS });
      exit(1);
    }, graceMs + STOP_MARGIN_MS);
    backstop.unref();
    stop().then(
      () => {
        clearTimeout(backstop);
        exit(0);
      },
      (error: unknown) => {
        clearTimeout(backstop);
        logger.error('service.stop.failed', { error: error instanceof Error ? error.name : 'unknown' });
        exit(1);
      },
    );
  };
  signals.on('SIGINT', onSignal);
  signals.on('SIGTERM', onSignal);
}
