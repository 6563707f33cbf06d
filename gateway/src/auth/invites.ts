import type { Role } from '@carebridge/common';

/** A code an ADMIN hands to a colleague so they can join the organization with a given role. */
export interface InviteRecord {
  code: string;
  organizationId: string;
  role: Role;
  createdBy: string;
  expiresAt: number;
  usedAt: number | null;
}

/** Where the gateway keeps invite codes; changes go through its methods (see SessionStore). */
export interface InviteStore {
  invite(code: string): InviteRecord | undefined;
  addInvite(invite: InviteRecord): void;
  markUsed(code: string, at: number): void;
}

export class InMemoryInviteStore implements InviteStore {
  private readonly invites = new Map<string, InviteRecord>();

  // Copies in and out, like InMemorySessionStore, so that only the store's methods change an invite.
  invite(code: string): InviteRecord | undefined {
    const invite = this.invites.get(code);
    return invite && { ...invite };
  }

  addInvite(invite: InviteRecord): void {
    this.invites.set(invite.code, { ...invite });
  }

  markUsed(code: string, at: number): void {
    const invite = this.invites.get(code);
    if (invite) invite.usedAt = at;
  }
}
