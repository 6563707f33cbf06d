import { createHash } from 'node:crypto';

/**
 * Tokens already verified by this process, so that a token is verified (an ES256 signature check)
 * once per service rather than on every request: the gateway calls a subgraph several times for
 * one client request, and a client sends the same token for its whole life.
 *
 * - Keyed by the SHA-256 of the whole token: a token changed in any byte (a tampered claim or
 *   signature) is another key, never finds an entry, and is verified in full; the token itself is
 *   not kept.
 * - Only a token that verified is kept, with its viewer, until its `exp`; past it the entry is
 *   gone and the token is verified again (and refused, being expired).
 * - At most `maxEntries`, the least recently used going first.
 *
 * Revocation is not this cache's concern: the gateway checks its deny-list on every request
 * whatever the verifier answers, and refuses a revoked token before any subgraph is called.
 */
export class VerifiedTokens<T> {
  private readonly entries = new Map<string, { value: T; expiresAtMs: number }>();

  constructor(
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  static keyOf(token: string): string {
    return createHash('sha256').update(token).digest('base64url');
  }

  get(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    if (this.now() >= entry.expiresAtMs) return undefined;
    // Most recently used last: the first in the map is the next to go.
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: T, expiresAtMs: number): void {
    if (this.now() >= expiresAtMs) return;
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAtMs });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
