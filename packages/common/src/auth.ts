import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeProtectedHeader,
  errors,
  jwtVerify,
  type JSONWebKeySet,
  type JWTVerifyGetKey,
  type RemoteJWKSet,
} from 'jose';
import { GraphQLError } from 'graphql';
import type { IncomingHttpHeaders } from 'node:http';
import { envUrl, type Env } from './env';
import { ErrorCode } from './errors';
import { VerifiedTokens } from './verifiedTokens';
import type { ReadinessCheck, ReadinessReport } from './http';

/**
 * Who is calling, as proven by a token the gateway signed. Every service (the gateway and each
 * subgraph) verifies the token itself: PHI lives in every subgraph, so none trusts the edge alone.
 */
export type Role = 'ADMIN' | 'CLINICIAN';

/** A signed-in member of staff, acting for one organization. */
export interface StaffViewer {
  kind: 'staff';
  userId: string;
  organizationId: string;
  role: Role;
}

/** Whoever holds an intake link: may read one questionnaire and answer it for one patient, once. */
export interface IntakeViewer {
  kind: 'intake';
  /** The link's id (the token's `jti`): a link is used once. */
  linkId: string;
  patientId: string;
  organizationId: string;
  questionnaireId: string;
}

export type Viewer = StaffViewer | IntakeViewer;

/** The token kinds, carried in the JWT header's `typ` (RFC 9068 names access tokens `at+jwt`). */
export const TOKEN_TYPES = { access: 'at+jwt', intake: 'intake+jwt', service: 'service+jwt' } as const;

/**
 * The gateway's service token (`typ` service+jwt): it lets tooling read a subgraph's SDL
 * (`_service`) in production and nothing else, and lives at most `maxSeconds`. No Viewer: it
 * stands for no user and no organization.
 */
export const SERVICE_TOKEN = { subject: 'gateway', scope: '_service', maxSeconds: 300 } as const;
export const TOKEN_ALGORITHM = 'ES256';
export const DEFAULT_ISSUER = 'carebridge-gateway';
export const DEFAULT_AUDIENCE = 'carebridge-graph';

export interface VerifierOptions {
  /** The gateway's public keys: a JWKS URL (fetched and cached) or the key set itself. */
  jwks: string | JSONWebKeySet;
  issuer?: string;
  audience?: string;
  /** Seconds of clock skew tolerated on exp/nbf/iat. */
  clockToleranceSeconds?: number;
  /** Verified tokens kept (verifiedTokens.ts), until each one's expiry; 10,000 by default, 0 for none. */
  cacheSize?: number;
  /** The cache's clock, for tests. */
  now?: () => number;
}

export type VerifyResult = { ok: true; viewer: Viewer } | { ok: false; reason: string };

/**
 * Checks a token. One built over a JWKS URL also says whether it has the keys yet (`keysReady`):
 * until it has fetched them once, it can verify nothing, and its service is not ready.
 */
export interface TokenVerifier {
  (token: string): Promise<VerifyResult>;
  /** Whether `token` is a valid service token of the gateway (SERVICE_TOKEN); none by default. */
  isServiceToken?: (token: string) => Promise<boolean>;
  keysReady?: ReadinessCheck;
}

const ROLES: readonly string[] = ['ADMIN', 'CLINICIAN'];

/**
 * Builds the verifier every service uses: algorithm pinned, issuer, audience, `typ` and `exp`
 * required. A token that verified is remembered until its expiry (`VerifiedTokens`), so the
 * signature of one token is checked once per process, not on each of the gateway's calls.
 */
export function createTokenVerifier(options: VerifierOptions): TokenVerifier {
  const remote =
    typeof options.jwks === 'string'
      ? createRemoteJWKSet(new URL(options.jwks), { cooldownDuration: 5_000, cacheMaxAge: 10 * 60_000 })
      : undefined;
  const keys: JWTVerifyGetKey = remote ?? createLocalJWKSet(options.jwks as JSONWebKeySet);
  const issuer = options.issuer ?? DEFAULT_ISSUER;
  const audience = options.audience ?? DEFAULT_AUDIENCE;
  const clockTolerance = options.clockToleranceSeconds ?? 5;

  const verified = new VerifiedTokens<Viewer>(options.cacheSize ?? 10_000, options.now);
  const cacheable = (options.cacheSize ?? 10_000) > 0;

  const verify: TokenVerifier = async (token) => {
    const key = cacheable ? VerifiedTokens.keyOf(token) : '';
    const known = cacheable ? verified.get(key) : undefined;
    if (known) return { ok: true, viewer: known };
    const result = await verifyToken(token);
    // `exp` is required, so every token that verified has one; it is kept no longer than that.
    if (result.ok && cacheable) verified.set(key, result.viewer, result.expiresAt * 1000);
    return result.ok ? { ok: true, viewer: result.viewer } : result;
  };

  const verifyToken = async (
    token: string,
  ): Promise<{ ok: true; viewer: Viewer; expiresAt: number } | { ok: false; reason: string }> => {
    try {
      const { payload, protectedHeader } = await jwtVerify(token, keys, {
        algorithms: [TOKEN_ALGORITHM],
        issuer,
        audience,
        clockTolerance,
        requiredClaims: ['exp', 'iat', 'sub', 'jti'],
      });
      const org = payload['org'];
      if (typeof org !== 'string' || !payload.sub || !payload.jti) return { ok: false, reason: 'missing claims' };
      if (protectedHeader.typ === TOKEN_TYPES.access) {
        const role = payload['role'];
        if (typeof role !== 'string' || !ROLES.includes(role)) return { ok: false, reason: 'unknown role' };
        const viewer: Viewer = { kind: 'staff', userId: payload.sub, organizationId: org, role: role as Role };
        return { ok: true, viewer: Object.freeze(viewer), expiresAt: payload.exp ?? 0 };
      }
      if (protectedHeader.typ === TOKEN_TYPES.intake) {
        const questionnaireId = payload['qid'];
        if (typeof questionnaireId !== 'string') return { ok: false, reason: 'missing claims' };
        const viewer: Viewer = {
          kind: 'intake',
          linkId: payload.jti,
          patientId: payload.sub,
          organizationId: org,
          questionnaireId,
        };
        return { ok: true, viewer: Object.freeze(viewer), expiresAt: payload.exp ?? 0 };
      }
      return { ok: false, reason: 'wrong token type' };
    } catch (error) {
      return { ok: false, reason: error instanceof errors.JOSEError ? error.code : 'invalid token' };
    }
  };
  verify.isServiceToken = async (token) => {
    try {
      // Only a token that says it is one is verified again: not every refused access token.
      if (decodeProtectedHeader(token).typ !== TOKEN_TYPES.service) return false;
      const { payload } = await jwtVerify(token, keys, {
        algorithms: [TOKEN_ALGORITHM],
        issuer,
        audience,
        clockTolerance,
        typ: TOKEN_TYPES.service,
        requiredClaims: ['exp', 'iat', 'sub', 'jti'],
        maxTokenAge: SERVICE_TOKEN.maxSeconds + clockTolerance,
      });
      return (
        payload.sub === SERVICE_TOKEN.subject &&
        payload['scope'] === SERVICE_TOKEN.scope &&
        (payload.exp ?? Infinity) - (payload.iat ?? 0) <= SERVICE_TOKEN.maxSeconds
      );
    } catch {
      return false;
    }
  };
  // A local key set has its keys from the start: always ready, so nothing to report.
  if (remote) verify.keysReady = keysReadiness(remote);
  return verify;
}

/** How long a readiness probe waits for a fetch of the keys, and how soon a failed one is tried again. */
export const KEYS_PROBE_MS = 1_000;

/** Why a fetch of the keys failed, for a readiness answer: a code, never a body. */
function fetchFailure(error: unknown): string {
  if (error instanceof errors.JOSEError) return error.code;
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return typeof cause?.code === 'string' ? cause.code : error instanceof Error ? error.name : 'failed';
}

/**
 * Ready once the keys have been fetched at least once. Until then each probe starts a fetch (one at
 * a time, and not again within `KEYS_PROBE_MS` of a failure) and waits for it up to `KEYS_PROBE_MS`.
 * Once fetched it stays ready: jose refetches as keys expire or rotate.
 */
function keysReadiness(remote: RemoteJWKSet): ReadinessCheck {
  let fetching: Promise<void> | undefined;
  let failedAt = -Infinity;
  let why = 'not fetched yet';
  const report = (): ReadinessReport =>
    remote.jwks()
      ? { ready: true, checks: { jwks: 'fetched' } }
      : { ready: false, checks: { jwks: `the gateway's keys (AUTH_JWKS_URL) could not be fetched yet: ${why}` } };
  return async () => {
    if (remote.jwks()) return report();
    if (!fetching && Date.now() - failedAt >= KEYS_PROBE_MS) {
      why = 'fetching';
      fetching = remote
        .reload()
        .catch((error: unknown) => {
          failedAt = Date.now();
          why = fetchFailure(error);
        })
        .finally(() => {
          fetching = undefined;
        });
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([fetching, new Promise((resolve) => (timer = setTimeout(resolve, KEYS_PROBE_MS)))]);
    clearTimeout(timer);
    return report();
  };
}

/** The bearer token of a request, or undefined when there is none. */
export function bearerToken(headers: IncomingHttpHeaders): string | undefined {
  const value = headers.authorization;
  if (typeof value !== 'string') return undefined;
  const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/.exec(value.trim());
  return match?.[1];
}

export function unauthenticated(message = 'Sign in: this request needs a valid access token.'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
}

/** Where a service finds the gateway's public keys and what its tokens must say. */
export function readAuthConfig(env: Env) {
  return {
    jwksUrl: envUrl(env, 'AUTH_JWKS_URL', 'http://127.0.0.1:4000/.well-known/jwks.json'),
    issuer: env['AUTH_ISSUER'] || DEFAULT_ISSUER,
    audience: env['AUTH_AUDIENCE'] || DEFAULT_AUDIENCE,
  };
}
