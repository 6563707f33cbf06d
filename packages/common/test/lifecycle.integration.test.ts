import { connect } from 'node:net';
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { ApolloServer } from '@apollo/server';
import { buildSchema } from 'graphql';
import { readShutdownGraceMs, serveHttp, type ReadinessCheck, type RunningService } from '../src/http';
import { createLogger } from '../src/logger';
import { alsoToLogFile } from '../src/logFile';
import { stopOnSignals } from '../src/runner';

/** A service whose `slow` mutation takes `delayMs`, and whose log lines are kept. */
async function slowService(
  options: { delayMs?: number; graceMs?: number; readiness?: ReadinessCheck } = {},
): Promise<{ running: RunningService; logs: Record<string, unknown>[]; started: Promise<void> }> {
  const logs: Record<string, unknown>[] = [];
  let markStarted: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  const server = new ApolloServer({
    schema: buildSchema('type Query { ok: Boolean } type Mutation { slow(note: String): String }'),
    rootValue: {
      ok: () => true,
      slow: async () => {
        markStarted();
        await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 300));
        return 'done';
      },
    },
  });
  await server.start();
  const running = await serveHttp({
    server,
    logger: createLogger(
      'test',
      {},
      alsoToLogFile((line) => logs.push(JSON.parse(line) as Record<string, unknown>)),
    ),
    port: 0,
    context: () => Promise.resolve({}),
    ...(options.graceMs === undefined ? {} : { shutdownGraceMs: options.graceMs }),
    ...(options.readiness ? { readiness: options.readiness } : {}),
  });
  return { running, logs, started };
}

const MUTATION = JSON.stringify({ query: 'mutation { slow(note: "private-note") }' });

/** One raw HTTP/1.1 request on an open socket: lets a test send a second one down the same connection. */
function rawRequest(method: string, path: string, port: number, body = ''): string {
  return (
    `${method} ${path} HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\ncontent-type: application/json\r\n` +
    `content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  );
}

describe('health endpoints', () => {
  let running: RunningService | undefined;
  afterEach(() => running?.close({ graceMs: 0 }));

  it('answers live and ready with 200, and keeps /health as an alias of live', async () => {
    ({ running } = await slowService());
    const base = running.url.replace('/graphql', '');
    for (const path of ['/health', '/health/live']) {
      const response = await fetch(base + path);
      expect([response.status, await response.json()]).toEqual([200, { status: 'ok' }]);
    }
    const ready = await fetch(`${base}/health/ready`);
    expect([ready.status, await ready.json()]).toEqual([200, { status: 'ok', checks: {} }]);
  });

  it('answers 503 with the checks when the readiness callback says not ready, or fails', async () => {
    let answer: () => Promise<{ ready: boolean; checks: Record<string, string> }> = () =>
      Promise.resolve({ ready: false, checks: { patient: 'unreachable' } });
    ({ running } = await slowService({ readiness: () => answer() }));
    const url = running.url.replace('/graphql', '/health/ready');
    let response = await fetch(url);
    expect([response.status, await response.json()]).toEqual([
      503,
      { status: 'not ready', checks: { patient: 'unreachable' } },
    ]);
    answer = () => Promise.reject(new TypeError('boom'));
    response = await fetch(url);
    expect([response.status, await response.json()]).toEqual([
      503,
      { status: 'not ready', checks: { readiness: 'TypeError' } },
    ]);
    // Liveness does not depend on readiness: a restart would not bring a subgraph back.
    expect((await fetch(running.url.replace('/graphql', '/health/live'))).status).toBe(200);
  });
});

describe('access log', () => {
  it('logs one http.request line per request with the request id, and never the query or headers', async () => {
    const { running, logs } = await slowService({ delayMs: 0 });
    try {
      const response = await fetch(running.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'req-access-1', authorization: 'Bearer x.y.z' },
        body: MUTATION,
      });
      expect(await response.json()).toEqual({ data: { slow: 'done' } });
      await fetch(running.url.replace('/graphql', '/health/ready'));
      await fetch(`${running.url}?query=${encodeURIComponent('{ ok }')}`, {
        headers: { 'apollo-require-preflight': 'true' },
      });

      const requests = logs.filter((line) => line['event'] === 'http.request');
      expect(requests).toHaveLength(2);
      expect(requests[0]).toMatchObject({
        service: 'test',
        requestId: 'req-access-1',
        method: 'POST',
        path: '/graphql',
        status: 200,
      });
      expect(requests[0]!['durationMs']).toEqual(expect.any(Number));
      expect(requests[1]).toMatchObject({ method: 'GET', path: '/graphql', status: 200 });
      const text = JSON.stringify(logs);
      expect(text).not.toContain('private-note');
      expect(text).not.toContain('Bearer');
      expect(text).not.toContain('ok }');
    } finally {
      await running.close({ graceMs: 0 });
    }
  });
});

describe('graceful shutdown', () => {
  it('finishes the request in flight, refuses new connections and reports not ready while draining', async () => {
    const { running, logs, started } = await slowService({ delayMs: 300 });
    const socket = connect(running.port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
    const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.write(rawRequest('POST', '/graphql', running.port, MUTATION));
    await started;

    const closing = running.close({ graceMs: 5_000 });
    expect(await running.readiness()).toEqual({ ready: false, checks: { shutdown: 'shutting down' } });
    // The listener is closed: a new connection is refused while the mutation still runs.
    await expect(fetch(running.url.replace('/graphql', '/health/live'))).rejects.toThrow();
    // A request that arrives on a connection the server already has is still answered: not ready.
    socket.write(rawRequest('GET', '/health/ready', running.port));

    await closing;
    await ended;
    const responses = received.split(/(?=HTTP\/1\.1 )/);
    expect(responses).toHaveLength(2);
    expect(responses[0]).toMatch(/^HTTP\/1\.1 200 /);
    expect(responses[0]).toContain('{"data":{"slow":"done"}}');
    expect(responses[1]).toMatch(/^HTTP\/1\.1 503 /);
    expect(responses[1]).toContain('"status":"not ready"');
    expect(responses[1]!.toLowerCase()).toContain('connection: close');
    expect(logs.map((line) => line['event'])).toEqual(
      expect.arrayContaining(['service.draining', 'http.request', 'service.stopped']),
    );
    expect(logs.find((line) => line['event'] === 'service.stopped')).toMatchObject({ forced: false });
  });

  it('cuts what is still running once the grace period is over', async () => {
    const { running, logs, started } = await slowService({ delayMs: 5_000, graceMs: 100 });
    const request = fetch(running.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: MUTATION,
    });
    await started;
    const before = Date.now();
    await running.close();
    expect(Date.now() - before).toBeLessThan(2_000);
    await expect(request).rejects.toThrow();
    expect(logs.find((line) => line['event'] === 'service.shutdown.forced')).toMatchObject({ graceMs: 100 });
    expect(logs.find((line) => line['event'] === 'service.stopped')).toMatchObject({ forced: true });
  });

  it('closes idle keep-alive connections at once and answers close() twice with the same promise', async () => {
    const { running } = await slowService();
    await (await fetch(running.url.replace('/graphql', '/health/live'))).text();
    const first = running.close();
    expect(running.close()).toBe(first);
    const before = Date.now();
    await first;
    expect(Date.now() - before).toBeLessThan(1_000);
  });
});

describe('stopOnSignals', () => {
  const quietLogger = createLogger('test', {}, () => undefined);

  it('stops once on SIGTERM and exits 0; a second signal exits 1 at once', async () => {
    const signals = new EventEmitter();
    const exits: number[] = [];
    let release: () => void = () => undefined;
    let stops = 0;
    stopOnSignals(
      quietLogger,
      () => {
        stops++;
        return new Promise<void>((resolve) => (release = resolve));
      },
      { graceMs: 1_000, exit: (code) => exits.push(code), signals: signals as unknown as NodeJS.Process },
    );
    signals.emit('SIGTERM', 'SIGTERM');
    expect(stops).toBe(1);
    signals.emit('SIGINT', 'SIGINT');
    expect(exits).toEqual([1]);
    release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(exits).toEqual([1, 0]);
    expect(stops).toBe(1);
  });

  it('exits 1 when the stop fails', async () => {
    const signals = new EventEmitter();
    const exits: number[] = [];
    stopOnSignals(quietLogger, () => Promise.reject(new Error('stuck')), {
      graceMs: 1_000,
      exit: (code) => exits.push(code),
      signals: signals as unknown as NodeJS.Process,
    });
    signals.emit('SIGINT', 'SIGINT');
    await new Promise((resolve) => setImmediate(resolve));
    expect(exits).toEqual([1]);
  });

  it('reads SHUTDOWN_GRACE_MS, 10 s by default', () => {
    expect(readShutdownGraceMs({})).toBe(10_000);
    expect(readShutdownGraceMs({ SHUTDOWN_GRACE_MS: '2500' })).toBe(2_500);
    expect(() => readShutdownGraceMs({ SHUTDOWN_GRACE_MS: 'soon' })).toThrow(/SHUTDOWN_GRACE_MS/);
  });
});
