import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeProtectedHeader,
  errors,
  jwtVerify,
  type JSONWebKeySet,
  type JWTVerifyGetKey,
} from 'jose';
import { GraphQLError } from 'graphql';
import type { IncomingHttpHeaders } from 'node:http';
import { ErrorCode } from './errors';

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
}

export type VerifyResult = { ok: true; viewer: Viewer } | { ok: false; reason: string };

export interface TokenVerifier {
  (token: string): Promise<VerifyResult>;
  /** Whether `token` is a valid service token of the gateway (SERVICE_TOKEN); none by default. */
  isServiceToken?: (token: string) => Promise<boolean>;
}

const ROLES: readonly string[] = ['ADMIN', 'CLINICIAN'];

/** Builds the verifier every service uses: algorithm pinned, issuer, audience, `typ` and `exp` required. */
export function createTokenVerifier(options: VerifierOptions): TokenVerifier {
  const keys: JWTVerifyGetKey =
    typeof options.jwks === 'string'
      ? createRemoteJWKSet(new URL(options.jwks), { cooldownDuration: 5_000, cacheMaxAge: 10 * 60_000 })
      : createLocalJWKSet(options.jwks);
  const issuer = options.issuer ?? DEFAULT_ISSUER;
  const audience = options.audience ?? DEFAULT_AUDIENCE;
  const clockTolerance = options.clockToleranceSeconds ?? 5;

  const verify: TokenVerifier = async (token) => {
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
        return { ok: true, viewer: { kind: 'staff', userId: payload.sub, organizationId: org, role: role as Role } };
      }
      if (protectedHeader.typ === TOKEN_TYPES.intake) {
        const questionnaireId = payload['qid'];
        if (typeof questionnaireId !== 'string') return { ok: false, reason: 'missing claims' };
        return {
          ok: true,
          viewer: { kind: 'intake', linkId: payload.jti, patientId: payload.sub, organizationId: org, questionnaireId },
        };
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
  return verify;
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
export function readAuthConfig(env: Record<string, string | undefined>) {
  return {
    jwksUrl: env['AUTH_JWKS_URL'] || 'http://127.0.0.1:4000/.well-known/jwks.json',
    issuer: env['AUTH_ISSUER'] || DEFAULT_ISSUER,
    audience: env['AUTH_AUDIENCE'] || DEFAULT_AUDIENCE,
  };
}
