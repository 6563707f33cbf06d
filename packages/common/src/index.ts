export * from './context';
export * from './env';
export * from './errors';
export * from './fixtures';
export * from './http';
export * from './ports';
export * from './sourceMaps';
export * from './language';
export * from './logger';
export * from './masking';
export * from './metrics';
export * from './operation';
export * from './pagination';
export * from './scalars';
export * from './subgraph';
export * from './service';
export * from './runner';
export * from './auth';
export * from './access';
export * from './events';
export * from './eventsRoute';
export * from './outbox';
export * from './audit';
export * from './runtime';
export {
  currentTraceparent,
  extractContext,
  injectTraceHeaders,
  inTraceOf,
  setSpanAttributes,
  shutdownTracing,
  SpanKind,
  startTracing,
  traceparentContext,
  traceparentLink,
  tracingEnabled,
  withSpan,
  type SpanOptions,
  type Tracing,
} from './tracing';
