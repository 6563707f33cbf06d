import { AsyncLocalStorage } from 'node:async_hooks';
import { isSpanContextValid, trace, type Context } from '@opentelemetry/api';
import { pino } from 'pino';

/**
 * Structured JSON logs, one object per line on stdout, written by pino.
 *
 * Only operational facts go in a log line (service, event, ids, counts, durations, error codes).
 * Callers never pass patient data: names, dates of birth, contact details and answers are PHI.
 * `redact` is the second line of defence: a field whose key names PHI or a credential
 * (`PHI_KEYS`) is written as `[redacted]`, whoever passed it.
 *
 * A line is `{"level","time","service", requestId?, traceId?, "event", …fields}`: pino configured
 * so the line keeps the shape the readers rely on (`level` as its label, `time` in ISO 8601, no
 * `pid`/`hostname`, the event under `event`). Written to `process.stdout.write`, the lines of one
 * event-loop turn in one write (`stdoutLine`), so the `LOG_FILE` tee (logFile.ts) sees every line
 * and a line before `process.exit` is not lost.
 */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

/** Keys whose value is PHI or a credential: redacted in any line, top level or one object down. */
export const PHI_KEYS = [
  'firstName',
  'lastName',
  'name',
  'fullName',
  'dateOfBirth',
  'birthDate',
  'email',
  'phone',
  'address',
  'mrn',
  'answers',
  'answer',
  'text',
  'password',
  'token',
  'accessToken',
  'refreshToken',
  'authorization',
  'cookie',
  'secret',
] as const;

export const REDACTED = '[redacted]';

/** These name the line itself: no field replaces them (a line always names the service that wrote it). */
const OWN_KEYS = new Set(['time', 'level', 'service', 'event']);

const requestScope = new AsyncLocalStorage<{ requestId: string }>();

/** Runs `fn` as part of one request: every line logged within it carries `requestId`. */
export function withRequestId<T>(requestId: string, fn: () => T): T {
  return requestScope.run({ requestId }, fn);
}

/**
 * Runs `fn` outside any request: background work a request wakes (a worker, a relay) would otherwise
 * inherit its scope, and every line it logs afterwards the id of the request that woke it.
 */
export function outsideRequest<T>(fn: () => T): T {
  return requestScope.exit(fn);
}

/**
 * The ids every line gets from where it is logged (pino's `mixin`): the request it belongs to
 * (`withRequestId`) unless the fields name one, and the active span's trace id when an
 * OpenTelemetry SDK is registered and a valid span is active (only `@opentelemetry/api`: with no
 * SDK there is no active span, and no `traceId`).
 */
export function contextFields(fields: Record<string, unknown> = {}, active?: Context): Record<string, string> {
  const out: Record<string, string> = {};
  const request = requestScope.getStore();
  if (request && fields['requestId'] === undefined) out['requestId'] = request.requestId;
  const span = active ? trace.getSpan(active) : trace.getActiveSpan();
  const spanContext = span?.spanContext();
  if (spanContext && isSpanContextValid(spanContext)) out['traceId'] = spanContext.traceId;
  return out;
}

type Level = 'info' | 'warn' | 'error';

let pendingLines: string[] = [];
let flushScheduled = false;

/** Writes the lines gathered so far to stdout in one write, in the order they were logged. */
export function flushStdoutLines(): void {
  flushScheduled = false;
  if (pendingLines.length === 0) return;
  const chunk = pendingLines.join('');
  pendingLines = [];
  process.stdout.write(chunk);
}

/**
 * The default line writer: the lines logged within one turn of the event loop go to stdout
 * together, in one write (a request's access line, its subgraph's, an error: one system call, not
 * one each). Whatever is gathered when the process exits (`process.exit`, an uncaught exception)
 * is written synchronously before it does, so no line is lost.
 */
function stdoutLine(line: string): void {
  pendingLines.push(line + '\n');
  if (flushScheduled) return;
  flushScheduled = true;
  setImmediate(flushStdoutLines);
}
process.once('exit', flushStdoutLines);

export function createLogger(
  service: string,
  base: LogFields = {},
  write: (line: string) => void = stdoutLine,
): Logger {
  const root = pino(
    {
      base: { service },
      messageKey: 'event',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: (fields) => contextFields(fields as Record<string, unknown>),
      redact: { paths: PHI_KEYS.flatMap((key) => [key, `*.${key}`]), censor: REDACTED },
    },
    // pino hands each line, newline included, to this stream, synchronously.
    { write: (line: string) => write(line.endsWith('\n') ? line.slice(0, -1) : line) },
  );
  return boundLogger(root, withoutOwnKeys(base));
}

function boundLogger(root: pino.Logger, base: LogFields): Logger {
  const emit = (level: Level, event: string, fields?: LogFields): void => {
    root[level]({ event, ...base, ...(fields ? withoutOwnKeys(fields) : {}) });
  };
  return {
    info: (event, fields) => emit('info', event, fields),
    warn: (event, fields) => emit('warn', event, fields),
    error: (event, fields) => emit('error', event, fields),
    child: (fields) => boundLogger(root, { ...base, ...withoutOwnKeys(fields) }),
  };
}

function withoutOwnKeys(fields: LogFields): LogFields {
  if (!Object.keys(fields).some((key) => OWN_KEYS.has(key))) return fields;
  return Object.fromEntries(Object.entries(fields).filter(([key]) => !OWN_KEYS.has(key)));
}

/** A logger that drops everything: for tests that do not look at logs. */
export const silentLogger: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};
