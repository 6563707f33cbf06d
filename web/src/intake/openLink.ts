import type { AuthSession } from '../auth/session';

/** A short link's id: 16 random bytes in base64url (the gateway's `SHORT_LINK_ID`). */
const SHORT_LINK_ID = /^[A-Za-z0-9_-]{22}$/;
/** A link made before short ids: the intake token itself, a JWT. */
const TOKEN_LINK = /^[\w-]+\.[\w-]+\.[\w-]+$/;

/** What the gateway says of a link when the page opens, before anything is filled in. */
export type LinkOpening =
  | {
      status: 'VALID';
      token: string;
      /** When `token` stops working (ms); the link may be opened again for a new one. */
      tokenExpiresAt: number;
      patientId: string;
      questionnaireId: string;
      organizationName: string | null;
    }
  | { status: 'USED' | 'EXPIRED' | 'INVALID' }
  /** The gateway could not be asked or could not answer: the page offers a retry. */
  | { status: 'UNAVAILABLE' };

/** Whether `link` can be a link at all; anything else is INVALID without asking the server. */
export function looksLikeLink(link: string): boolean {
  return SHORT_LINK_ID.test(link) || TOKEN_LINK.test(link);
}

/** Asks the gateway (`POST /auth/intake-links/open`) for the link's state and, when VALID, its token. */
export async function openLink(session: AuthSession, link: string): Promise<LinkOpening> {
  if (!looksLikeLink(link)) return { status: 'INVALID' };
  try {
    const response = await session.postWithoutSession('/auth/intake-links/open', { link });
    const body = (await response.json()) as Record<string, unknown>;
    const status = body['status'];
    if (!response.ok) return { status: 'UNAVAILABLE' };
    if (status === 'USED' || status === 'EXPIRED' || status === 'INVALID') return { status };
    const { token, tokenExpiresAt, patientId, questionnaireId, organizationName } = body;
    if (
      status === 'VALID' &&
      typeof token === 'string' &&
      typeof tokenExpiresAt === 'string' &&
      typeof patientId === 'string' &&
      typeof questionnaireId === 'string'
    ) {
      return {
        status,
        token,
        tokenExpiresAt: Date.parse(tokenExpiresAt),
        patientId,
        questionnaireId,
        organizationName: typeof organizationName === 'string' ? organizationName : null,
      };
    }
  } catch {
    // A network failure or a body that is not JSON: said as unavailable, the patient can retry.
  }
  return { status: 'UNAVAILABLE' };
}
