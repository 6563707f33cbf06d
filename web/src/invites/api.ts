import type { AuthSession, Role, StaffAnswer } from '../auth/session';
import type { MessageKey } from '../i18n/en';
import { bodyCode, requestErrorKey } from '../lib/errorMessages';

/** A pending invite as the gateway lists it (`GET /auth/invites`). */
export interface Invite {
  code: string;
  role: Role;
  /** ISO date-time. */
  expiresAt: string;
}

/** A call's value, or the catalogue key of why there is none (by the gateway's code). */
export type InviteResult<T> = { ok: true; value: T } | { ok: false; status: number | null; message: MessageKey };

const isInvite = (value: unknown): value is Invite => {
  const invite = value as Partial<Invite> | null;
  return (
    typeof invite?.code === 'string' &&
    (invite.role === 'ADMIN' || invite.role === 'CLINICIAN') &&
    typeof invite.expiresAt === 'string'
  );
};

function failure(answer: StaffAnswer): { ok: false; status: number | null; message: MessageKey } {
  if (answer.status === 'unauthenticated') return { ok: false, status: 401, message: 'error.unauthenticated' };
  if (answer.status === 'network') return { ok: false, status: null, message: 'common.unexpectedError' };
  return { ok: false, status: answer.status, message: requestErrorKey(bodyCode(answer.body)) };
}

const succeeded = (answer: StaffAnswer): answer is { status: number; body: unknown } =>
  typeof answer.status === 'number' && answer.status >= 200 && answer.status < 300;

/** The organization's pending invites, the latest to expire first. */
export async function listInvites(session: AuthSession): Promise<InviteResult<Invite[]>> {
  const answer = await session.staffRequest('GET', '/auth/invites');
  const invites = succeeded(answer) ? (answer.body as { invites?: unknown } | undefined)?.invites : undefined;
  return Array.isArray(invites) ? { ok: true, value: invites.filter(isInvite) } : failure(answer);
}

/** A new invite code for `role`. */
export async function createInvite(session: AuthSession, role: Role): Promise<InviteResult<Invite>> {
  const answer = await session.staffRequest('POST', '/auth/invites', { role });
  return succeeded(answer) && isInvite(answer.body) ? { ok: true, value: answer.body } : failure(answer);
}

/** Revokes a pending invite; a 404 means it was used or revoked already. */
export async function revokeInvite(session: AuthSession, code: string): Promise<InviteResult<null>> {
  const answer = await session.staffRequest('POST', '/auth/invites/revoke', { code });
  return succeeded(answer) ? { ok: true, value: null } : failure(answer);
}
