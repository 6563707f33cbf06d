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

/**
 * Where the gateway keeps sessions. Every change goes through a method, never through a record
 * read earlier, so that a database behind this interface sees each one.
 */
export interface SessionStore {
  session(id: string): SessionRecord | undefined;
  addSession(session: SessionRecord): void;
  /** A refresh: `usedSecretHash` joins the used ones and `currentSecretHash` replaces it. */
  rotate(id: string, change: { usedSecretHash: string; currentSecretHash: string; lastUsedAt: number }): void;
  revoke(id: string): void;
}

export class InMemorySessionStore implements SessionStore {
  private readonly sessions = new Map<string, SessionRecord>();

  // Copies in and out, as a database would: a caller that changes a record it read without
  // calling the store changes nothing, so the in-memory tests catch a forgotten write.
  session(id: string): SessionRecord | undefined {
    const session = this.sessions.get(id);
    return session && structuredClone(session);
  }

  addSession(session: SessionRecord): void {
    this.sessions.set(session.id, structuredClone(session));
  }

  rotate(id: string, change: { usedSecretHash: string; currentSecretHash: string; lastUsedAt: number }): void {
    const session = this.sessions.get(id);
    if (!session) return;
    session.usedSecretHashes.add(change.usedSecretHash);
    session.currentSecretHash = change.currentSecretHash;
    session.lastUsedAt = change.lastUsedAt;
  }

  revoke(id: string): void {
    const session = this.sessions.get(id);
    if (session) session.revoked = true;
  }
}
