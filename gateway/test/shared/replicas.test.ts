import { randomUUID } from 'node:crypto';
import { silentLogger } from '@carebridge/common';
import { TEST_REDIS_URL } from '@carebridge/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSharedState, type SharedState } from '../../src/shared';
import { deleteKeys, testPrefix } from '../support/sharedState';

/** Two gateway replicas on one Redis: what one counts or revokes holds on the other at once. */
describe('shared state across replicas', () => {
  const keyPrefix = testPrefix('replicas');
  let a: SharedState;
  let b: SharedState;

  beforeAll(async () => {
    const open = () => createSharedState({ redisUrl: TEST_REDIS_URL, keyPrefix, logger: silentLogger });
    a = await open();
    b = await open();
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await deleteKeys(keyPrefix);
  });

  it('a burst spread over both replicas passes only the free attempts', async () => {
    const options = { perSource: { freeAttempts: 5, baseDelayMs: 10_000 } };
    const [ga, gb] = [a.loginGuard(options), b.loginGuard(options)];
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => (i % 2 ? ga : gb).attempt('nurse@x.test', '203.0.113.9')),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
    await gb.succeed('nurse@x.test', '203.0.113.9');
    expect((await ga.attempt('nurse@x.test', '203.0.113.9')).allowed).toBe(true);
  });

  it('one rate limit for both', async () => {
    const [ra, rb] = [a, b].map((s) => s.rateLimiter('ip', { limit: 10, windowMs: 60_000 }));
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? ra! : rb!).hit('10.0.0.1')));
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
  });

  it('a token revoked on one replica is refused by the other at once', async () => {
    const jti = randomUUID();
    expect(await b.denyList.isRevoked(jti)).toBe(false);
    await a.denyList.revoke(jti, Date.now() + 60_000);
    expect(await b.denyList.isRevoked(jti)).toBe(true);
  });
});
