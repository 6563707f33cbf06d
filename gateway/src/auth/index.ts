import type { ApolloServer } from '@apollo/server';
import {
  createTokenVerifier,
  DEFAULT_AUDIENCE,
  DEFAULT_ISSUER,
  silentLogger,
  type Logger,
  type RouteHandler,
  type TokenVerifier,
} from '@carebridge/common';
import type { GatewayContext } from '../context';
import { InMemoryAccountStore } from './accounts';
import { addDemoUsers } from './demo';
import { EhrSystemDirectory, type EhrSystemDirectoryOptions } from './ehrSystems';
import { graphEhrSystems, graphOperation, graphOrganizationRegistry, intakeLinks } from './graph';
import { InMemoryInviteStore } from './invites';
import type { KeyRing } from './keys';
import type { ScryptParams } from './passwords';
import { authRoutes } from './routes';
import { AuthService } from './service';
import { InMemorySessionStore } from './sessions';
import { LoginThrottle } from './throttle';
import { createTokenIssuer, type TokenIssuer } from './tokens';

export interface AuthOptions {
  /** Signs and verifies every token (keys.ts `signingKeyRing`). */
  keys: KeyRing;
  issuer?: string;
  audience?: string;
  /**
   * The graph, asked with a token minted for the person concerned: sign-up registers the clinic's
   * organization, intake links check the patient, the sign-up page lists EHR systems (graph.ts).
   */
  graph: ApolloServer<GatewayContext>;
  /** Lower scrypt cost for tests only; the default is OWASP's. */
  passwordParams?: ScryptParams;
  /** Creates the demo log-ins (demo.ts); never in production (config.ts). */
  demoUsers?: boolean;
  /** Marks the refresh cookie `Secure`; on unless told otherwise. */
  secureCookies?: boolean;
  logger?: Logger;
  /** The cache of `GET /auth/ehr-systems` (60 s); tests set its clock or TTL. */
  ehrSystemsCache?: Pick<EhrSystemDirectoryOptions, 'ttlMs' | 'failureBackoffMs' | 'now'>;
}

/** The gateway's identity part, as the rest of the gateway sees it. */
export interface Auth {
  /** Accounts, passwords, the log-in throttle, sessions and invites. */
  service: AuthService;
  tokens: TokenIssuer;
  /** Checks a token against this gateway's keys: the GraphQL context's check (context.ts). */
  verify: TokenVerifier;
  /** `/auth/*` and `/.well-known/jwks.json`. */
  routes: RouteHandler;
}

/**
 * Accounts and tokens: sign-up, log-in, refresh, log-out, invites, intake links and the JWKS,
 * over in-memory stores. Nothing to stop: no timer or connection outlives a request.
 */
export async function createAuth(options: AuthOptions): Promise<Auth> {
  const logger = options.logger ?? silentLogger;
  const issuer = options.issuer ?? DEFAULT_ISSUER;
  const audience = options.audience ?? DEFAULT_AUDIENCE;
  const verify = createTokenVerifier({ jwks: options.keys.jwks, issuer, audience });
  const tokens = createTokenIssuer({ keys: options.keys, issuer, audience });
  const run = graphOperation(options.graph, verify);

  const service = new AuthService({
    accounts: new InMemoryAccountStore(),
    sessions: new InMemorySessionStore(),
    invites: new InMemoryInviteStore(),
    tokens,
    throttle: new LoginThrottle(),
    organizations: graphOrganizationRegistry(run, tokens),
    ...(options.passwordParams ? { passwordParams: options.passwordParams } : {}),
  });
  if (options.demoUsers) await addDemoUsers(service);

  const routes = authRoutes({
    auth: service,
    keys: options.keys,
    verify,
    createIntakeLink: intakeLinks(run, tokens),
    ehrSystems: new EhrSystemDirectory(graphEhrSystems(run, tokens), { logger, ...options.ehrSystemsCache }),
    secureCookies: options.secureCookies ?? true,
  });
  return { service, tokens, verify, routes };
}
