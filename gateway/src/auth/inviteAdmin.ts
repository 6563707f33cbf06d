import { randomBytes } from 'node:crypto';
import type { Role, StaffViewer } from '@carebridge/common';
import type { InviteRecord, InviteStore } from './invites';
import { invalid, type AuthResult } from './results';

const ROLES: readonly Role[] = ['ADMIN', 'CLINICIAN'];

/** An invite as its organization's ADMINs see it; who created it stays on the server. */
const shown = (invite: InviteRecord) => ({
  code: invite.code,
  role: invite.role,
  expiresAt: new Date(invite.expiresAt).toISOString(),
});

const ADMINS_ONLY: AuthResult = {
  status: 403,
  body: { error: 'Only an ADMIN can manage invites.', code: 'FORBIDDEN' },
};

/**
 * The invites of an organization, managed by its ADMINs: create one for a role, list the pending
 * ones, revoke one. Every operation is scoped to the caller's own organization: a code of another
 * organization is answered like one that does not exist.
 */
export class InviteAdmin {
  constructor(
    private readonly invites: InviteStore,
    private readonly now: () => number,
    private readonly lifetimeMs: number,
  ) {}

  async create(viewer: StaffViewer, body: Record<string, unknown>): Promise<AuthResult> {
    if (viewer.role !== 'ADMIN') return ADMINS_ONLY;
    const role = body['role'];
    if (typeof role !== 'string' || !ROLES.includes(role as Role)) {
      return invalid([{ field: 'role', message: 'must be ADMIN or CLINICIAN', code: 'INVALID_ROLE' }]);
    }
    const invite: InviteRecord = {
      code: randomBytes(12).toString('base64url'),
      organizationId: viewer.organizationId,
      role: role as Role,
      createdBy: viewer.userId,
      expiresAt: this.now() + this.lifetimeMs,
      usedAt: null,
    };
    await this.invites.addInvite(invite);
    return { status: 201, body: shown(invite) };
  }

  async list(viewer: StaffViewer): Promise<AuthResult> {
    if (viewer.role !== 'ADMIN') return ADMINS_ONLY;
    const pending = await this.invites.pending(viewer.organizationId, this.now());
    return { status: 200, body: { invites: pending.map(shown) } };
  }

  async revoke(viewer: StaffViewer, body: Record<string, unknown>): Promise<AuthResult> {
    if (viewer.role !== 'ADMIN') return ADMINS_ONLY;
    const code = body['code'];
    if (typeof code !== 'string' || code === '' || code.length > 64) {
      return invalid([{ field: 'code', message: 'is required', code: 'REQUIRED' }]);
    }
    if (!(await this.invites.revoke(code, viewer.organizationId))) {
      return {
        status: 404,
        body: { error: 'No pending invite has this code: it was used, revoked or never existed.', code: 'NOT_FOUND' },
      };
    }
    return { status: 200, body: { status: 'ok' } };
  }
}
