import { describe, expect, it } from 'vitest';
import { ConcurrencyLimiter, DEFAULT_HASH_LIMITS, TooBusyError } from '../src/auth/limiter';

/** A task the test ends by hand; counts how many ever started. */
function gate() {
  const releases: (() => void)[] = [];
  let started = 0;
  const task = () =>
    new Promise<number>((resolve) => {
      const n = ++started;
      releases.push(() => resolve(n));
    });
  return { task, started: () => started, releaseNext: () => releases.shift()!() };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('ConcurrencyLimiter', () => {
  it('defaults to 2 running and 32 waiting', () => {
    expect(DEFAULT_HASH_LIMITS).toEqual({ concurrency: 2, queue: 32 });
  });

  it('runs at most `concurrency` at once, queues up to `queue`, and refuses the rest without running them', async () => {
    const limiter = new ConcurrencyLimiter({ concurrency: 2, queue: 3 });
    const { task, started, releaseNext } = gate();
    const results = Array.from({ length: 8 }, () => limiter.run(task).catch((error: unknown) => error));
    await tick();
    expect(started()).toBe(2);
    expect(limiter.load).toEqual({ running: 2, waiting: 3 });
    // The three over the bound are refused at once, and never start.
    const refused = await Promise.all(results.slice(5));
    for (const error of refused) expect(error).toBeInstanceOf(TooBusyError);
    // Each one that ends lets the next waiting one in, in arrival order.
    releaseNext();
    await tick();
    expect([started(), limiter.load]).toEqual([3, { running: 2, waiting: 2 }]);
    for (let i = 0; i < 4; i++) {
      releaseNext();
      await tick();
    }
    expect(await Promise.all(results.slice(0, 5))).toEqual([1, 2, 3, 4, 5]);
    expect(limiter.load).toEqual({ running: 0, waiting: 0 });
    expect(started()).toBe(5);
  });

  it('frees the slot of a task that fails', async () => {
    const limiter = new ConcurrencyLimiter({ concurrency: 1, queue: 0 });
    await expect(limiter.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await limiter.run(() => Promise.resolve('next'))).toBe('next');
    expect(limiter.load).toEqual({ running: 0, waiting: 0 });
  });
});
