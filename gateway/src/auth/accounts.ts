import type { Role } from '@carebridge/common';

/** A member of staff who can sign in. */
export interface UserRecord {
  id: string;
  /** Lower-cased; unique. */
  email: string;
  name: string;
  passwordHash: string;
  organizationId: string;
  role: Role;
  createdAt: string;
}

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
 * A signed-in session, continued by refresh tokens. Only hashes of refresh secrets are kept; the
 * current one rotates on every use, and the earlier ones are remembered so that a stolen, already
 * used refresh token is recognised and ends the whole session.
 */
export interface SessionRecord {
  id: string;
  userId: string;
  currentSecretHash: string;
  usedSecretHashes: Set<string>;
  expiresAt: number;
  lastUsedAt: number;
  revoked: boolean;
}

/** Where the gateway keeps accounts; the in-memory store can be replaced by a database. */
export interface AccountStore {
  userByEmail(email: string): UserRecord | undefined;
  userById(id: string): UserRecord | undefined;
  addUser(user: UserRecord): void;
  invite(code: string): InviteRecord | undefined;
  addInvite(invite: InviteRecord): void;
  session(id: string): SessionRecord | undefined;
  addSession(session: SessionRecord): void;
}

export class InMemoryAccountStore implements AccountStore {
  private readonly users = new Map<string, UserRecord>();
  private readonly usersByEmail = new Map<string, UserRecord>();
  private readonly invites = new Map<string, InviteRecord>();
  private readonly sessions = new Map<string, SessionRecord>();

  userByEmail(email: string): UserRecord | undefined {
    return this.usersByEmail.get(email);
  }

  userById(id: string): UserRecord | undefined {
    return this.users.get(id);
  }

  addUser(user: UserRecord): void {
    if (this.usersByEmail.has(user.email)) throw new Error('email already registered');
    this.users.set(user.id, user);
    this.usersByEmail.set(user.email, user);
  }

  invite(code: string): InviteRecord | undefined {
    return this.invites.get(code);
  }

  addInvite(invite: InviteRecord): void {
    this.invites.set(invite.code, invite);
  }

  session(id: string): SessionRecord | undefined {
    return this.sessions.get(id);
  }

  addSession(session: SessionRecord): void {
    this.sessions.set(session.id, session);
  }
}
