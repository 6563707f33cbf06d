import type { Role } from '@carebridge/common';

/** A member of staff who can sign in. */
export interface UserRecord {
  id: string;
  /** Lower-cased; unique whatever its case. */
  email: string;
  name: string;
  passwordHash: string;
  organizationId: string;
  role: Role;
  createdAt: string;
}

/** `addUser` of an email already registered: emails are unique, case-insensitively. */
export class EmailTakenError extends Error {
  constructor() {
    super('email already registered');
    this.name = 'EmailTakenError';
  }
}

/**
 * Where the gateway keeps the accounts staff sign in with: in memory (accounts.ts) or in
 * PostgreSQL (postgresStores.ts). Emails are looked up and kept unique case-insensitively.
 */
export interface AccountStore {
  userByEmail(email: string): Promise<UserRecord | undefined>;
  userById(id: string): Promise<UserRecord | undefined>;
  /** Rejects with EmailTakenError when the email is already registered, even by a concurrent call. */
  addUser(user: UserRecord): Promise<void>;
}

export class InMemoryAccountStore implements AccountStore {
  private readonly users = new Map<string, UserRecord>();
  private readonly usersByEmail = new Map<string, UserRecord>();

  // Copies out, as a database would (see InMemorySessionStore).
  userByEmail(email: string): Promise<UserRecord | undefined> {
    const user = this.usersByEmail.get(email.toLowerCase());
    return Promise.resolve(user && { ...user });
  }

  userById(id: string): Promise<UserRecord | undefined> {
    const user = this.users.get(id);
    return Promise.resolve(user && { ...user });
  }

  addUser(user: UserRecord): Promise<void> {
    const email = user.email.toLowerCase();
    if (this.usersByEmail.has(email)) return Promise.reject(new EmailTakenError());
    const copy = { ...user, email };
    this.users.set(user.id, copy);
    this.usersByEmail.set(email, copy);
    return Promise.resolve();
  }
}
