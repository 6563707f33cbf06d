import { decodeJwt } from 'jose';
import type { TokenVerifier, VerifyResult } from '@carebridge/common';
import type { TokenDenyList } from '../shared';
import { ACCESS_TOKEN_SECONDS } from './tokens';

/**
 * Revoked access tokens, on the shared deny-list (Redis with several replicas). Two kinds of entry:
 * a token's `jti` (the token presented at log-out) until its expiry, and a session's `sid` (log-out,
 * a replayed refresh token) for the longest an access token lives, which covers every token issued
 * for the session, including those the gateway never saw again. A request is refused when either
 * is listed. The deny-list fails closed: while it cannot be read, `check` rejects with
 * SharedStateUnavailableError (answer 503), never "not revoked".
 */

/** Beyond a token's `exp`: the verifiers' clock tolerance (5 s) and then some. */
const MARGIN_MS = 60_000;
const SESSION_KEY = (sessionId: string): string => `sid:${sessionId}`;

export interface TokenClaims {
  jti?: string;
  sid?: string;
  exp?: number;
}

export class Revocations {
  constructor(
    private readonly denyList: TokenDenyList,
    private readonly now: () => number = Date.now,
    private readonly accessTokenSeconds = ACCESS_TOKEN_SECONDS,
  ) {}

  /** The claims revocation uses, of a token whose signature was already verified. */
  static claims(token: string): TokenClaims {
    const payload = decodeJwt(token);
    return {
      ...(typeof payload.jti === 'string' ? { jti: payload.jti } : {}),
      ...(typeof payload['sid'] === 'string' ? { sid: payload['sid'] } : {}),
      ...(typeof payload.exp === 'number' ? { exp: payload.exp } : {}),
    };
  }

  async revokeToken(claims: TokenClaims): Promise<void> {
    if (claims.jti === undefined || claims.exp === undefined) return;
    await this.denyList.revoke(claims.jti, claims.exp * 1000 + MARGIN_MS);
  }

  /** Every access token issued for the session, past and (were any issued) future. */
  async revokeSession(sessionId: string): Promise<void> {
    await this.denyList.revoke(SESSION_KEY(sessionId), this.now() + this.accessTokenSeconds * 1000 + MARGIN_MS);
  }

  async isRevoked(claims: TokenClaims): Promise<boolean> {
    const checks = [
      ...(claims.jti === undefined ? [] : [this.denyList.isRevoked(claims.jti)]),
      ...(claims.sid === undefined ? [] : [this.denyList.isRevoked(SESSION_KEY(claims.sid))]),
    ];
    return (await Promise.all(checks)).some(Boolean);
  }

  /**
   * A verifier that also refuses revoked tokens (reason `revoked`): what every request presenting
   * an access token is checked with. Rejects with SharedStateUnavailableError when it cannot tell.
   */
  checking(verify: TokenVerifier): TokenVerifier {
    return async (token): Promise<VerifyResult> => {
      const verified = await verify(token);
      if (!verified.ok) return verified;
      return (await this.isRevoked(Revocations.claims(token))) ? { ok: false, reason: 'revoked' } : verified;
    };
  }
}
