import type { IncomingHttpHeaders } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import { auditSettledPlugin, DEV_AUDIT_HMAC_KEY, InMemoryAuditLog, type AuditSink } from './audit';
import type { ServiceContext } from './context';
import type { ReadinessCheck, RouteHandler } from './http';
import { bearerToken, unauthenticated, type TokenVerifier } from './auth';
import { silentLogger, type Logger } from './logger';
import { createMetrics, type ServiceMetrics } from './metrics';
import { serviceSdlPlugin } from './serviceAccess';
import { buildSchema, createSubgraphServer, isProduction, loadTypeDefs, subgraphErrorLogPlugin } from './subgraph';

/** What a request brings that a context is built from; the same in HTTP and in-process calls. */
export interface RequestInfo {
  headers: IncomingHttpHeaders;
  requestId: string;
}

/**
 * Background work a service does while it serves (an outbox relay, the delivery worker). The
 * runner starts it once the service listens and stops it once the service has drained.
 */
export interface Worker {
  start(): void;
  /** Ends the work and resolves when what was under way is done; never rejects for a peer that is down. */
  stop(): Promise<void>;
}

/**
 * One subgraph, ready to serve: its schema, its Apollo Server, how a request's context is built,
 * and what it serves and runs besides GraphQL. `src/server.ts` of each subgraph creates it with
 * all of its wiring; `src/index.ts` only runs it (`runService`); tests call the server with
 * `executeOperation` and never need a port, or serve it whole with `serveService`.
 */
export interface SubgraphService<TContext extends ServiceContext> {
  name: string;
  schema: GraphQLSchema;
  server: ApolloServer<TContext>;
  logger: Logger;
  createContext(request: RequestInfo): Promise<TContext>;
  /** Paths it answers besides /graphql and /health (the ehr subgraph's /internal/events). */
  routes: RouteHandler[];
  /** Started after it listens, stopped in this order after it drains. */
  workers: Worker[];
  /** Its Prometheus registry, served at `/metrics`: HTTP and GraphQL figures, and what its parts add. */
  metrics: ServiceMetrics;
  /** What `/health/ready` requires besides the runner's own checks: the verifier has the gateway's keys. */
  readiness?: ReadinessCheck;
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
  /** Where reads and changes of patient data are recorded; a fresh in-memory log (development key) by default. */
  audit?: AuditSink | undefined;
  routes?: RouteHandler[];
  workers?: Worker[];
  /** The registry its parts (outbox relay, delivery worker) count in; a new one when left out. */
  metrics?: ServiceMetrics | undefined;
  /** Production mode (no introspection, no suggestions); NODE_ENV=production when left out. */
  production?: boolean | undefined;
  /** What the subgraph adds to every request's context (its store, …). */
  context: (request: RequestInfo) => Omit<TContext, keyof ServiceContext>;
}

export function createSubgraphService<TContext extends ServiceContext>(
  definition: SubgraphDefinition<TContext>,
): SubgraphService<TContext> {
  const logger = definition.logger ?? silentLogger;
  const schema = buildSchema(loadTypeDefs(definition.schemaFile), definition.resolvers);
  // Tests get a log of their own per service; `src/index.ts` passes the configured one (key, file).
  const audit = definition.audit ?? new InMemoryAuditLog({ service: definition.name, key: DEV_AUDIT_HMAC_KEY });
  const production = definition.production ?? isProduction();
  const metrics = definition.metrics ?? createMetrics({ service: definition.name, production });
  return {
    name: definition.name,
    schema,
    // Masked errors are logged (class and code only); `_service` is the service token's in
    // production; every response waits for its request's audit records, and fails when one was
    // not written.
    server: createSubgraphServer<TContext>(
      schema,
      [
        metrics.plugin<TContext>(),
        subgraphErrorLogPlugin(logger),
        serviceSdlPlugin({ production, logger }),
        auditSettledPlugin(logger),
      ],
      { production },
    ),
    logger,
    routes: definition.routes ?? [],
    workers: definition.workers ?? [],
    metrics,
    // Not ready until the gateway's keys are fetched (AUTH_JWKS_URL): before that every request fails.
    ...(definition.verifier.keysReady ? { readiness: definition.verifier.keysReady } : {}),
    createContext: async (request) => {
      // Every operation, `_entities` and `_service` included, needs a token the gateway signed:
      // calling a subgraph directly, around the gateway, gives nothing.
      const token = bearerToken(request.headers);
      const verified = token ? await definition.verifier(token) : undefined;
      const base = {
        requestId: request.requestId,
        logger: logger.child({ requestId: request.requestId }),
        authorization: `Bearer ${token}`,
        audit,
      };
      if (verified?.ok) return { ...base, viewer: verified.viewer, ...definition.context(request) } as TContext;
      if (token && (await definition.verifier.isServiceToken?.(token))) {
        // The gateway's service token: serviceSdlPlugin lets it read `_service` only, and it has
        // no viewer for anything else to act as.
        return Object.defineProperty({ ...base, serviceToken: true, ...definition.context(request) }, 'viewer', {
          get: () => {
            throw new Error('A service token has no viewer');
          },
        }) as unknown as TContext;
      }
      logger.warn('auth.rejected', { requestId: request.requestId, reason: verified?.reason ?? 'no token' });
      throw unauthenticated();
    },
  };
}
