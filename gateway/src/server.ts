import type { IncomingHttpHeaders } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
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
  type RunningService,
  type TokenVerifier,
} from '@carebridge/common';
import { InMemoryAccountStore } from './auth/accounts';
import { addDemoUsers } from './auth/demo';
import { graphOperation, graphOrganizationRegistry, intakeLinks } from './auth/graph';
import type { KeyRing } from './auth/keys';
import type { ScryptParams } from './auth/passwords';
import { authRoutes } from './auth/routes';
import { AuthService } from './auth/service';
import { LoginThrottle } from './auth/throttle';
import { createTokenIssuer, type TokenIssuer } from './auth/tokens';
import type { GatewayContext } from './context';
import { SubgraphDataSource } from './dataSource';

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
}

export interface Gateway {
  server: ApolloServer<GatewayContext>;
  auth: AuthService;
  tokens: TokenIssuer;
  verify: TokenVerifier;
  /** Builds a GraphQL request's context; refuses (401) a request without a valid token. */
  context(headers: IncomingHttpHeaders, requestId: string): Promise<GatewayContext>;
  routes: ReturnType<typeof authRoutes>;
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
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) => {
      const fetcher = options.fetchers?.[name];
      return new SubgraphDataSource({ url: options.subgraphUrls?.[name] ?? url, ...(fetcher ? { fetcher } : {}) });
    },
  });
  const server = new ApolloServer<GatewayContext>({
    gateway,
    includeStacktraceInErrorResponses: false,
    // The process stops in its own order on SIGINT/SIGTERM (stopOnSignals in index.ts).
    stopOnTerminationSignals: false,
  });

  const run = graphOperation(server, verify);
  const auth = new AuthService({
    store: new InMemoryAccountStore(),
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
      const token = bearerToken(headers);
      if (!token) throw unauthenticated('Sign in: this request needs an access token (Authorization: Bearer <token>).');
      const verified = await verify(token);
      if (!verified.ok) {
        logger.warn('auth.rejected', { requestId, reason: verified.reason });
        throw unauthenticated('Your access token is invalid or has expired: sign in again.');
      }
      return { requestId, token, viewer: verified.viewer };
    },
    routes: authRoutes({
      auth,
      keys: options.keys,
      verify,
      createIntakeLink: intakeLinks(run, tokens),
      secureCookies: options.secureCookies ?? true,
    }),
  };
}

/** Starts the gateway and serves it over HTTP (port 0 picks a free port). */
export async function serveGateway(
  options: GatewayOptions & { port: number; host?: string; logger: Logger },
): Promise<RunningService & { gateway: Gateway }> {
  const gateway = await createGateway(options);
  await gateway.server.start();
  const running = await serveHttp({
    server: gateway.server,
    logger: options.logger,
    port: options.port,
    ...(options.host === undefined ? {} : { host: options.host }),
    routes: gateway.routes,
    context: (request, requestId) => gateway.context(request.headers, requestId),
  });
  return { ...running, gateway };
}
