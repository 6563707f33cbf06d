import { hashedKey, LuaScript, decision, orLocal, type OutageLog, type RedisClient } from './redis';

/**
 * At most `limit` requests per `windowMs` for a key (a client address, say), as a token bucket:
 * a full bucket allows a burst of `limit`, and it refills one request every `windowMs / limit`, so
 * there is no window edge at which twice the limit gets through. Kept as one number per key, the
 * time the bucket is full again (GCRA), which is also when the key can be forgotten.
 */
export interface RateLimitOptions {
  limit: number;
  windowMs: number;
}

export interface RateDecision {
  allowed: boolean;
  /** When refused: milliseconds until the next request of this key would be allowed. */
  retryAfterMs: number;
}

export interface RateLimiter {
  /** Counts one request of the key, if it is allowed; a refused request costs nothing. */
  hit(key: string): Promise<RateDecision>;
}

export interface MemoryRateLimitOptions extends RateLimitOptions {
  /** Bounds memory under many distinct keys; the least recently seen go first. */
  maxTracked?: number;
  now?: () => number;
}

// A refill interval such as 100 / 3 ms is not exact in floating point: three of them can add up
// to a hair over the window, which must not refuse the third request of a full bucket.
const EPSILON_MS = 1e-6;

export class MemoryRateLimiter implements RateLimiter {
  /** Per key: when its bucket is full again. */
  private readonly fullAt = new Map<string, number>();
  private readonly maxTracked: number;
  private readonly now: () => number;

  constructor(private readonly options: MemoryRateLimitOptions) {
    this.maxTracked = options.maxTracked ?? 100_000;
    this.now = options.now ?? Date.now;
  }

  hit(key: string): Promise<RateDecision> {
    const now = this.now();
    const { limit, windowMs } = this.options;
    const next = Math.max(this.fullAt.get(key) ?? now, now) + windowMs / limit;
    const allowedAt = next - windowMs;
    if (allowedAt - now > EPSILON_MS)
      return Promise.resolve({ allowed: false, retryAfterMs: Math.ceil(allowedAt - now) });
    this.fullAt.delete(key);
    this.fullAt.set(key, next);
    if (this.fullAt.size > this.maxTracked) {
      const oldest = this.fullAt.keys().next().value;
      if (oldest !== undefined) this.fullAt.delete(oldest);
    }
    return Promise.resolve({ allowed: true, retryAfterMs: 0 });
  }
}

// The same step as MemoryRateLimiter.hit, on Redis's clock (microseconds kept: a refill interval
// can be shorter than a millisecond). The key expires when its bucket is full again.
const HIT = new LuaScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local window = tonumber(ARGV[1])
local fullAt = tonumber(redis.call('GET', KEYS[1])) or now
if fullAt < now then fullAt = now end
local nextFullAt = fullAt + window / tonumber(ARGV[2])
local allowedAt = nextFullAt - window
if allowedAt - now > ${EPSILON_MS} then return {0, math.ceil(allowedAt - now)} end
redis.call('SET', KEYS[1], nextFullAt, 'PX', math.ceil(nextFullAt - now))
return {1, 0}
`);

export class RedisRateLimiter implements RateLimiter {
  constructor(
    private readonly redis: RedisClient,
    private readonly name: string,
    private readonly options: RateLimitOptions,
    private readonly outage: OutageLog,
    /** Answers while Redis does not, per replica. */
    private readonly fallback: RateLimiter,
  ) {}

  hit(key: string): Promise<RateDecision> {
    return orLocal(
      this.outage,
      async () =>
        decision(
          await HIT.run(this.redis, [hashedKey('rate', this.name, key)], [this.options.windowMs, this.options.limit]),
        ),
      () => this.fallback.hit(key),
    );
  }
}
