import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

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
  /** The last rotation, for a concurrent refresh with the secret it exchanged; null before the first. */
  previous: PreviousSecret | null;
}

/**
 * The secret exchanged last, when, and the secret that replaced it sealed with it (`sealSuccessor`):
 * only whoever presents that very secret can open it, and the service does so only within its
 * grace window, so two refreshes sent at once with one cookie both continue the session.
 */
export interface PreviousSecret {
  secretHash: string;
  rotatedAt: number;
  sealedSuccessor: string;
}

export interface Rotation {
  /** The secret being exchanged: it must still be the current one. */
  usedSecretHash: string;
  currentSecretHash: string;
  lastUsedAt: number;
  /** The new secret sealed with the exchanged one; kept as `previous` with `lastUsedAt`. */
  sealedSuccessor: string;
}

/** AES-256-GCM under a key derived from the exchanged secret (32 random bytes) and the session id. */
function sealKey(secret: string, sessionId: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, sessionId, 'carebridge refresh successor', 32));
}

/** `successor` encrypted so that only `predecessor` (the secret being exchanged) opens it. */
export function sealSuccessor(predecessor: string, successor: string, sessionId: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealKey(predecessor, sessionId), iv);
  const sealed = Buffer.concat([cipher.update(successor, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
}

/** The successor `sealSuccessor` sealed, or undefined when `predecessor` is not the secret it was sealed with. */
export function openSuccessor(predecessor: string, sealed: string, sessionId: string): string | undefined {
  const bytes = Buffer.from(sealed, 'base64url');
  try {
    const decipher = createDecipheriv('aes-256-gcm', sealKey(predecessor, sessionId), bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(12, 28));
    return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
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
   * secret and the session is not revoked, it joins the used ones, `currentSecretHash` replaces
   * it, and `previous` becomes it (with `lastUsedAt` and `sealedSuccessor`). False when it was not (a concurrent refresh with the same token won, or the session ended),
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
    session.previous = {
      secretHash: change.usedSecretHash,
      rotatedAt: change.lastUsedAt,
      sealedSuccessor: change.sealedSuccessor,
    };
    return Promise.resolve(true);
  }

  revoke(id: string): Promise<void> {
    const session = this.sessions.get(id);
    if (session) session.revoked = true;
    return Promise.resolve();
  }
}
