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

/**
 * Where the gateway keeps invite codes: in memory (invites.ts) or in PostgreSQL
 * (postgresStores.ts); changes go through its methods (see SessionStore).
 */
export interface InviteStore {
  invite(code: string): Promise<InviteRecord | undefined>;
  addInvite(invite: InviteRecord): Promise<void>;
  /**
   * Uses the invite up, as one conditional step: only when it is unused and has not expired at
   * `at`. Resolves the invite as claimed, or undefined when this call did not claim it, so two
   * concurrent sign-ups can never both use one invite.
   */
  claim(code: string, at: number): Promise<InviteRecord | undefined>;
  /** The organization's invites still usable at `at` (unused, unexpired), the latest to expire first. */
  pending(organizationId: string, at: number): Promise<InviteRecord[]>;
  /**
   * Deletes the organization's unused invite `code`, as one conditional step. True when this call
   * deleted one; false for a code of another organization, a used one or one that does not exist.
   */
  revoke(code: string, organizationId: string): Promise<boolean>;
}

export class InMemoryInviteStore implements InviteStore {
  private readonly invites = new Map<string, InviteRecord>();

  // Copies in and out, like InMemorySessionStore, so that only the store's methods change an invite.
  invite(code: string): Promise<InviteRecord | undefined> {
    const invite = this.invites.get(code);
    return Promise.resolve(invite && { ...invite });
  }

  addInvite(invite: InviteRecord): Promise<void> {
    this.invites.set(invite.code, { ...invite });
    return Promise.resolve();
  }

  claim(code: string, at: number): Promise<InviteRecord | undefined> {
    const invite = this.invites.get(code);
    if (!invite || invite.usedAt !== null || invite.expiresAt <= at) return Promise.resolve(undefined);
    invite.usedAt = at;
    return Promise.resolve({ ...invite });
  }

  pending(organizationId: string, at: number): Promise<InviteRecord[]> {
    const invites = [...this.invites.values()]
      .filter((i) => i.organizationId === organizationId && i.usedAt === null && i.expiresAt > at)
      .sort(latestToExpireFirst);
    return Promise.resolve(invites.map((i) => ({ ...i })));
  }

  revoke(code: string, organizationId: string): Promise<boolean> {
    const invite = this.invites.get(code);
    if (!invite || invite.organizationId !== organizationId || invite.usedAt !== null) return Promise.resolve(false);
    return Promise.resolve(this.invites.delete(code));
  }
}

/** The order of `pending`: the latest to expire (the newest) first, then by code so that ties stay put. */
export function latestToExpireFirst(a: InviteRecord, b: InviteRecord): number {
  return b.expiresAt - a.expiresAt || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}
