import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { silentLogger } from '@carebridge/common';
import { openRedis } from '@carebridge/db';
import { TEST_REDIS_URL } from '@carebridge/db/testing';
import { afterAll, beforeAll } from 'vitest';
import { createSharedState, type SharedState } from '../../src/shared';

/**
 * One behaviour suite, two backends: in-process on a clock the test moves, and a real Redis on
 * real time (so the waits are short, and checks of a wait's length allow for scheduling). The
 * Redis backend fails its tests when no Redis answers: a skipped run would hide a broken script.
 */
export interface Backend {
  name: 'memory' | 'redis';
  /** Lets `ms` pass: moves the clock in-process, sleeps with Redis. */
  advance(ms: number): Promise<void>;
  now(): number;
  /** Whether waits are exact (the in-process clock) or real time that has moved on a little. */
  exact: boolean;
  open(): Promise<{ state: SharedState; cleanup(): Promise<void> }>;
}

export function backends(label: string): Backend[] {
  let clock = 1_000_000;
  return [
    {
      name: 'memory',
      exact: true,
      now: () => clock,
      advance: (ms) => {
        clock += ms;
        return Promise.resolve();
      },
      open: async () => ({
        state: await createSharedState({ logger: silentLogger, now: () => clock }),
        cleanup: () => Promise.resolve(),
      }),
    },
    {
      name: 'redis',
      exact: false,
      now: Date.now,
      advance: (ms) => sleep(ms),
      open: async () => {
        const keyPrefix = testPrefix(label);
        return {
          state: await createSharedState({ redisUrl: TEST_REDIS_URL, keyPrefix, logger: silentLogger }),
          cleanup: () => deleteKeys(keyPrefix),
        };
      },
    },
  ];
}

/** Opens the backend's state before the enclosing describe's tests, closes it after them. */
export function useSharedState(backend: Backend): () => SharedState {
  let opened: Awaited<ReturnType<Backend['open']>> | undefined;
  beforeAll(async () => {
    opened = await backend.open();
  });
  afterAll(async () => {
    await opened?.state.close();
    await opened?.cleanup();
  });
  return () => {
    if (!opened) throw new Error(`the ${backend.name} shared state did not open`);
    return opened.state;
  };
}

/** A key prefix of this run alone. */
export function testPrefix(label: string): string {
  return `test:${label}:${randomBytes(4).toString('hex')}:`;
}

/** Deletes what a run left under its prefix (most of it has expired by itself already). */
export async function deleteKeys(prefix: string): Promise<void> {
  const redis = await openRedis({ url: TEST_REDIS_URL });
  try {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    await redis.quit();
  }
}

/**
 * Asserts a wait of `ms` counted from `since` (the backend's time before the call that started
 * it): exact in-process; with Redis, real time since then has eaten into it, by however much a
 * loaded machine took.
 */
export function expectWait(backend: Backend, actual: number, ms: number, since: number): void {
  const least = backend.exact ? ms : ms - (backend.now() - since) - 1;
  if (actual < least || actual > ms) throw new Error(`expected a wait of ${least}..${ms} ms, got ${actual} ms`);
}
