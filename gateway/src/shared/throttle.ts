import { hashedKey, LuaScript, decision, orLocal, type OutageLog, type RedisClient } from './redis';

/**
 * Slows down password guessing: after `freeAttempts` consecutive failures for a key, further
 * attempts wait an exponentially growing delay (capped), and a success resets it. The same rule as
 * the original in-process throttle, with one change that closes a race: an attempt is counted when
 * it is let through, before the password is checked. Checking first and counting after let any
 * number of concurrent wrong passwords pass the check before the first failure was counted.
 */
export interface ThrottleDecision {
  allowed: boolean;
  /** When refused: milliseconds until this key may try again. 0 when allowed. */
  retryAfterMs: number;
}

export interface LoginThrottle {
  /**
   * Reserves one attempt for the key, atomically: refused while the key waits out a delay;
   * otherwise counted as a failure now (a success later takes it back with `succeed`). Call it
   * before verifying the password, and do not verify when it refuses.
   */
  attempt(key: string): Promise<ThrottleDecision>;
  /** The password was right: the key's failures are forgotten. */
  succeed(key: string): Promise<void>;
}

export interface ThrottleOptions {
  /** Failures let through without delay (5). */
  freeAttempts?: number;
  /** The delay after the last free failure, doubled for each further one (1 s). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /**
   * A key that waits out no delay and sees no attempt for this long is forgotten (24 h), so the
   * Redis keys expire by themselves. Long enough that waiting out a delay does not reset it.
   */
  forgetAfterMs?: number;
}

export interface MemoryThrottleOptions extends ThrottleOptions {
  /** Bounds memory when someone tries many different keys; the least recently tried go first. */
  maxTracked?: number;
  now?: () => number;
}

type Settings = Required<ThrottleOptions>;

function settings(options: ThrottleOptions): Settings {
  return {
    freeAttempts: options.freeAttempts ?? 5,
    baseDelayMs: options.baseDelayMs ?? 1_000,
    maxDelayMs: options.maxDelayMs ?? 15 * 60_000,
    forgetAfterMs: options.forgetAfterMs ?? 24 * 60 * 60_000,
  };
}

interface Entry {
  failures: number;
  blockedUntil: number;
  forgetAt: number;
}

export class MemoryLoginThrottle implements LoginThrottle {
  private readonly entries = new Map<string, Entry>();
  private readonly settings: Settings;
  private readonly maxTracked: number;
  private readonly now: () => number;

  constructor(options: MemoryThrottleOptions = {}) {
    this.settings = settings(options);
    this.maxTracked = options.maxTracked ?? 100_000;
    this.now = options.now ?? Date.now;
  }

  // Synchronous inside, so two calls can never interleave: that is what makes it atomic here.
  attempt(key: string): Promise<ThrottleDecision> {
    const now = this.now();
    const { freeAttempts, baseDelayMs, maxDelayMs, forgetAfterMs } = this.settings;
    let entry = this.entries.get(key);
    if (entry && entry.forgetAt <= now) entry = undefined;
    if (entry && entry.blockedUntil > now) {
      // Most recently tried again: flooding other keys must not evict a key under attack.
      this.entries.delete(key);
      this.entries.set(key, entry);
      return Promise.resolve({ allowed: false, retryAfterMs: entry.blockedUntil - now });
    }
    const failures = (entry?.failures ?? 0) + 1;
    const over = failures - freeAttempts;
    const blockedUntil = over >= 0 ? now + Math.min(maxDelayMs, baseDelayMs * 2 ** over) : 0;
    this.entries.delete(key);
    this.entries.set(key, { failures, blockedUntil, forgetAt: Math.max(blockedUntil, now) + forgetAfterMs });
    if (this.entries.size > this.maxTracked) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return Promise.resolve({ allowed: true, retryAfterMs: 0 });
  }

  succeed(key: string): Promise<void> {
    this.entries.delete(key);
    return Promise.resolve();
  }
}

// The same rule as MemoryLoginThrottle.attempt, on Redis's clock so replicas whose clocks differ
// still agree. One script is one atomic step for every replica.
const ATTEMPT = new LuaScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'f', 'b')
local failures = tonumber(state[1]) or 0
local blocked = tonumber(state[2]) or 0
if blocked > now then return {0, blocked - now} end
failures = failures + 1
local over = failures - tonumber(ARGV[1])
blocked = 0
if over >= 0 then blocked = now + math.min(tonumber(ARGV[3]), tonumber(ARGV[2]) * 2 ^ over) end
redis.call('HSET', KEYS[1], 'f', failures, 'b', blocked)
redis.call('PEXPIRE', KEYS[1], math.max(blocked - now, 0) + tonumber(ARGV[4]))
return {1, 0}
`);

export class RedisLoginThrottle implements LoginThrottle {
  private readonly settings: Settings;

  constructor(
    private readonly redis: RedisClient,
    private readonly name: string,
    options: ThrottleOptions,
    private readonly outage: OutageLog,
    /** Answers while Redis does not, per replica. */
    private readonly fallback: LoginThrottle,
  ) {
    this.settings = settings(options);
  }

  attempt(key: string): Promise<ThrottleDecision> {
    const { freeAttempts, baseDelayMs, maxDelayMs, forgetAfterMs } = this.settings;
    return orLocal(
      this.outage,
      async () =>
        decision(
          await ATTEMPT.run(this.redis, [this.key(key)], [freeAttempts, baseDelayMs, maxDelayMs, forgetAfterMs]),
        ),
      () => this.fallback.attempt(key),
    );
  }

  succeed(key: string): Promise<void> {
    return orLocal(
      this.outage,
      async () => {
        await this.redis.del(this.key(key));
      },
      () => this.fallback.succeed(key),
    );
  }

  private key(key: string): string {
    return hashedKey('throttle', this.name, key);
  }
}

/**
 * The recommended log-in check: a strict throttle per (email, source address) and a looser one
 * per email. A burst from one source spends only that source's free attempts (the strict throttle
 * refuses the rest before they reach the per-email count), so it cannot lock the real user, who
 * comes from elsewhere, out. Guessing spread over many sources still meets the per-email throttle,
 * whose lower cap bounds how long it can keep the real user waiting.
 */
export class LoginGuard {
  constructor(
    private readonly perSource: LoginThrottle,
    private readonly perEmail: LoginThrottle,
  ) {}

  /** `email` normalised by the caller; `source` the client address the gateway trusts. */
  async attempt(email: string, source: string): Promise<ThrottleDecision> {
    const first = await this.perSource.attempt(sourceKey(email, source));
    if (!first.allowed) return first;
    return this.perEmail.attempt(email);
  }

  async succeed(email: string, source: string): Promise<void> {
    await Promise.all([this.perSource.succeed(sourceKey(email, source)), this.perEmail.succeed(email)]);
  }
}

// JSON, not a separator: an email may contain any separator one could pick.
const sourceKey = (email: string, source: string): string => JSON.stringify([email, source]);

export const LOGIN_PER_SOURCE: ThrottleOptions = { freeAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 15 * 60_000 };
export const LOGIN_PER_EMAIL: ThrottleOptions = { freeAttempts: 20, baseDelayMs: 1_000, maxDelayMs: 60_000 };
