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

/** Where the gateway keeps the accounts staff sign in with; the in-memory store can be replaced by a database. */
export interface AccountStore {
  userByEmail(email: string): UserRecord | undefined;
  userById(id: string): UserRecord | undefined;
  /** Throws when the email is already registered: emails are unique. */
  addUser(user: UserRecord): void;
}

export class InMemoryAccountStore implements AccountStore {
  private readonly users = new Map<string, UserRecord>();
  private readonly usersByEmail = new Map<string, UserRecord>();

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
}
