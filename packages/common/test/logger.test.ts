import { AsyncLocalStorage } from 'node:async_hooks';
import { context, ROOT_CONTEXT, trace, TraceFlags, type Context, type ContextManager } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { contextFields, createLogger, outsideRequest, PHI_KEYS, withRequestId } from '../src/logger';

function capture(service = 'gateway'): {
  lines: Record<string, unknown>[];
  raw: string[];
  logger: ReturnType<typeof createLogger>;
} {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const logger = createLogger(service, {}, (line) => {
    raw.push(line);
    lines.push(JSON.parse(line) as Record<string, unknown>);
  });
  return { lines, raw, logger };
}

describe('createLogger', () => {
  it('names the service that wrote each line, whatever the fields say', () => {
    const { lines, logger } = capture();
    logger.warn('subgraph.unavailable', { service: 'patient', event: 'other', level: 'info', requestId: 'r-1' });
    logger.child({ service: 'clinical' }).error('graphql.error', { code: 'X' });
    expect(lines).toEqual([
      expect.objectContaining({ service: 'gateway', event: 'subgraph.unavailable', level: 'warn', requestId: 'r-1' }),
      expect.objectContaining({ service: 'gateway', event: 'graphql.error', level: 'error', code: 'X' }),
    ]);
  });

  it('writes one JSON object per line: level as its label, an ISO time, service and event, the fields; no pid or hostname', () => {
    const { lines, raw, logger } = capture('ehr');
    logger.child({ worker: 'delivery' }).info('delivery.delivered', { transactionId: 't-1', attempts: 1 });
    expect(raw).toHaveLength(1);
    expect(raw[0]).not.toContain('\n');
    const [line] = lines;
    expect(Object.keys(line!).slice(0, 3)).toEqual(['level', 'time', 'service']);
    expect(line).toEqual({
      level: 'info',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      service: 'ehr',
      event: 'delivery.delivered',
      worker: 'delivery',
      transactionId: 't-1',
      attempts: 1,
    });
  });

  it('redacts a field whose key names PHI or a credential, in the fields and in a child’s', () => {
    const { lines, raw, logger } = capture('patient');
    logger.child({ email: 'ann@example.test' }).info('patient.updated', {
      patientId: 'p-1',
      firstName: 'Ann',
      lastName: 'Lee',
      dateOfBirth: '1980-01-02',
      token: 'eyJhbGciOi',
      authorization: 'Bearer x',
    });
    expect(lines[0]).toMatchObject({
      patientId: 'p-1',
      email: '[redacted]',
      firstName: '[redacted]',
      lastName: '[redacted]',
      dateOfBirth: '[redacted]',
      token: '[redacted]',
      authorization: '[redacted]',
    });
    for (const value of ['Ann', 'Lee', '1980-01-02', 'eyJhbGciOi', 'Bearer', 'ann@example.test']) {
      expect(raw[0]).not.toContain(value);
    }
    expect(PHI_KEYS).toEqual(
      expect.arrayContaining(['name', 'phone', 'address', 'answers', 'text', 'password', 'cookie']),
    );
  });

  it('gives every line logged within a request its request id, unless the fields name one', async () => {
    const { lines, logger } = capture();
    await withRequestId('req-7', async () => {
      logger.info('a');
      await new Promise((resolve) => setTimeout(resolve, 1));
      logger.info('b', { requestId: 'own' });
    });
    logger.info('c');
    // Background work a request wakes (a worker's loop) logs for no request, later too.
    let later: Promise<void> = Promise.resolve();
    withRequestId('req-8', () => {
      later = outsideRequest(() => new Promise((resolve) => setTimeout(resolve, 1)).then(() => logger.info('d')));
    });
    await later;
    expect(lines.map((line) => [line['event'], line['requestId']])).toEqual([
      ['a', 'req-7'],
      ['b', 'own'],
      ['c', undefined],
      ['d', undefined],
    ]);
  });

  it('adds the active span’s trace id, and nothing without a valid span (no SDK registered)', () => {
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    const span = trace.wrapSpanContext({ traceId, spanId: 'b7ad6b7169203331', traceFlags: TraceFlags.SAMPLED });
    expect(contextFields({}, trace.setSpan(ROOT_CONTEXT, span))).toEqual({ traceId });
    const invalid = trace.wrapSpanContext({ traceId: '0'.repeat(32), spanId: '0'.repeat(16), traceFlags: 0 });
    expect(contextFields({}, trace.setSpan(ROOT_CONTEXT, invalid))).toEqual({});
    // With no context manager registered nothing is active: lines carry no traceId.
    const { lines, logger } = capture();
    logger.info('x');
    expect(lines[0]).not.toHaveProperty('traceId');
  });

  it('puts the trace id on a line logged while a span is active (a context manager registered, as the SDK does)', () => {
    const storage = new AsyncLocalStorage<Context>();
    const manager: ContextManager = {
      active: () => storage.getStore() ?? ROOT_CONTEXT,
      with: (ctx, fn, thisArg, ...args) => storage.run(ctx, () => fn.call(thisArg, ...args)),
      bind: (_ctx, target) => target,
      enable: () => manager,
      disable: () => manager,
    };
    context.setGlobalContextManager(manager);
    try {
      const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
      const span = trace.wrapSpanContext({ traceId, spanId: '00f067aa0ba902b7', traceFlags: TraceFlags.SAMPLED });
      const { lines, logger } = capture();
      context.with(trace.setSpan(context.active(), span), () => logger.info('inside'));
      logger.info('outside');
      expect(lines.map((line) => line['traceId'])).toEqual([traceId, undefined]);
    } finally {
      context.disable();
    }
  });
});
