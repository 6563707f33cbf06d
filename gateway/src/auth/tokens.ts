import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { SERVICE_TOKEN, TOKEN_ALGORITHM, TOKEN_TYPES, type Role } from '@carebridge/common';
import type { KeyRing } from './keys';

export const ACCESS_TOKEN_SECONDS = 15 * 60;
export const INTAKE_LINK_SECONDS = 72 * 60 * 60;
/** The life of the token a short intake link is exchanged for (at most the link's own). */
export const INTAKE_SESSION_SECONDS = 60 * 60;

export interface TokenIssuerOptions {
  keys: KeyRing;
  issuer: string;
  audience: string;
  accessTokenSeconds?: number;
}

/** Signs the gateway's tokens. Each carries a `kid`, a `jti`, and its kind in the header's `typ`. */
export function createTokenIssuer(options: TokenIssuerOptions) {
  const sign = (
    typ: string,
    claims: Record<string, string>,
    subject: string,
    seconds: number,
    jti: string = randomUUID(),
  ): Promise<string> =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: TOKEN_ALGORITHM, kid: options.keys.signing.kid, typ })
      .setSubject(subject)
      .setIssuer(options.issuer)
      .setAudience(options.audience)
      .setIssuedAt()
      .setNotBefore('0s')
      .setExpirationTime(`${seconds}s`)
      .setJti(jti)
      .sign(options.keys.signing.key);

  return {
    /**
     * An access token; `seconds` shortens it for a token the gateway mints for one call of its own.
     * `sessionId` (the `sid` claim) ties it to the session it was issued for, so ending the session
     * (log-out, a replayed refresh token) revokes it too (revocation.ts).
     */
    accessToken: (
      user: { id: string; organizationId: string; role: Role; sessionId?: string },
      seconds = options.accessTokenSeconds ?? ACCESS_TOKEN_SECONDS,
    ) =>
      sign(
        TOKEN_TYPES.access,
        { org: user.organizationId, role: user.role, ...(user.sessionId ? { sid: user.sessionId } : {}) },
        user.id,
        seconds,
      ),
    /**
     * An intake token for one patient, organization and questionnaire. A short link's tokens all
     * carry the link's `linkId` as their `jti`, so the clinical subgraph lets the link answer once
     * however many times it is exchanged (intake.ts).
     */
    intakeToken: (
      link: { patientId: string; organizationId: string; questionnaireId: string; linkId?: string },
      seconds = INTAKE_LINK_SECONDS,
    ) =>
      sign(
        TOKEN_TYPES.intake,
        { org: link.organizationId, qid: link.questionnaireId },
        link.patientId,
        seconds,
        link.linkId,
      ),
    /**
     * The gateway's service token, for tooling that reads a subgraph's SDL in production (rover
     * subgraph introspect): `_service` and nothing else, for at most five minutes. Never sent to a client.
     */
    serviceToken: () =>
      sign(TOKEN_TYPES.service, { scope: SERVICE_TOKEN.scope }, SERVICE_TOKEN.subject, SERVICE_TOKEN.maxSeconds),
  };
}

export type TokenIssuer = ReturnType<typeof createTokenIssuer>;
