import { afterEach, describe, expect, it } from 'vitest';
import { trace } from '@opentelemetry/api';
import { withTraceparent } from '../src/events';
import { InMemoryOutbox } from '../src/outbox';
import {
  currentTraceparent,
  extractContext,
  injectTraceHeaders,
  inTraceOf,
  SpanKind,
  startTestTracing,
  startTracing,
  traceparentContext,
  traceparentLink,
  tracingEnabled,
  withSpan,
} from '../src/tracing';
import { deletedEvent } from './tracing.fixtures';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/;

const event = deletedEvent;

describe('tracing off (no OTEL_EXPORTER_OTLP_ENDPOINT)', () => {
  it('registers nothing, records nothing and passes nothing on', async () => {
    const tracing = startTracing({ serviceName: 'patient', env: {} });
    expect(tracing.enabled).toBe(false);
    expect(tracingEnabled()).toBe(false);
    let inside: unknown = 'unset';
    await withSpan('work', {}, (span) => {
      inside = span;
      expect(injectTraceHeaders({ a: 'b' })).toEqual({ a: 'b' });
      expect(currentTraceparent()).toBeUndefined();
    });
    expect(inside).toBeUndefined();
    // An incoming traceparent is not continued either, and events are recorded as they are.
    const incoming = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    expect(trace.getSpanContext(extractContext({ traceparent: incoming }))).toBeUndefined();
    const outbox = new InMemoryOutbox();
    outbox.append(event('e1'));
    expect(outbox.pendingNow(1)[0]).toEqual(event('e1'));
    expect(trace.getTracerProvider().getTracer('x').startSpan('s').isRecording()).toBe(false);
    await tracing.shutdown();
  });
});

describe('propagation helpers', () => {
  let tracing: ReturnType<typeof startTestTracing> | undefined;
  afterEach(async () => {
    await tracing?.stop();
    tracing = undefined;
  });

  it('injects the active span as a W3C traceparent, and a context extracted from it is its child', async () => {
    tracing = startTestTracing();
    const injected = await withSpan('outer', { k: 1 }, (span) => {
      const headers = injectTraceHeaders<Record<string, string>>({ 'content-type': 'application/json' });
      expect(headers['content-type']).toBe('application/json');
      const [, traceId, spanId] = TRACEPARENT.exec(headers['traceparent'] ?? '') ?? [];
      expect(traceId).toBe(span!.spanContext().traceId);
      expect(spanId).toBe(span!.spanContext().spanId);
      expect(currentTraceparent()).toBe(headers['traceparent']);
      return headers['traceparent']!;
    });
    // Elsewhere (another service), continued from the header.
    await withSpan('inner', {}, () => undefined, {
      parent: extractContext({ traceparent: injected }),
      kind: SpanKind.SERVER,
    });
    const [outer, inner] = tracing.exporter.getFinishedSpans();
    expect(outer!.name).toBe('outer');
    expect(outer!.attributes).toEqual({ k: 1 });
    expect(inner!.kind).toBe(SpanKind.SERVER);
    expect(inner!.spanContext().traceId).toBe(outer!.spanContext().traceId);
    expect(inner!.parentSpanContext?.spanId).toBe(outer!.spanContext().spanId);
  });

  it('marks a span whose work failed, by the error class only', async () => {
    tracing = startTestTracing();
    await expect(withSpan('fails', {}, () => Promise.reject(new TypeError('Jane Doe')))).rejects.toThrow(TypeError);
    const [span] = tracing.exporter.getFinishedSpans();
    expect(span!.status).toEqual({ code: 2, message: 'TypeError' });
  });

  it('ignores a malformed traceparent', () => {
    tracing = startTestTracing();
    expect(trace.getSpanContext(extractContext({ traceparent: 'not-a-traceparent' }))).toBeUndefined();
    expect(traceparentLink('00-zz-yy-01')).toBeUndefined();
    expect(trace.getSpanContext(traceparentContext(undefined))).toBeUndefined();
  });

  it('records the producing span in an event, and runs later work in that trace unless already in it', async () => {
    tracing = startTestTracing();
    const outbox = new InMemoryOutbox();
    const producer = await withSpan('change', {}, (span) => {
      outbox.append(event('e1'));
      return span!.spanContext();
    });
    const [recorded] = outbox.pendingNow(1);
    expect(recorded!.traceparent).toBe(`00-${producer.traceId}-${producer.spanId}-01`);
    // An event that has one keeps it.
    expect(withTraceparent(recorded!)).toBe(recorded);

    // Outside any span: the stored one.
    expect(inTraceOf(recorded!.traceparent, currentTraceparent)).toBe(recorded!.traceparent);
    // Under a span of the same trace (the events route continuing the relay's post): that span.
    await withSpan(
      'route',
      {},
      (route) => {
        expect(inTraceOf(recorded!.traceparent, currentTraceparent)).toContain(route!.spanContext().spanId);
      },
      { parent: traceparentContext(recorded!.traceparent) },
    );
    // Under a span of another trace: the stored one again.
    await withSpan('other', {}, () => {
      expect(inTraceOf(recorded!.traceparent, currentTraceparent)).toBe(recorded!.traceparent);
    });
    expect(traceparentLink(recorded!.traceparent)?.context.spanId).toBe(producer.spanId);
  });
});
