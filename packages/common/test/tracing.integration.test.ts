import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { afterEach, describe, expect, it } from 'vitest';
import { serveHttp, type RunningService } from '../src/http';
import { silentLogger } from '../src/logger';
import { stopOnSignals } from '../src/runner';
import { InMemoryOutbox, OutboxRelay } from '../src/outbox';
import { SpanKind, startTestTracing, startTracing, tracingEnabled, withSpan } from '../src/tracing';
import { deletedEvent } from './tracing.fixtures';

/** A server that records each request's path and headers, and answers 200. */
async function recorder(): Promise<{
  url: string;
  seen: { path: string; headers: IncomingHttpHeaders }[];
  server: Server;
}> {
  const seen: { path: string; headers: IncomingHttpHeaders }[] = [];
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      seen.push({ path: request.url ?? '', headers: request.headers });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

const closeServer = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

describe('tracing over HTTP', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.reverse()) await step();
    cleanup.length = 0;
  });

  it('with OTEL_EXPORTER_OTLP_ENDPOINT, exports spans over OTLP/HTTP and flushes them at shutdown', async () => {
    const collector = await recorder();
    cleanup.push(() => closeServer(collector.server));
    const tracing = startTracing({ serviceName: 'patient', env: { OTEL_EXPORTER_OTLP_ENDPOINT: `${collector.url}/` } });
    expect(tracing.enabled).toBe(true);
    expect(tracingEnabled()).toBe(true);
    await withSpan('work', {}, () => undefined);
    // Batched: nothing leaves until the batch is due, or the shutdown flushes it.
    expect(collector.seen).toHaveLength(0);
    await tracing.shutdown();
    expect(tracingEnabled()).toBe(false);
    expect(collector.seen.map((r) => r.path)).toEqual(['/v1/traces']);
  });

  it('exports what is left when a service stops on a signal (stopOnSignals), before it exits', async () => {
    const collector = await recorder();
    cleanup.push(() => closeServer(collector.server));
    startTracing({ serviceName: 'ehr', env: { OTEL_EXPORTER_OTLP_ENDPOINT: collector.url } });
    await withSpan('last request', {}, () => undefined);
    const handlers = new Map<string, (signal: NodeJS.Signals) => void>();
    const exited = new Promise<number>((resolve) => {
      stopOnSignals(silentLogger, () => Promise.resolve(), {
        graceMs: 1_000,
        exit: resolve,
        signals: {
          on: (signal: string, handler: (signal: NodeJS.Signals) => void) => handlers.set(signal, handler),
        } as never,
      });
    });
    handlers.get('SIGTERM')!('SIGTERM');
    expect(await exited).toBe(0);
    expect(collector.seen.map((r) => r.path)).toEqual(['/v1/traces']);
    expect(tracingEnabled()).toBe(false);
  });

  it('makes a SERVER span of /graphql, child of the traceparent, named by a plain operation name only', async () => {
    const tracing = startTestTracing();
    cleanup.push(() => tracing.stop());
    const server = new ApolloServer({ typeDefs: 'type Query { hello(name: String): String }', resolvers: {} });
    await server.start();
    const running: RunningService = await serveHttp({
      server,
      logger: silentLogger,
      port: 0,
      service: 'patient',
      context: () => Promise.resolve({}),
    });
    cleanup.push(() => running.close({ graceMs: 100 }));
    const parent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const post = (body: unknown, headers: Record<string, string> = {}) =>
      fetch(running.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'req-1', ...headers },
        body: JSON.stringify(body),
      }).then((r) => r.text());
    await fetch(running.url.replace('/graphql', '/health/ready')).then((r) => r.text());
    await post(
      { query: 'query Hello($n: String) { hello(name: $n) }', operationName: 'Hello', variables: { n: 'Jane Doe' } },
      { traceparent: parent },
    );
    await post({ query: 'query { hello(name: "Jane Doe") }', operationName: 'x'.repeat(65) });
    await post({ query: '{ hello }', operationName: 'Jane Doe' });
    await expect.poll(() => tracing.exporter.getFinishedSpans().length).toBe(3);

    const [named, long, spaced] = tracing.exporter.getFinishedSpans();
    expect(named!.name).toBe('graphql Hello');
    expect(named!.kind).toBe(SpanKind.SERVER);
    expect(named!.spanContext().traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(named!.parentSpanContext?.spanId).toBe('b7ad6b7169203331');
    expect(named!.attributes).toEqual({
      'http.request.method': 'POST',
      'http.route': '/graphql',
      'http.response.status_code': 200,
      'carebridge.service': 'patient',
      'carebridge.request_id': 'req-1',
      'graphql.operation.name': 'Hello',
    });
    // Client-chosen names that are not plain identifiers are not recorded; no span has a parent it was not given.
    expect([long!.name, spaced!.name]).toEqual(['graphql', 'graphql']);
    expect(long!.parentSpanContext).toBeUndefined();
    for (const span of tracing.exporter.getFinishedSpans()) {
      expect(JSON.stringify([span.name, span.attributes])).not.toMatch(/Jane|hello|query/);
    }
  });

  it("posts a relay's batch in the trace of its first event, linked to the others' traces", async () => {
    const tracing = startTestTracing();
    cleanup.push(() => tracing.stop());
    const ehr = await recorder();
    cleanup.push(() => closeServer(ehr.server));
    const outbox = new InMemoryOutbox();
    const change = deletedEvent;
    const first = await withSpan('first change', {}, (span) => (outbox.append(change('e1')), span!.spanContext()));
    const second = await withSpan('second change', {}, (span) => (outbox.append(change('e2')), span!.spanContext()));
    const relay = new OutboxRelay({
      outbox,
      targetUrl: `${ehr.url}/internal/events`,
      secret: 's',
      logger: silentLogger,
    });
    await relay.flush();

    expect(ehr.seen).toHaveLength(1);
    expect(ehr.seen[0]!.headers['traceparent']).toMatch(new RegExp(`^00-${first.traceId}-[0-9a-f]{16}-01$`));
    const send = tracing.exporter.getFinishedSpans().find((s) => s.name === 'outbox.send')!;
    expect(send.kind).toBe(SpanKind.CLIENT);
    expect(send.parentSpanContext?.spanId).toBe(first.spanId);
    expect(ehr.seen[0]!.headers['traceparent']).toContain(send.spanContext().spanId);
    expect(send.links.map((l) => l.context.spanId)).toEqual([second.spanId]);
    expect(send.attributes).toEqual({
      'carebridge.events.count': 2,
      'carebridge.events.target': 'ehr',
      'http.response.status_code': 200,
    });
  });
});
