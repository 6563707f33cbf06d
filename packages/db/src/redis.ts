import { ConfigError, envString, type Env, type Logger } from '@carebridge/common';
import { Redis } from 'ioredis';

/**
 * Redis for state the gateway replicas share (log-in throttle, rate limits, revoked tokens). A
 * command fails fast while the server is unreachable instead of queueing without bound, so a
 * Redis outage turns into errors the caller decides about, never into requests that hang.
 */

/** `REDIS_URL`, or undefined: no Redis configured means the in-process versions. */
export function redisUrl(env: Env): string | undefined {
  const value = envString(env, 'REDIS_URL', '');
  if (value === '') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError('REDIS_URL must be a redis:// URL');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new ConfigError(`REDIS_URL must be a redis:// or rediss:// URL, got the scheme "${url.protocol}"`);
  }
  return value;
}

export interface RedisOptions {
  url: string;
  /** Prepended to every key, so several stacks (or test runs) can share one server. */
  keyPrefix?: string;
  logger?: Logger;
}

export async function openRedis(options: RedisOptions): Promise<Redis> {
  const redis = new Redis(options.url, {
    keyPrefix: options.keyPrefix ?? '',
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
  });
  let lastCode = '';
  redis.on('error', (error: Error & { code?: string }) => {
    // One line per kind of failure, not one per reconnection attempt.
    const code = error.code ?? error.name;
    if (code !== lastCode) options.logger?.warn('redis.error', { code });
    lastCode = code;
  });
  redis.on('ready', () => {
    lastCode = '';
  });
  try {
    await redis.connect();
  } catch (error) {
    // Stop the reconnection loop of a client nobody will use.
    redis.disconnect();
    throw error;
  }
  return redis;
}
