import { createHash } from 'node:crypto';
import type { Logger } from '@carebridge/common';
import type { openRedis } from '@carebridge/db';

export type RedisClient = Awaited<ReturnType<typeof openRedis>>;

/**
 * Thrown when state that must not be guessed (the token deny-list) cannot be read or written.
 * The caller answers 503: treating "unknown" as "not revoked" would let a logged-out token in.
 */
export class SharedStateUnavailableError extends Error {
  constructor(what: string, cause: unknown) {
    super(`${what}: the shared state (Redis) is unavailable`, { cause });
    this.name = 'SharedStateUnavailableError';
  }
}

/**
 * The Redis key for a caller's key. Hashed so that emails and IP addresses never appear in Redis
 * (a MONITOR, a dump or a key listing shows none), and so a long key cannot make a long Redis key.
 */
export function hashedKey(kind: string, name: string, key: string): string {
  return `${kind}:${name}:${createHash('sha256').update(key).digest('base64url')}`;
}

/** A Lua script run by its SHA, sent whole only when the server does not know it yet. */
export class LuaScript {
  private readonly sha: string;

  constructor(private readonly lua: string) {
    this.sha = createHash('sha1').update(lua).digest('hex');
  }

  async run(redis: RedisClient, keys: string[], args: (string | number)[]): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return redis.eval(this.lua, keys.length, ...keys, ...args);
    }
  }
}

/** Reads a script's `{allowed, retryAfterMs}` reply (Redis has no booleans: 1 or 0). */
export function decision(reply: unknown): { allowed: boolean; retryAfterMs: number } {
  const [allowed, retryAfterMs] = reply as [number, number];
  return { allowed: allowed === 1, retryAfterMs };
}

/**
 * Logs the first failed call of an outage and the first success after it, not every call: during
 * an outage every request fails, and one line per request would bury everything else.
 */
export class OutageLog {
  private down = false;

  constructor(
    private readonly logger: Logger,
    private readonly component: string,
    private readonly consequence: string,
  ) {}

  failed(error: unknown): void {
    if (this.down) return;
    this.down = true;
    const code = (error as { code?: string } | undefined)?.code ?? (error instanceof Error ? error.name : 'unknown');
    this.logger.warn('shared_state.redis_unavailable', {
      component: this.component,
      consequence: this.consequence,
      code,
      message: error instanceof Error ? error.message : String(error),
    });
  }

  succeeded(): void {
    if (!this.down) return;
    this.down = false;
    this.logger.info('shared_state.redis_recovered', { component: this.component });
  }
}

/**
 * Runs a Redis call; while Redis fails, answers from the in-process fallback instead. For counters
 * (throttle, rate limit) a per-replica count is a weaker limit, never none, and keeps log-in up.
 */
export async function orLocal<T>(outage: OutageLog, remote: () => Promise<T>, local: () => Promise<T>): Promise<T> {
  let result: T;
  try {
    result = await remote();
  } catch (error) {
    outage.failed(error);
    return local();
  }
  outage.succeeded();
  return result;
}
