import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger, LogFields } from '@carebridge/common';
import { TEST_REDIS_URL } from '@carebridge/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSharedState, SharedStateUnavailableError, type SharedState } from '../../src/shared';
import { deleteKeys, testPrefix } from '../support/sharedState';

/**
 * Redis going away while the gateway runs, through a TCP proxy this test cuts and restores: the
 * counters carry on per replica, the deny-list refuses to answer, and everything uses Redis
 * again once it is back.
 */

/** A proxy to the test Redis that can drop every connection and refuse new ones, then recover. */
async function redisProxy() {
  const target = new URL(TEST_REDIS_URL);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 6379), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => socket.destroy());
      socket.on('close', () => sockets.delete(socket));
    }
    client.pipe(upstream).pipe(client);
  });
  const listen = (port: number) => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  await listen(0);
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `redis://127.0.0.1:${port}`,
    async cut() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
    restore: () => listen(port),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function recordingLogger() {
  const lines: { level: string; event: string; fields: LogFields }[] = [];
  const logger: Logger = {
    info: (event, fields = {}) => lines.push({ level: 'info', event, fields }),
    warn: (event, fields = {}) => lines.push({ level: 'warn', event, fields }),
    error: (event, fields = {}) => lines.push({ level: 'error', event, fields }),
    child: () => logger,
  };
  return { logger, lines };
}

async function eventually(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > until) throw new Error('Redis did not come back');
    await sleep(50);
  }
}

describe('shared state while Redis is down', () => {
  const keyPrefix = testPrefix('outage');
  const { logger, lines } = recordingLogger();
  let proxy: Awaited<ReturnType<typeof redisProxy>>;
  let state: SharedState;

  beforeAll(async () => {
    proxy = await redisProxy();
    state = await createSharedState({ redisUrl: proxy.url, keyPrefix, logger });
  });
  afterAll(async () => {
    await state?.close();
    await proxy?.close();
    await deleteKeys(keyPrefix);
  });

  it('counts per replica, refuses deny-list answers, logs once, and goes back to Redis after', async () => {
    const throttle = state.loginThrottle('login', { freeAttempts: 2, baseDelayMs: 60_000 });
    const limiter = state.rateLimiter('ip', { limit: 3, windowMs: 60_000 });
    const revoked = randomUUID();
    await state.denyList.revoke(revoked, Date.now() + 60_000);
    // Counted in Redis before the outage: two of the limiter's three.
    await limiter.hit('10.0.0.1');
    await limiter.hit('10.0.0.1');
    expect(state.backend).toBe('redis');

    await proxy.cut();

    // The deny-list fails closed: no answer rather than "not revoked".
    await expect(state.denyList.isRevoked(revoked)).rejects.toBeInstanceOf(SharedStateUnavailableError);
    await expect(state.denyList.isRevoked(randomUUID())).rejects.toBeInstanceOf(SharedStateUnavailableError);
    await expect(state.denyList.revoke(randomUUID(), Date.now() + 60_000)).rejects.toBeInstanceOf(
      SharedStateUnavailableError,
    );
    // The counters carry on in-process, with the same limits: weaker across replicas, never none.
    const local = await Promise.all(Array.from({ length: 10 }, () => throttle.attempt('a@x.test')));
    expect(local.filter((r) => r.allowed)).toHaveLength(2);
    const hits = await Promise.all(Array.from({ length: 10 }, () => limiter.hit('10.0.0.1')));
    expect(hits.filter((r) => r.allowed)).toHaveLength(3);

    const warnings = lines.filter((l) => l.event === 'shared_state.redis_unavailable');
    expect(warnings.map((l) => l.fields['component']).sort()).toEqual(['deny_list', 'rate:ip', 'throttle:login']);
    expect(warnings.every((l) => l.level === 'warn')).toBe(true);
    // Nothing personal in the log: no email, no address.
    expect(JSON.stringify(lines)).not.toMatch(/x\.test|10\.0\.0\.1/);

    await proxy.restore();
    await eventually(async () => (await state.denyList.isRevoked(revoked)) === true);

    // Redis again: its own counts, kept through the outage (one hit left of the limiter's three).
    const after = await Promise.all(Array.from({ length: 5 }, () => limiter.hit('10.0.0.1')));
    expect(after.filter((r) => r.allowed)).toHaveLength(1);
    expect((await throttle.attempt('a@x.test')).allowed).toBe(true);
    expect(
      lines
        .filter((l) => l.event === 'shared_state.redis_recovered')
        .map((l) => l.fields['component'])
        .sort(),
    ).toEqual(['deny_list', 'rate:ip', 'throttle:login']);
  });
});

describe('createSharedState', () => {
  it('refuses to start when Redis is configured but does not answer', async () => {
    const started = Date.now();
    await expect(
      createSharedState({ redisUrl: 'redis://127.0.0.1:1', logger: recordingLogger().logger }),
    ).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('keeps state in-process without a URL', async () => {
    const state = await createSharedState({ logger: recordingLogger().logger });
    expect(state.backend).toBe('memory');
    await state.close();
  });
});
