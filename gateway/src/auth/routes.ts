import type { IncomingMessage } from 'node:http';
import {
  bearerToken,
  sendJson,
  type RouteHandler,
  type ServiceMetrics,
  type StaffViewer,
  type TokenVerifier,
} from '@carebridge/common';
import { SharedStateUnavailableError, type RateLimiter } from '../shared';
import { clientAddress } from './clientAddress';
import { EHR_SYSTEMS_TTL_MS, type EhrSystemDirectory } from './ehrSystems';
import type { IntakeLinks } from './intake';
import type { KeyRing } from './keys';
import { Revocations } from './revocation';
import type { AuthResult, AuthService } from './service';

export const REFRESH_COOKIE = 'cb_refresh';

export interface AuthRoutesOptions {
  auth: AuthService;
  keys: KeyRing;
  /** Signature, claims and revocation: what a request's access token is checked with. */
  check: TokenVerifier;
  /** Signature and claims only: log-out takes a revoked token too (revoking it again is harmless). */
  verify: TokenVerifier;
  /**
   * Per client address; a refused request answers 429 with Retry-After. `intakeOpen` bounds the
   * exchange of intake link ids, so ids cannot be guessed at speed.
   */
  rateLimits: { login: RateLimiter; signup: RateLimiter; refresh: RateLimiter; intakeOpen: RateLimiter };
  /** Peers whose X-Forwarded-For is believed (clientAddress.ts). */
  trustedProxies: ReadonlySet<string>;
  /** Creates an intake link (staff) and opens one (the patient's page): intake.ts. */
  intakeLinks: Pick<IntakeLinks, 'create' | 'open'>;
  /** The EHR systems a new clinic can choose, for the public `GET /auth/ehr-systems`. */
  ehrSystems: Pick<EhrSystemDirectory, 'list' | 'retryAfterSeconds'>;
  /** Marks the refresh cookie `Secure` (HTTPS only); off only in development on plain http. */
  secureCookies: boolean;
  /** The gateway's metrics: failed log-ins, and answers 429 (throttled) and 503 (busy) by endpoint. */
  metrics?: ServiceMetrics;
}

function cookieValue(request: IncomingMessage, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

function refreshCookieHeader(value: string, secure: boolean): string {
  const attributes = ['Path=/auth', 'HttpOnly', 'SameSite=Strict', ...(secure ? ['Secure'] : [])];
  return value === ''
    ? [`${REFRESH_COOKIE}=`, 'Max-Age=0', ...attributes].join('; ')
    : [`${REFRESH_COOKIE}=${value}`, `Max-Age=${12 * 60 * 60}`, ...attributes].join('; ');
}

/** The deny-list could not be read: whether the token was revoked is unknown, so it is not accepted. */
export const REVOCATION_UNKNOWN: AuthResult = {
  status: 503,
  body: { error: 'Sign-in checks are unavailable right now. Try again shortly.', code: 'SERVICE_UNAVAILABLE' },
  retryAfterSeconds: 5,
};

/**
 * The gateway's REST endpoints: sign-up, log-in, refresh, log-out, invites (create, list, revoke),
 * intake links (made by staff, opened by the patient's page), the EHR systems to sign up with and the public keys. They take and give JSON;
 * cookie-based calls (refresh, log-out) must be JSON POSTs, which a cross-site form cannot send
 * without a CORS preflight. The two reads of public data (EHR systems, keys) are GETs that need no
 * token; the invites' list is a GET that needs an ADMIN's access token.
 */
export function authRoutes(options: AuthRoutesOptions): RouteHandler {
  const loginFailures = options.metrics?.counter(
    'carebridge_auth_login_failures_total',
    'Log-ins refused for a wrong email or password (401)',
  );
  const refusals = options.metrics?.counter(
    'carebridge_auth_refusals_total',
    'Auth requests answered 429 (reason throttled) or 503 (reason busy), by endpoint',
    ['endpoint', 'reason'],
  );
  const respond = (route: Parameters<RouteHandler>[0], result: AuthResult): true => {
    // Called for the endpoints of the switch below only: the endpoint label has a handful of values.
    const endpoint = route.url.pathname.slice('/auth/'.length);
    if (result.status === 429 || result.status === 503)
      refusals?.inc({ endpoint, reason: result.status === 429 ? 'throttled' : 'busy' });
    if (endpoint === 'login' && result.status === 401) loginFailures?.inc();
    const headers: Record<string, string> = {};
    if (result.refreshCookie !== undefined)
      headers['set-cookie'] = refreshCookieHeader(result.refreshCookie, options.secureCookies);
    if (result.retryAfterSeconds !== undefined) headers['retry-after'] = String(result.retryAfterSeconds);
    sendJson(route.response, result.status, result.body, headers);
    return true;
  };

  const staffFrom = async (request: IncomingMessage): Promise<{ viewer: StaffViewer; token: string } | undefined> => {
    const token = bearerToken(request.headers);
    if (!token) return undefined;
    const result = await options.check(token);
    return result.ok && result.viewer.kind === 'staff' ? { viewer: result.viewer, token } : undefined;
  };

  /**
   * Answers a staff endpoint: 401 without a valid staff token, 503 when its revocation cannot be
   * checked; otherwise `handle` with the caller and the JSON body (none for a GET).
   */
  const withStaff = async (
    route: Parameters<RouteHandler>[0],
    handle: (staff: { viewer: StaffViewer; token: string }, body: Record<string, unknown>) => Promise<AuthResult>,
  ): Promise<true> => {
    let staff: Awaited<ReturnType<typeof staffFrom>>;
    try {
      staff = await staffFrom(route.request);
    } catch (error) {
      if (!(error instanceof SharedStateUnavailableError)) throw error;
      return respond(route, REVOCATION_UNKNOWN);
    }
    if (!staff) return respond(route, { status: 401, body: { error: 'Sign in first.', code: 'UNAUTHENTICATED' } });
    const body = route.request.method === 'GET' ? {} : await route.readJson();
    return respond(route, await handle(staff, body));
  };

  /** The claims of the access token sent with a log-out, when it is a valid one of ours. */
  const presentedToken = async (request: IncomingMessage) => {
    const token = bearerToken(request.headers);
    if (!token || !(await options.verify(token)).ok) return undefined;
    return Revocations.claims(token);
  };

  /** Counts the request against its address; the answer to send when it is over the limit. */
  const overLimit = async (limiter: RateLimiter, request: IncomingMessage): Promise<AuthResult | undefined> => {
    const decision = await limiter.hit(clientAddress(request, options.trustedProxies));
    if (decision.allowed) return undefined;
    const retryAfterSeconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
    return {
      status: 429,
      body: { error: `Too many requests. Try again in ${retryAfterSeconds} s.`, code: 'RATE_LIMITED' },
      retryAfterSeconds,
    };
  };

  return async (route) => {
    const { request, url } = route;
    if (url.pathname === '/.well-known/jwks.json' && request.method === 'GET') {
      sendJson(route.response, 200, options.keys.jwks, { 'cache-control': 'public, max-age=300' });
      return true;
    }
    if (!url.pathname.startsWith('/auth/')) return false;
    if (url.pathname === '/auth/ehr-systems') {
      if (request.method !== 'GET') {
        sendJson(route.response, 405, { error: 'Use GET.' }, { allow: 'GET' });
        return true;
      }
      // No token, no body read, and the query string is ignored: every caller gets the cached list.
      const list = await options.ehrSystems.list();
      if (!list) {
        sendJson(
          route.response,
          503,
          { error: 'The EHR systems cannot be listed right now. Try again shortly.', code: 'SUBGRAPH_UNAVAILABLE' },
          { 'retry-after': String(options.ehrSystems.retryAfterSeconds()) },
        );
        return true;
      }
      sendJson(
        route.response,
        200,
        { ehrSystems: list.map(({ id, name }) => ({ id, name })) },
        { 'cache-control': `public, max-age=${EHR_SYSTEMS_TTL_MS / 1000}` },
      );
      return true;
    }
    // The invites' list is read with the access token (no cookie): a GET, like the other reads.
    if (url.pathname === '/auth/invites' && request.method === 'GET') {
      return withStaff(route, (staff) => options.auth.invites.list(staff.viewer));
    }
    if (request.method !== 'POST') {
      sendJson(route.response, 405, { error: 'Use POST with a JSON body.' }, { allow: 'POST' });
      return true;
    }
    if (!request.headers['content-type']?.toLowerCase().startsWith('application/json')) {
      sendJson(route.response, 415, { error: 'Send the request as application/json.' });
      return true;
    }
    switch (url.pathname) {
      case '/auth/signup': {
        const refused = await overLimit(options.rateLimits.signup, request);
        return respond(route, refused ?? (await options.auth.signup(await route.readJson())));
      }
      case '/auth/login': {
        const refused = await overLimit(options.rateLimits.login, request);
        if (refused) return respond(route, refused);
        const source = clientAddress(request, options.trustedProxies);
        return respond(route, await options.auth.login(await route.readJson(), source));
      }
      case '/auth/refresh': {
        const refused = await overLimit(options.rateLimits.refresh, request);
        return respond(route, refused ?? (await options.auth.refresh(cookieValue(request, REFRESH_COOKIE))));
      }
      case '/auth/intake-links/open': {
        // No token: the link is the credential. Its id travels in the body, never in a URL a log keeps.
        const refused = await overLimit(options.rateLimits.intakeOpen, request);
        return respond(route, refused ?? (await options.intakeLinks.open(await route.readJson())));
      }
      case '/auth/logout':
        return respond(
          route,
          await options.auth.logout(cookieValue(request, REFRESH_COOKIE), await presentedToken(request)),
        );
      case '/auth/invites':
      case '/auth/invites/revoke':
      case '/auth/intake-links':
        return withStaff(route, async (staff, body) => {
          if (url.pathname === '/auth/invites') return options.auth.invites.create(staff.viewer, body);
          if (url.pathname === '/auth/invites/revoke') return options.auth.invites.revoke(staff.viewer, body);
          return options.intakeLinks.create(staff.viewer, staff.token, body);
        });
      default:
        sendJson(route.response, 404, { error: 'Unknown auth endpoint.' });
        return true;
    }
  };
}
