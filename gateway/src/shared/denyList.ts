import type { Logger } from '@carebridge/common';
import { SharedStateUnavailableError, type OutageLog, type RedisClient } from './redis';

/**
 * Access tokens revoked before their expiry (at log-out, on refresh-token reuse), by `jti`. An
 * entry lives exactly as long as the token could still be accepted, so the list holds only the
 * revocations of the last access-token lifetime.
 */
export interface TokenDenyList {
  /** `expiresAtMs`: the token's `exp`, in ms. A token already expired is not stored. */
  revoke(jti: string, expiresAtMs: number): Promise<void>;
  isRevoked(jti: string): Promise<boolean>;
}

export interface MemoryDenyListOptions {
  /** Bounds memory; see `revoke` for what happens at the bound. */
  maxEntries?: number;
  now?: () => number;
  logger?: Logger;
}

export class MemoryTokenDenyList implements TokenDenyList {
  /** jti → expiry, in insertion order, which is close to expiry order (one token lifetime). */
  private readonly entries = new Map<string, number>();
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(private readonly options: MemoryDenyListOptions = {}) {
    this.maxEntries = options.maxEntries ?? 100_000;
    this.now = options.now ?? Date.now;
  }

  revoke(jti: string, expiresAtMs: number): Promise<void> {
    const now = this.now();
    if (expiresAtMs <= now) return Promise.resolve();
    this.dropExpiredFromFront(now);
    if (this.entries.size >= this.maxEntries) this.dropAllExpired(now);
    if (this.entries.size >= this.maxEntries) {
      // Still full of live revocations: drop the oldest, the one with the least lifetime left. An
      // unbounded list is the worse risk; the warning says the bound needs raising.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
      this.options.logger?.warn('deny_list.full', { maxEntries: this.maxEntries });
    }
    this.entries.set(jti, Math.max(expiresAtMs, this.entries.get(jti) ?? 0));
    return Promise.resolve();
  }

  isRevoked(jti: string): Promise<boolean> {
    const expiresAt = this.entries.get(jti);
    return Promise.resolve(expiresAt !== undefined && expiresAt > this.now());
  }

  // Cheap and amortised O(1): most expired entries are at the front.
  private dropExpiredFromFront(now: number): void {
    for (const [jti, expiresAt] of this.entries) {
      if (expiresAt > now) return;
      this.entries.delete(jti);
    }
  }

  private dropAllExpired(now: number): void {
    for (const [jti, expiresAt] of this.entries) if (expiresAt <= now) this.entries.delete(jti);
  }
}

/**
 * One key per revoked `jti`, expiring with the token. The `jti` is stored as it is: it is the
 * gateway's own random id, read only from a token whose signature was already verified.
 *
 * No local cache in front of `isRevoked`: a revocation made on one replica must hold on every
 * other at once, and one GET per request is cheap next to a subgraph call. And no fallback while
 * Redis is down: a per-replica list would miss the revocations made elsewhere, so both methods
 * fail (closed) with SharedStateUnavailableError.
 */
export class RedisTokenDenyList implements TokenDenyList {
  constructor(
    private readonly redis: RedisClient,
    private readonly outage: OutageLog,
    private readonly now: () => number = Date.now,
  ) {}

  async revoke(jti: string, expiresAtMs: number): Promise<void> {
    // PX (a duration from this replica's clock), not PXAT: the entry then outlives the token by
    // the call's latency whatever Redis's clock says, where PXAT would end it early if that
    // clock ran ahead of ours.
    const ttlMs = Math.ceil(expiresAtMs - this.now());
    if (ttlMs <= 0) return;
    await this.call('revoking a token', () => this.redis.set(`deny:${jti}`, '1', 'PX', ttlMs));
  }

  async isRevoked(jti: string): Promise<boolean> {
    return (await this.call('checking a token', () => this.redis.exists(`deny:${jti}`))) === 1;
  }

  private async call<T>(what: string, run: () => Promise<T>): Promise<T> {
    let result: T;
    try {
      result = await run();
    } catch (error) {
      this.outage.failed(error);
      throw new SharedStateUnavailableError(what, error);
    }
    this.outage.succeeded();
    return result;
  }
}
