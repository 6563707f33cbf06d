import type { Logger } from '@carebridge/common';
import { openRedis } from '@carebridge/db';
import { MemoryTokenDenyList, RedisTokenDenyList, type TokenDenyList } from './denyList';
import { MemoryRateLimiter, RedisRateLimiter, type RateLimiter, type RateLimitOptions } from './rateLimit';
import { OutageLog, type RedisClient } from './redis';
import {
  LOGIN_PER_EMAIL,
  LOGIN_PER_SOURCE,
  LoginGuard,
  MemoryLoginThrottle,
  RedisLoginThrottle,
  type LoginThrottle,
  type ThrottleOptions,
} from './throttle';

export * from './denyList';
export * from './rateLimit';
export { SharedStateUnavailableError } from './redis';
export * from './throttle';

/**
 * The state gateway replicas must share: log-in throttles, rate limits and revoked access
 * tokens. With a Redis URL every replica sees the same counts and the same revocations; without
 * one each process keeps its own, as a single gateway always did.
 *
 * While Redis is down, the counters (throttles, rate limiters) count per replica instead (a
 * weaker limit, never none, and log-in stays up), and the deny-list fails closed
 * (SharedStateUnavailableError: answer 503). One warning per outage and component, one info line
 * when it answers again.
 */
export interface SharedStateOptions {
  /** `redisUrl(env)` from @carebridge/db; undefined means in-process state. */
  redisUrl?: string;
  /** Before every Redis key, so stacks and test runs can share a server. */
  keyPrefix?: string;
  logger: Logger;
  /** The in-process clock (tests). Redis-backed counters use Redis's clock. */
  now?: () => number;
}

export interface SharedState {
  readonly backend: 'redis' | 'memory';
  /**
   * A throttle whose keys live under `name`; throttles of different names never mix. Create one
   * per name and keep it: in-process, a second one of the same name would count apart.
   */
  loginThrottle(name: string, options?: ThrottleOptions): LoginThrottle;
  /** The recommended pair of log-in throttles (see LoginGuard); defaults LOGIN_PER_SOURCE/EMAIL. */
  loginGuard(options?: { perSource?: ThrottleOptions; perEmail?: ThrottleOptions }): LoginGuard;
  rateLimiter(name: string, options: RateLimitOptions): RateLimiter;
  readonly denyList: TokenDenyList;
  close(): Promise<void>;
}

/**
 * Connects when a URL is given, and rejects when Redis does not answer: a gateway configured for
 * shared state must not start with per-replica state that nobody asked for.
 */
export async function createSharedState(options: SharedStateOptions): Promise<SharedState> {
  const { logger, now } = options;
  const memoryThrottle = (_name: string, throttleOptions: ThrottleOptions): LoginThrottle =>
    new MemoryLoginThrottle({ ...throttleOptions, now });
  const memoryRate = (_name: string, rateOptions: RateLimitOptions): RateLimiter =>
    new MemoryRateLimiter({ ...rateOptions, now });

  if (options.redisUrl === undefined) {
    return assemble('memory', memoryThrottle, memoryRate, new MemoryTokenDenyList({ now, logger }), () =>
      Promise.resolve(),
    );
  }

  const redis = await openRedis({
    url: options.redisUrl,
    keyPrefix: options.keyPrefix ?? 'carebridge:gateway:',
    logger,
  });
  const counterOutage = (component: string) => new OutageLog(logger, component, 'counting per replica');
  return assemble(
    'redis',
    (name, throttleOptions) =>
      new RedisLoginThrottle(
        redis,
        name,
        throttleOptions,
        counterOutage(`throttle:${name}`),
        memoryThrottle(name, throttleOptions),
      ),
    (name, rateOptions) =>
      new RedisRateLimiter(redis, name, rateOptions, counterOutage(`rate:${name}`), memoryRate(name, rateOptions)),
    new RedisTokenDenyList(redis, new OutageLog(logger, 'deny_list', 'refusing requests (fail closed)'), now),
    () => quit(redis),
  );
}

function assemble(
  backend: SharedState['backend'],
  throttle: (name: string, options: ThrottleOptions) => LoginThrottle,
  rate: (name: string, options: RateLimitOptions) => RateLimiter,
  denyList: TokenDenyList,
  close: () => Promise<void>,
): SharedState {
  return {
    backend,
    loginThrottle: (name, options = {}) => throttle(name, options),
    loginGuard: (options = {}) =>
      new LoginGuard(
        throttle('login-source', options.perSource ?? LOGIN_PER_SOURCE),
        throttle('login-email', options.perEmail ?? LOGIN_PER_EMAIL),
      ),
    rateLimiter: (name, options) => rate(name, options),
    denyList,
    close,
  };
}

async function quit(redis: RedisClient): Promise<void> {
  try {
    await redis.quit();
  } catch {
    // Not connected (an outage at shutdown): nothing to flush, just stop reconnecting.
    redis.disconnect();
  }
}
