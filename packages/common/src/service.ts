import type { IncomingHttpHeaders } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import type { ServiceContext } from './context';
import { serveHttp, type RouteHandler, type RunningService } from './http';
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

/** Starts a subgraph's server and serves it over HTTP (port 0 picks a free port). */
export async function serveService<TContext extends ServiceContext>(
  service: SubgraphService<TContext>,
  { port, host, routes }: { port: number; host?: string; routes?: RouteHandler },
): Promise<RunningService> {
  await service.server.start();
  return serveHttp({
    server: service.server,
    logger: service.logger,
    port,
    ...(host === undefined ? {} : { host }),
    ...(routes === undefined ? {} : { routes }),
    context: (request, requestId) => service.createContext({ headers: request.headers, requestId }),
  });
}

/** `serveService`, then stop cleanly on SIGINT or SIGTERM: what a subgraph's `src/index.ts` does. */
export async function runService<TContext extends ServiceContext>(
  service: SubgraphService<TContext>,
  options: { port: number; host?: string },
): Promise<RunningService> {
  const running = await serveService(service, options);
  stopOnSignals(service.logger, () => running.close());
  return running;
}

/** Runs `stop` once on the first SIGINT or SIGTERM, then exits. */
export function stopOnSignals(logger: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.info('service.stopping', { signal });
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}
