import type { IncomingHttpHeaders } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import type { Fetcher } from '@apollo/utils.fetcher';
import {
  bearerToken,
  createTokenVerifier,
  DEFAULT_AUDIENCE,
  DEFAULT_ISSUER,
  serveHttp,
  silentLogger,
  unauthenticated,
  type Logger,
  type ReadinessCheck,
  type RouteHandler,
  type RunningService,
  type TokenVerifier,
} from '@carebridge/common';
import { InMemoryAccountStore } from './auth/accounts';
import { InMemoryInviteStore } from './auth/invites';
import { InMemorySessionStore } from './auth/sessions';
import { addDemoUsers } from './auth/demo';
import { EhrSystemDirectory, type EhrSystemDirectoryOptions } from './auth/ehrSystems';
import { graphEhrSystems, graphOperation, graphOrganizationRegistry, intakeLinks } from './auth/graph';
import type { KeyRing } from './auth/keys';
import type { ScryptParams } from './auth/passwords';
import { authRoutes } from './auth/routes';
import { firstRoute, webAppRoutes } from './web';
import { AuthService } from './auth/service';
import { LoginThrottle } from './auth/throttle';
import { createTokenIssuer, type TokenIssuer } from './auth/tokens';
import { readProtection } from './config';
import type { GatewayContext } from './context';
import { SubgraphDataSource } from './dataSource';
import { createErrorFormatter, errorCode, errorReportingPlugin, InternalError, isClientFacing } from './errors';
import { subgraphFetcher } from './fetcher';
import { operationLimitsPlugin, type OperationLimits } from './limits';

export interface GatewayOptions {
  /** The composed supergraph (supergraph.graphql). */
  supergraphSdl: string;
  /** Routing URLs that replace the composed ones, by subgraph name. */
  subgraphUrls?: Record<string, string>;
  /** How to reach a subgraph instead of HTTP, by name: tests serve subgraphs in-process. */
  fetchers?: Record<string, Fetcher>;
  keys: KeyRing;
  issuer?: string;
  audience?: string;
  /** Lower scrypt cost for tests only; the default is OWASP's. */
  passwordParams?: ScryptParams;
  demoUsers?: boolean;
  secureCookies?: boolean;
  logger?: Logger;
  /**
   * Production mode: no introspection, no "Did you mean" suggestions, no landing page. Defaults
   * to NODE_ENV=production (config.ts `readProtection`), so development unless told otherwise.
   */
  production?: boolean;
  /** Operation limits; each one left out is its LIMIT_* environment value or default (limits.ts). */
  limits?: Partial<OperationLimits>;
  /** Deadline of one subgraph call over HTTP (SUBGRAPH_TIMEOUT_MS, 10 s); `fetchers` are not limited. */
  subgraphTimeoutMs?: number;
  /** The built web app (web/dist), served from this origin when it exists. */
  webDist?: string;
  /** The cache of `GET /auth/ehr-systems` (60 s); tests set its clock or TTL. */
  ehrSystemsCache?: Pick<EhrSystemDirectoryOptions, 'ttlMs' | 'failureBackoffMs' | 'now'>;
}

export interface Gateway {
  server: ApolloServer<GatewayContext>;
  auth: AuthService;
  tokens: TokenIssuer;
  verify: TokenVerifier;
  /** Builds a GraphQL request's context; refuses (401) a request without a valid token. */
  context(headers: IncomingHttpHeaders, requestId: string): Promise<GatewayContext>;
  /** The REST endpoints (auth, JWKS) and, when built, the web app. */
  routes: RouteHandler;
}

/** The gateway: Apollo Server over the composed supergraph, plus accounts and tokens. Call `server.start()`. */
export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const logger = options.logger ?? silentLogger;
  const issuer = options.issuer ?? DEFAULT_ISSUER;
  const audience = options.audience ?? DEFAULT_AUDIENCE;
  const verify = createTokenVerifier({ jwks: options.keys.jwks, issuer, audience });
  const tokens = createTokenIssuer({ keys: options.keys, issuer, audience });

  // @apollo/gateway otherwise reports usage metrics to Apollo and probes cloud metadata hosts at
  // start; a platform holding PHI sends nothing anywhere it was not told to. The library offers
  // only this environment switch, read when the gateway is constructed.
  process.env['APOLLO_TELEMETRY_DISABLED'] = 'true';
  // Whatever the caller leaves out comes from the environment through config.ts, so a caller that
  // predates an option still gets NODE_ENV=production behaviour and the LIMIT_* settings.
  const defaults = readProtection();
  const production = options.production ?? defaults.production;
  const limits: OperationLimits = { ...defaults.limits, ...options.limits };
  const fetcher = subgraphFetcher(options.subgraphTimeoutMs ?? defaults.subgraphTimeoutMs);

  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) =>
      new SubgraphDataSource({
        name,
        url: options.subgraphUrls?.[name] ?? url,
        fetcher: options.fetchers?.[name] ?? fetcher,
        logger,
      }),
  });
  const server = new ApolloServer<GatewayContext>({
    gateway,
    includeStacktraceInErrorResponses: false,
    // Clients see only errors written for them; everything else is masked and logged.
    formatError: createErrorFormatter({ production }),
    introspection: !production,
    // Apollo Server 5's switch for the "Did you mean …?" hints that spell out the schema.
    hideSchemaDetailsFromClientErrors: production,
    // The landing page is Sandbox in development; production serves none (Sandbox loads from a CDN).
    plugins: [
      production ? ApolloServerPluginLandingPageDisabled() : ApolloServerPluginLandingPageLocalDefault(),
      operationLimitsPlugin(limits),
      errorReportingPlugin(logger),
    ],
    // graphql-js stops lexing past this many tokens, so an oversized query is refused before it is parsed whole.
    parseOptions: { maxTokens: limits.maxTokens },
    // Apollo's own guard against fragments that multiply selections during validation.
    maxRecursiveSelections: true,
    // An array of operations in one request would multiply every limit above; one operation per request.
    allowBatchedHttpRequests: false,
    // Default, stated: a GET or simple POST without a preflight-forcing header is refused.
    csrfPrevention: true,
    // The process stops in its own order on SIGINT/SIGTERM (stopOnSignals in index.ts).
    stopOnTerminationSignals: false,
  });

  const run = graphOperation(server, verify);
  const auth = new AuthService({
    accounts: new InMemoryAccountStore(),
    sessions: new InMemorySessionStore(),
    invites: new InMemoryInviteStore(),
    tokens,
    throttle: new LoginThrottle(),
    organizations: graphOrganizationRegistry(run, tokens),
    ...(options.passwordParams ? { passwordParams: options.passwordParams } : {}),
  });
  if (options.demoUsers) await addDemoUsers(auth);

  return {
    server,
    auth,
    tokens,
    verify,
    context: async (headers, requestId) => {
      try {
        const token = bearerToken(headers);
        if (!token)
          throw unauthenticated('Sign in: this request needs an access token (Authorization: Bearer <token>).');
        const verified = await verify(token);
        if (!verified.ok) {
          logger.warn('auth.rejected', { requestId, reason: verified.reason });
          throw unauthenticated('Your access token is invalid or has expired: sign in again.');
        }
        return { requestId, token, viewer: verified.viewer };
      } catch (error) {
        if (isClientFacing(errorCode(error))) throw error;
        // No request plugin runs for a request without a context: log and name the request id here.
        logger.error('graphql.error', {
          requestId,
          code: 'INTERNAL_SERVER_ERROR',
          message: error instanceof Error ? error.message : String(error),
          stack: error instanceof Error ? error.stack : undefined,
        });
        throw new InternalError(requestId);
      }
    },
    routes: firstRoute(
      authRoutes({
        auth,
        keys: options.keys,
        verify,
        createIntakeLink: intakeLinks(run, tokens),
        ehrSystems: new EhrSystemDirectory(graphEhrSystems(run, tokens), { logger, ...options.ehrSystemsCache }),
        secureCookies: options.secureCookies ?? true,
      }),
      ...(options.webDist ? [webAppRoutes(options.webDist)] : []),
    ),
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
