import type { ApolloServer } from '@apollo/server';
import {
  createTokenVerifier,
  DEFAULT_AUDIENCE,
  DEFAULT_ISSUER,
  silentLogger,
  type Logger,
  type RouteHandler,
  type ServiceMetrics,
  type TokenVerifier,
} from '@carebridge/common';
import type { GatewayContext } from '../context';
import { createSharedState, type RateLimitOptions, type SharedState } from '../shared';
import { InMemoryAccountStore, type AccountStore } from './accounts';
import { parseTrustedProxies } from './clientAddress';
import { addDemoUsers } from './demo';
import { EhrSystemDirectory, type EhrSystemDirectoryOptions } from './ehrSystems';
import { graphEhrSystems, graphOperation, graphOrganizationRegistry } from './graph';
import { intakeLinks } from './intake';
import { InMemoryIntakeLinkStore, type IntakeLinkStore } from './intakeLinks';
import { InMemoryInviteStore, type InviteStore } from './invites';
import type { KeyRing } from './keys';
import { ConcurrencyLimiter, DEFAULT_HASH_LIMITS, type HashLimits } from './limiter';
import type { ScryptParams } from './passwords';
import { Revocations } from './revocation';
import { authRoutes } from './routes';
import { AuthService } from './service';
import { InMemorySessionStore, type SessionStore } from './sessions';
import { createTokenIssuer, type TokenIssuer } from './tokens';

export interface AuthStores {
  accounts: AccountStore;
  sessions: SessionStore;
  invites: InviteStore;
  intakeLinks: IntakeLinkStore;
}

/** Per client address, on `/auth/login`, `/auth/signup`, `/auth/refresh` and `/auth/intake-links/open`. */
export interface AuthRateLimits {
  login: RateLimitOptions;
  signup: RateLimitOptions;
  refresh: RateLimitOptions;
  intakeOpen: RateLimitOptions;
}

/**
 * Generous for one person, and for a clinic's staff behind one address; they bound floods, and the
 * log-in throttle (per email and source) is what stops password guessing.
 */
export const DEFAULT_RATE_LIMITS: AuthRateLimits = {
  login: { limit: 60, windowMs: 60_000 },
  signup: { limit: 20, windowMs: 60_000 },
  refresh: { limit: 120, windowMs: 60_000 },
  // A patient opens their link a few times; 2^128 ids are not found at 30 guesses a minute.
  intakeOpen: { limit: 30, windowMs: 60_000 },
};

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
  /** How long after a rotation a concurrent refresh with the exchanged cookie gets the same new one (AUTH_REFRESH_GRACE_SECONDS, 20 s). */
  refreshGraceMs?: number;
  /** Password hashes running and waiting at once (AUTH_HASH_CONCURRENCY, AUTH_HASH_QUEUE); limiter.ts. */
  hashLimits?: Partial<HashLimits>;
  /** Creates the demo log-ins (demo.ts); never in production (config.ts). */
  demoUsers?: boolean;
  /** Marks the refresh cookie `Secure`; on unless told otherwise. */
  secureCookies?: boolean;
  logger?: Logger;
  /** Where the auth routes count failed log-ins and refusals (routes.ts). */
  metrics?: ServiceMetrics;
  /** The cache of `GET /auth/ehr-systems` (60 s); tests set its clock or TTL. */
  ehrSystemsCache?: Pick<EhrSystemDirectoryOptions, 'ttlMs' | 'failureBackoffMs' | 'now'>;
  /** Accounts, sessions, invites and intake links; in memory unless given (the PostgreSQL ones: postgresStores.ts). */
  stores?: AuthStores;
  /** Throttles, rate limits and the deny-list (shared/); in-process unless given. The caller closes it. */
  sharedState?: SharedState;
  /** Each one left out is its DEFAULT_RATE_LIMITS value. */
  rateLimits?: Partial<AuthRateLimits>;
  /** Peers whose X-Forwarded-For names the client (TRUSTED_PROXIES); none by default. */
  trustedProxies?: readonly string[];
}

/** The gateway's identity part, as the rest of the gateway sees it. */
export interface Auth {
  /** Accounts, passwords, the log-in throttle, sessions and invites. */
  service: AuthService;
  tokens: TokenIssuer;
  /** Checks a token's signature and claims against this gateway's keys. */
  verify: TokenVerifier;
  /** `verify`, and refuses revoked tokens: the GraphQL context's check (context.ts). */
  check: TokenVerifier;
  /** `/auth/*` and `/.well-known/jwks.json`. */
  routes: RouteHandler;
}

/**
 * Accounts and tokens: sign-up, log-in, refresh, log-out, invites, intake links and the JWKS,
 * over the stores and shared state it is given (in memory otherwise). It owns no connection:
 * whoever opened the database and Redis closes them (createGateway).
 */
export async function createAuth(options: AuthOptions): Promise<Auth> {
  const logger = options.logger ?? silentLogger;
  const issuer = options.issuer ?? DEFAULT_ISSUER;
  const audience = options.audience ?? DEFAULT_AUDIENCE;
  const verify = createTokenVerifier({ jwks: options.keys.jwks, issuer, audience });
  const tokens = createTokenIssuer({ keys: options.keys, issuer, audience });
  const run = graphOperation(options.graph, verify);
  const shared = options.sharedState ?? (await createSharedState({ logger }));
  const revocations = new Revocations(shared.denyList);
  const check = revocations.checking(verify);
  const stores = options.stores ?? {
    accounts: new InMemoryAccountStore(),
    sessions: new InMemorySessionStore(),
    invites: new InMemoryInviteStore(),
    intakeLinks: new InMemoryIntakeLinkStore(),
  };
  const limits = { ...DEFAULT_RATE_LIMITS, ...options.rateLimits };

  const service = new AuthService({
    ...stores,
    tokens,
    guard: shared.loginGuard(),
    revocations,
    organizations: graphOrganizationRegistry(run, tokens),
    hashLimiter: new ConcurrencyLimiter({ ...DEFAULT_HASH_LIMITS, ...options.hashLimits }),
    ...(options.refreshGraceMs === undefined ? {} : { refreshGraceMs: options.refreshGraceMs }),
    logger,
    ...(options.passwordParams ? { passwordParams: options.passwordParams } : {}),
  });
  if (options.demoUsers) await addDemoUsers(service);

  const routes = authRoutes({
    auth: service,
    keys: options.keys,
    check,
    verify,
    rateLimits: {
      login: shared.rateLimiter('auth-login', limits.login),
      signup: shared.rateLimiter('auth-signup', limits.signup),
      refresh: shared.rateLimiter('auth-refresh', limits.refresh),
      intakeOpen: shared.rateLimiter('auth-intake-open', limits.intakeOpen),
    },
    trustedProxies: new Set(parseTrustedProxies((options.trustedProxies ?? []).join(','))),
    intakeLinks: intakeLinks({ run, tokens, verify, store: stores.intakeLinks }),
    ehrSystems: new EhrSystemDirectory(graphEhrSystems(run, tokens), { logger, ...options.ehrSystemsCache }),
    secureCookies: options.secureCookies ?? true,
    ...(options.metrics ? { metrics: options.metrics } : {}),
  });
  return { service, tokens, verify, check, routes };
}
