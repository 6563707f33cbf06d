import { describe, expect, it } from 'vitest';
import { MemoryLoginThrottle } from '../../src/shared';
import { backends, expectWait, useSharedState } from '../support/sharedState';

// Delays of tens of milliseconds: real time for the Redis run, moved by hand in-process.
const OPTIONS = { freeAttempts: 3, baseDelayMs: 100, maxDelayMs: 400, forgetAfterMs: 5_000 };
const MARGIN = 25;

describe.each(backends('throttle'))('LoginThrottle ($name)', (backend) => {
  const state = useSharedState(backend);
  let n = 0;
  // A throttle of its own per test: no test sees another's counts.
  const throttle = (options: object = OPTIONS) => state().loginThrottle(`t${++n}`, options);

  it('lets the free attempts through, then asks to wait the base delay', async () => {
    const t = throttle();
    const since = backend.now();
    for (let i = 0; i < 3; i++) expect(await t.attempt('a@x.test')).toEqual({ allowed: true, retryAfterMs: 0 });
    const refused = await t.attempt('a@x.test');
    expect(refused.allowed).toBe(false);
    expectWait(backend, refused.retryAfterMs, 100, since);
  });

  it('doubles the delay for each further failure, up to the cap, and always lets one through after it', async () => {
    const t = throttle();
    for (let i = 0; i < 3; i++) await t.attempt('a');
    let wait = (await t.attempt('a')).retryAfterMs;
    for (const delay of [200, 400, 400]) {
      await backend.advance(wait + MARGIN);
      const since = backend.now();
      expect((await t.attempt('a')).allowed).toBe(true);
      const refused = await t.attempt('a');
      expect(refused.allowed).toBe(false);
      expectWait(backend, refused.retryAfterMs, delay, since);
      wait = refused.retryAfterMs;
    }
  });

  it('forgets the failures on success', async () => {
    const t = throttle();
    for (let i = 0; i < 2; i++) await t.attempt('a');
    await t.succeed('a');
    for (let i = 0; i < 3; i++) expect((await t.attempt('a')).allowed).toBe(true);
    expect((await t.attempt('a')).allowed).toBe(false);
  });

  it('keeps keys and throttles of different names apart', async () => {
    const one = throttle();
    const other = throttle();
    for (let i = 0; i < 3; i++) await one.attempt('a');
    expect((await one.attempt('a')).allowed).toBe(false);
    expect((await one.attempt('b')).allowed).toBe(true);
    expect((await other.attempt('a')).allowed).toBe(true);
  });

  it('forgets a key that saw no attempt for forgetAfterMs after its delay', async () => {
    const t = throttle({ ...OPTIONS, forgetAfterMs: 100 });
    for (let i = 0; i < 3; i++) await t.attempt('a');
    await backend.advance(100 + 100 + MARGIN);
    const since = backend.now();
    for (let i = 0; i < 3; i++) expect((await t.attempt('a')).allowed).toBe(true);
    // The base delay again, not the doubled one that a remembered fourth failure would bring.
    expectWait(backend, (await t.attempt('a')).retryAfterMs, 100, since);
  });

  it('does not forget a key while it waits out its delay, so waiting does not reset the count', async () => {
    const t = throttle({ ...OPTIONS, forgetAfterMs: 100 });
    for (let i = 0; i < 3; i++) await t.attempt('a');
    await backend.advance(100 + MARGIN);
    const since = backend.now();
    expect((await t.attempt('a')).allowed).toBe(true);
    expectWait(backend, (await t.attempt('a')).retryAfterMs, 200, since);
  });

  it('counts before the password is checked: of 100 concurrent attempts only the free ones pass', async () => {
    const t = throttle({ freeAttempts: 5, baseDelayMs: 10_000 });
    const since = backend.now();
    const results = await Promise.all(Array.from({ length: 100 }, () => t.attempt('victim@x.test')));
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
    for (const r of results.filter((r) => !r.allowed)) expectWait(backend, r.retryAfterMs, 10_000, since);
  });

  describe('LoginGuard (per email and source, then per email)', () => {
    const guard = () =>
      state().loginGuard({
        perSource: { freeAttempts: 5, baseDelayMs: 10_000 },
        perEmail: { freeAttempts: 20, baseDelayMs: 10_000 },
      });

    it('a burst from one source does not lock out the real user coming from elsewhere', async () => {
      const g = guard();
      const burst = await Promise.all(Array.from({ length: 100 }, () => g.attempt('nurse@x.test', '203.0.113.9')));
      expect(burst.filter((r) => r.allowed)).toHaveLength(5);
      expect((await g.attempt('nurse@x.test', '198.51.100.7')).allowed).toBe(true);
    });

    it('guessing spread over many sources meets the per-email throttle', async () => {
      const g = guard();
      const spread = await Promise.all(
        Array.from({ length: 50 }, (_, i) => g.attempt('admin@x.test', `203.0.113.${i % 10}`)),
      );
      // 10 sources × 5 free attempts each could let 50 through; the per-email count stops at 20.
      expect(spread.filter((r) => r.allowed)).toHaveLength(20);
      expect((await g.attempt('admin@x.test', '198.51.100.7')).allowed).toBe(false);
    });

    it('a success forgets both counts', async () => {
      const g = guard();
      for (let i = 0; i < 4; i++) await g.attempt('c@x.test', 'ip');
      await g.succeed('c@x.test', 'ip');
      for (let i = 0; i < 5; i++) expect((await g.attempt('c@x.test', 'ip')).allowed).toBe(true);
    });

    it('does not mix an email that contains the separator of another pair', async () => {
      const g = guard();
      for (let i = 0; i < 5; i++) await g.attempt('a@x.test|1', '2');
      expect((await g.attempt('a@x.test', '1|2')).allowed).toBe(true);
    });
  });
});

describe('MemoryLoginThrottle', () => {
  it('tracks at most maxTracked keys, forgetting the least recently tried', async () => {
    const t = new MemoryLoginThrottle({ freeAttempts: 1, baseDelayMs: 1_000, maxTracked: 2, now: () => 0 });
    await t.attempt('a');
    await t.attempt('b');
    await t.attempt('a'); // refused: a stays the most recently tried of the two
    await t.attempt('c');
    expect((await t.attempt('a')).allowed).toBe(false);
    expect((await t.attempt('b')).allowed).toBe(true);
  });
});
