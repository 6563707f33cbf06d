import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { openRedis, redisUrl } from '../src';
import { TEST_REDIS_URL } from '../src/testing';

const prefix = `test:${randomBytes(4).toString('hex')}:`;
const opened: { quit(): Promise<unknown> }[] = [];
afterAll(() => Promise.all(opened.map((r) => r.quit())));

describe('openRedis', () => {
  it('connects and keeps keys under its prefix', async () => {
    const a = await openRedis({ url: TEST_REDIS_URL, keyPrefix: `${prefix}a:` });
    const b = await openRedis({ url: TEST_REDIS_URL, keyPrefix: `${prefix}b:` });
    opened.push(a, b);
    await a.set('k', '1', 'PX', 10_000);
    expect(await a.get('k')).toBe('1');
    expect(await b.get('k')).toBeNull();
  });

  it('fails at once when nothing answers, instead of waiting', async () => {
    const started = Date.now();
    await expect(openRedis({ url: 'redis://127.0.0.1:1' })).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('redisUrl', () => {
  it('reads REDIS_URL and refuses other schemes', () => {
    expect(redisUrl({})).toBeUndefined();
    expect(redisUrl({ REDIS_URL: 'redis://h:6379' })).toBe('redis://h:6379');
    expect(() => redisUrl({ REDIS_URL: 'http://h' })).toThrow(/redis:\/\//);
  });
});
