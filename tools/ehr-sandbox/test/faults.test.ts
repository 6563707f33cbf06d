import { describe, expect, it } from 'vitest';
import { seededRandom as mulberry32 } from '@carebridge/common';
import { FaultInjector, validateFaultSettings } from '../src/faults';

const tally = (injector: FaultInjector, draws: number) => {
  const counts = { none: 0, fail: 0, 'retry-after': 0, 'lose-response': 0 };
  for (let i = 0; i < draws; i++) counts[injector.decide().kind] += 1;
  return counts;
};

describe('mulberry32', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const first = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(first);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(first);
    for (const value of first) expect(value >= 0 && value < 1).toBe(true);
  });
});

describe('FaultInjector', () => {
  it('injects nothing by default', () => {
    expect(tally(new FaultInjector(), 1000)).toEqual({ none: 1000, fail: 0, 'retry-after': 0, 'lose-response': 0 });
  });

  it('fails every request at failureRate 1 and answers 503 to every request at retryAfterRate 1', () => {
    expect(tally(new FaultInjector({ failureRate: 1 }), 200).fail).toBe(200);
    const retry = new FaultInjector({ retryAfterRate: 1, retryAfterSeconds: 7 });
    expect(retry.decide()).toEqual({ kind: 'retry-after', seconds: 7 });
    expect(tally(retry, 199)['retry-after']).toBe(199);
  });

  it('loses every answer at lostResponseRate 1, after the other rates', () => {
    expect(tally(new FaultInjector({ lostResponseRate: 1 }), 50)['lose-response']).toBe(50);
    const counts = tally(new FaultInjector({ failureRate: 0.5, lostResponseRate: 0.5, seed: 3 }), 1000);
    expect(counts.fail + counts['lose-response']).toBe(1000);
    expect(counts['lose-response']).toBeGreaterThan(400);
  });

  it('injects about the configured shares, the same counts for the same seed', () => {
    const settings = { failureRate: 0.2, retryAfterRate: 0.1, seed: 12345 };
    const counts = tally(new FaultInjector(settings), 10_000);
    expect(counts.fail).toBeGreaterThan(1800);
    expect(counts.fail).toBeLessThan(2200);
    expect(counts['retry-after']).toBeGreaterThan(850);
    expect(counts['retry-after']).toBeLessThan(1150);
    expect(tally(new FaultInjector(settings), 10_000)).toEqual(counts);
  });

  it('restarts the sequence from the seed when settings are updated', () => {
    const injector = new FaultInjector({ failureRate: 0.5, seed: 9 });
    const first = Array.from({ length: 20 }, () => injector.decide().kind);
    injector.update({});
    expect(Array.from({ length: 20 }, () => injector.decide().kind)).toEqual(first);
    expect(first).toContain('fail');
    expect(first).toContain('none');
  });

  it('refuses invalid settings at construction', () => {
    expect(() => new FaultInjector({ failureRate: 1.5 })).toThrow(RangeError);
  });
});

describe('validateFaultSettings', () => {
  it('accepts a partial object and keeps only the given keys', () => {
    expect(validateFaultSettings({ failureRate: 0.5, delayMs: 10 })).toEqual({
      problems: [],
      settings: { failureRate: 0.5, delayMs: 10 },
    });
  });

  it('names rates outside 0..1, fractional whole numbers, wrong types and unknown keys', () => {
    const { problems } = validateFaultSettings({
      failureRate: -0.1,
      retryAfterRate: 2,
      lostResponseRate: -1,
      retryAfterSeconds: 1.5,
      delayMs: '5',
      seed: -1,
      chaos: true,
    });
    expect(problems.map((p) => p.key)).toEqual([
      'failureRate',
      'retryAfterRate',
      'lostResponseRate',
      'retryAfterSeconds',
      'delayMs',
      'seed',
      'chaos',
    ]);
    expect(validateFaultSettings([]).problems).toEqual([{ key: '(body)', message: 'must be a JSON object' }]);
  });
});
