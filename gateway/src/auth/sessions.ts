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

export interface Rotation {
  /** The secret being exchanged: it must still be the current one. */
  usedSecretHash: string;
  currentSecretHash: string;
  lastUsedAt: number;
}

/**
 * Where the gateway keeps sessions: in memory (sessions.ts) or in PostgreSQL (postgresStores.ts).
 * Every change goes through a method, never through a record read earlier, so that a database
 * behind this interface sees each one.
 */
export interface SessionStore {
  session(id: string): Promise<SessionRecord | undefined>;
  addSession(session: SessionRecord): Promise<void>;
  /**
   * A refresh, as one conditional step: only while `usedSecretHash` is still the session's current
   * secret and the session is not revoked, it joins the used ones and `currentSecretHash` replaces
   * it. False when it was not (a concurrent refresh with the same token won, or the session ended),
   * so two refreshes with one token can never both succeed.
   */
  rotate(id: string, change: Rotation): Promise<boolean>;
  revoke(id: string): Promise<void>;
}

export class InMemorySessionStore implements SessionStore {
  private readonly sessions = new Map<string, SessionRecord>();

  // Copies in and out, as a database would: a caller that changes a record it read without
  // calling the store changes nothing, so the in-memory tests catch a forgotten write.
  session(id: string): Promise<SessionRecord | undefined> {
    const session = this.sessions.get(id);
    return Promise.resolve(session && structuredClone(session));
  }

  addSession(session: SessionRecord): Promise<void> {
    this.sessions.set(session.id, structuredClone(session));
    return Promise.resolve();
  }

  rotate(id: string, change: Rotation): Promise<boolean> {
    const session = this.sessions.get(id);
    if (!session || session.revoked || session.currentSecretHash !== change.usedSecretHash)
      return Promise.resolve(false);
    session.usedSecretHashes.add(change.usedSecretHash);
    session.currentSecretHash = change.currentSecretHash;
    session.lastUsedAt = change.lastUsedAt;
    return Promise.resolve(true);
  }

  revoke(id: string): Promise<void> {
    const session = this.sessions.get(id);
    if (session) session.revoked = true;
    return Promise.resolve();
  }
}
