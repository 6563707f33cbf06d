import { describe, expect, it } from 'vitest';
import { MemoryRateLimiter } from '../../src/shared';
import { backends, expectWait, useSharedState } from '../support/sharedState';

// 4 per 400 ms: a burst of 4, then one more every 100 ms.
const OPTIONS = { limit: 4, windowMs: 400 };
const MARGIN = 25;

describe.each(backends('rate'))('RateLimiter ($name)', (backend) => {
  const state = useSharedState(backend);
  let n = 0;
  const limiter = (options = OPTIONS) => state().rateLimiter(`r${++n}`, options);
  const burst = (hit: () => Promise<{ allowed: boolean; retryAfterMs: number }>, size: number) =>
    Promise.all(Array.from({ length: size }, hit));

  it('allows a burst of the limit, then asks to wait for the next refill', async () => {
    const r = limiter();
    const since = backend.now();
    const results = await burst(() => r.hit('10.0.0.1'), 5);
    expect(results.slice(0, 4).every((x) => x.allowed && x.retryAfterMs === 0)).toBe(true);
    expect(results[4]!.allowed).toBe(false);
    expectWait(backend, results[4]!.retryAfterMs, 100, since);
  });

  it('refills one request per windowMs / limit, and the whole burst after a window', async () => {
    const r = limiter();
    await burst(() => r.hit('k'), 4);
    await backend.advance(100 + MARGIN);
    expect((await r.hit('k')).allowed).toBe(true);
    expect((await r.hit('k')).allowed).toBe(false);
    await backend.advance(400 + MARGIN);
    expect((await burst(() => r.hit('k'), 5)).filter((x) => x.allowed)).toHaveLength(4);
  });

  it('does not count refused requests, so hammering does not extend the wait', async () => {
    const r = limiter();
    await burst(() => r.hit('k'), 4);
    await burst(() => r.hit('k'), 50);
    await backend.advance(100 + MARGIN);
    expect((await r.hit('k')).allowed).toBe(true);
  });

  it('lets exactly the limit through of 100 concurrent requests', async () => {
    const r = limiter({ limit: 10, windowMs: 60_000 });
    expect((await burst(() => r.hit('k'), 100)).filter((x) => x.allowed)).toHaveLength(10);
  });

  it('keeps keys and limiters of different names apart', async () => {
    const one = limiter();
    const other = limiter();
    await burst(() => one.hit('a'), 4);
    expect((await one.hit('a')).allowed).toBe(false);
    expect((await one.hit('b')).allowed).toBe(true);
    expect((await other.hit('a')).allowed).toBe(true);
  });

  it('allows windows that do not divide into whole milliseconds', async () => {
    const r = limiter({ limit: 3, windowMs: 100 });
    expect((await burst(() => r.hit('k'), 4)).filter((x) => x.allowed)).toHaveLength(3);
    await backend.advance(34 + MARGIN);
    expect((await r.hit('k')).allowed).toBe(true);
  });
});

describe('MemoryRateLimiter', () => {
  it('tracks at most maxTracked keys, forgetting the least recently seen', async () => {
    const r = new MemoryRateLimiter({ limit: 1, windowMs: 1_000, maxTracked: 2, now: () => 0 });
    await r.hit('a');
    await r.hit('b');
    await r.hit('c');
    expect((await r.hit('a')).allowed).toBe(true);
    expect((await r.hit('c')).allowed).toBe(false);
  });
});
