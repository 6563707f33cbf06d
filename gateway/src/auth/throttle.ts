/**
 * Slows down guessing against one account: after `freeAttempts` consecutive failures for an
 * email, further attempts wait an exponentially growing delay (capped), and a success resets it.
 * Keyed by email, not IP, so spreading a guessing run over many addresses does not help; the
 * delay always ends, so an attacker can slow a real user down but never lock them out for good.
 * Unknown emails are tracked exactly like real ones, so the answer never tells them apart.
 */
export interface ThrottleOptions {
  freeAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Bounds memory when someone tries many different emails; the oldest entries go first. */
  maxTracked?: number;
  now?: () => number;
}

interface Entry {
  failures: number;
  blockedUntil: number;
}

export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();
  private readonly freeAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly maxTracked: number;
  private readonly now: () => number;

  constructor(options: ThrottleOptions = {}) {
    this.freeAttempts = options.freeAttempts ?? 5;
    this.baseDelayMs = options.baseDelayMs ?? 1_000;
    this.maxDelayMs = options.maxDelayMs ?? 15 * 60_000;
    this.maxTracked = options.maxTracked ?? 100_000;
    this.now = options.now ?? Date.now;
  }

  /** Milliseconds the caller must still wait before trying this account again; 0 when free. */
  retryAfterMs(key: string): number {
    const entry = this.entries.get(key);
    return entry ? Math.max(0, entry.blockedUntil - this.now()) : 0;
  }

  recordFailure(key: string): void {
    const entry = this.entries.get(key) ?? { failures: 0, blockedUntil: 0 };
    entry.failures += 1;
    const over = entry.failures - this.freeAttempts;
    if (over >= 0) entry.blockedUntil = this.now() + Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** over);
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxTracked) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  recordSuccess(key: string): void {
    this.entries.delete(key);
  }
}
