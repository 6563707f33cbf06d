import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import {
  context,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Link,
  type Span,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { Env } from './env';

/**
 * Traces: OpenTelemetry spans, made by hand at the few places a change passes through (each
 * service's incoming /graphql and /internal/events request, the gateway's subgraph fetches, the
 * outbox relay's posts, the delivery worker's request to the EHR), with W3C `traceparent` passed on
 * explicitly. No auto-instrumentation: it would trace health probes too, and put URLs, queries
 * and bodies in attributes. A span's name and attributes are routes, operation names, ids, counts
 * and statuses: never patient data, GraphQL variables or query text.
 *
 * Nothing is registered unless `OTEL_EXPORTER_OTLP_ENDPOINT` is set (or a test registers an
 * in-memory exporter): the helpers then only call what they wrap.
 */

const TRACER = 'carebridge';
const propagator = new W3CTraceContextPropagator();

/** The provider this process registered; undefined while tracing is off. */
let provider: BasicTracerProvider | undefined;

export interface Tracing {
  /** Whether spans are recorded and exported. */
  enabled: boolean;
  /** Exports what is buffered, then stops; nothing after it is recorded. */
  shutdown(): Promise<void>;
}

function register(processor: SpanProcessor, serviceName: string): BasicTracerProvider {
  // Once per process: a second registration (a test's, again) replaces the first.
  trace.disable();
  context.disable();
  const next = new BasicTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName }),
    spanProcessors: [processor],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(next);
  provider = next;
  return next;
}

async function unregister(which: BasicTracerProvider): Promise<void> {
  if (provider !== which) return;
  provider = undefined;
  // A collector that is down loses its spans; it never fails the service's stop.
  await which.shutdown().catch(() => undefined);
  trace.disable();
  context.disable();
}

/**
 * Starts tracing for this process when `OTEL_EXPORTER_OTLP_ENDPOINT` is set: spans are batched and
 * sent over OTLP/HTTP to `<endpoint>/v1/traces`, under the resource `service.name` = `serviceName`.
 * Without it nothing is registered and nothing is exported. `shutdownTracing` (called by
 * `stopOnSignals`) flushes.
 */
export function startTracing({ serviceName, env = process.env }: { serviceName: string; env?: Env }): Tracing {
  const endpoint = env['OTEL_EXPORTER_OTLP_ENDPOINT']?.trim();
  if (!endpoint) return { enabled: false, shutdown: () => Promise.resolve() };
  const exporter = new OTLPTraceExporter({ url: `${endpoint.replace(/\/+$/, '')}/v1/traces` });
  const registered = register(new BatchSpanProcessor(exporter), serviceName);
  return { enabled: true, shutdown: () => unregister(registered) };
}

/** Flushes and stops this process's tracing, if any was started. */
export function shutdownTracing(): Promise<void> {
  return provider ? unregister(provider) : Promise.resolve();
}

/** Whether a tracer provider is registered (`startTracing` with an endpoint, or a test's). */
export function tracingEnabled(): boolean {
  return provider !== undefined;
}

/**
 * For tests: every span of this process (all in-process services share it) recorded in memory as
 * it ends. `stop()` unregisters it.
 */
export function startTestTracing(serviceName = 'test'): { exporter: InMemorySpanExporter; stop(): Promise<void> } {
  const exporter = new InMemorySpanExporter();
  const registered = register(new SimpleSpanProcessor(exporter), serviceName);
  return { exporter, stop: () => unregister(registered) };
}

export interface SpanOptions {
  kind?: SpanKind;
  /** The span's parent; the active context when left out. */
  parent?: Context;
  links?: Link[];
}

/**
 * Runs `fn` in a new span (the active one inside it), ended when `fn` settles; a rejection marks it
 * as an error by the error's class only. Without tracing, only `fn` runs.
 */
export async function withSpan<T>(
  name: string,
  attributes: Attributes,
  fn: (span: Span | undefined) => Promise<T> | T,
  options: SpanOptions = {},
): Promise<T> {
  if (!provider) return fn(undefined);
  const parent = options.parent ?? context.active();
  const span = trace
    .getTracer(TRACER)
    .startSpan(
      name,
      { kind: options.kind ?? SpanKind.INTERNAL, attributes, ...(options.links ? { links: options.links } : {}) },
      parent,
    );
  try {
    return await context.with(trace.setSpan(parent, span), () => fn(span));
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
    throw error;
  } finally {
    span.end();
  }
}

/** Sets attributes on the active span (a status learnt inside `withSpan`'s function). */
export function setSpanAttributes(attributes: Attributes): void {
  if (provider) trace.getActiveSpan()?.setAttributes(attributes);
}

/** `headers` with the active span's W3C `traceparent` (and `tracestate`) added; unchanged without tracing. */
export function injectTraceHeaders<T extends Record<string, string>>(headers: T, from: Context = context.active()): T {
  if (provider) {
    const carrier = headers as Record<string, string>;
    propagator.inject(from, carrier, {
      set: (_carrier: unknown, key: string, value: string) => {
        carrier[key] = value;
      },
    });
  }
  return headers;
}

/** The context an incoming `traceparent` describes (the root context when there is none, or no tracing). */
export function extractContext(headers: IncomingHttpHeaders | Record<string, string | undefined>): Context {
  if (!provider) return ROOT_CONTEXT;
  const carrier = headers as Record<string, string | string[] | undefined>;
  return propagator.extract(ROOT_CONTEXT, carrier, {
    get: (_carrier: unknown, key: string) => {
      const value = carrier[key];
      return Array.isArray(value) ? value[0] : value;
    },
    keys: () => Object.keys(carrier),
  });
}

/** The active span's `traceparent`, to store with work done later (an outbox event, a queued transaction). */
export function currentTraceparent(): string | undefined {
  return injectTraceHeaders<Record<string, string>>({})['traceparent'];
}

/** The context a stored `traceparent` describes. */
export function traceparentContext(traceparent: string | undefined): Context {
  return traceparent ? extractContext({ traceparent }) : ROOT_CONTEXT;
}

/** The link to a stored `traceparent`'s span, when it names one. */
export function traceparentLink(traceparent: string | undefined): Link | undefined {
  const spanContext = trace.getSpanContext(traceparentContext(traceparent));
  return spanContext ? { context: spanContext } : undefined;
}

/**
 * Runs `fn` in the trace of `traceparent` (an event's): under the active span when it belongs to
 * that trace already (the events route continuing the relay's post), else under the stored span.
 */
export function inTraceOf<T>(traceparent: string | undefined, fn: () => T): T {
  if (!provider || !traceparent) return fn();
  const stored = trace.getSpanContext(traceparentContext(traceparent));
  if (!stored || trace.getActiveSpan()?.spanContext().traceId === stored.traceId) return fn();
  return context.with(traceparentContext(traceparent), fn);
}

/** The paths that get a SERVER span: GraphQL and the events route. Never health probes or metrics. */
const TRACED_PATHS: ReadonlySet<string> = new Set(['/graphql', '/internal/events']);

/** A GraphQL operation name as a span may carry it: client-chosen, so only a plain, bounded name. */
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/**
 * Runs `handle` in a SERVER span for a traced path, child of the request's `traceparent`: named by
 * route (`POST /internal/events`; `graphql` until `nameGraphqlSpan` learns the operation), with
 * method, route, service, request id (read from the response's `x-request-id`) and status, set
 * when the response has gone.
 */
export function traceHttpRequest(
  service: string,
  request: IncomingMessage,
  response: ServerResponse,
  handle: () => Promise<void>,
): Promise<void> {
  const route = new URL(request.url ?? '/', 'http://localhost').pathname;
  if (!provider || !TRACED_PATHS.has(route)) return handle();
  const method = request.method ?? 'GET';
  const parent = extractContext(request.headers);
  const span = trace.getTracer(TRACER).startSpan(
    route === '/graphql' ? 'graphql' : `${method} ${route}`,
    {
      kind: SpanKind.SERVER,
      attributes: { 'http.request.method': method, 'http.route': route, 'carebridge.service': service },
    },
    parent,
  );
  response.once('close', () => {
    const requestId = response.getHeader('x-request-id');
    span.setAttributes({
      'http.response.status_code': response.statusCode,
      ...(typeof requestId === 'string' ? { 'carebridge.request_id': requestId } : {}),
    });
    if (response.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
  return context.with(trace.setSpan(parent, span), handle);
}

/** Names the active GraphQL SERVER span after the request's operation (`graphql createPatient`), when it is a plain name. */
export function nameGraphqlSpan(body: unknown, search: URLSearchParams): void {
  if (!provider) return;
  const fromBody = (body as { operationName?: unknown } | null | undefined)?.operationName;
  const name = typeof body === 'object' && body !== null ? fromBody : search.get('operationName');
  if (typeof name !== 'string' || !OPERATION_NAME.test(name)) return;
  const span = trace.getActiveSpan();
  span?.updateName(`graphql ${name}`);
  span?.setAttribute('graphql.operation.name', name);
}

export { SpanKind };
