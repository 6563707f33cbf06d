import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { envInt, type Env } from './env';
import { withRequestId, type Logger } from './logger';
import { scrapeStatus, type ServiceMetrics } from './metrics';
import { teeOutputToLogFile } from './logFile';
import { warmSourceMaps } from './sourceMaps';
import { nameGraphqlSpan, traceHttpRequest } from './tracing';

// The package's index re-exports this module; the log-file helpers ride along with it.
export * from './logFile';

/**
 * Serves an Apollo Server over node:http: `POST|GET /graphql`, `GET /health/live`,
 * `GET /health/ready` and `GET /health` (an alias of live).
 *
 * A hand-written integration instead of `startStandaloneServer` so that every service shares one
 * place for request ids, body limits, access logs, health checks and graceful shutdown, with no
 * web framework underneath.
 */
export interface HttpServiceOptions<TContext extends BaseContext> {
  server: ApolloServer<TContext>;
  /** Builds the per-request context from the raw request. */
  context: (request: IncomingMessage, requestId: string) => Promise<TContext>;
  logger: Logger;
  port: number;
  host?: string;
  /** Requests with a larger body are refused with 413 before any parsing. */
  maxBodyBytes?: number;
  /** Serves paths other than /graphql and /health (the gateway's /auth/*); answers false to pass. */
  routes?: RouteHandler;
  /**
   * What else must hold for `/health/ready` to answer 200 (the gateway: its subgraphs answer). Asked
   * on every readiness probe, so it should be cheap or cache; a rejection counts as not ready.
   */
  readiness?: ReadinessCheck;
  /** How long `close()` lets in-flight requests finish; `SHUTDOWN_GRACE_MS` (10 s) by default. */
  shutdownGraceMs?: number;
  /** Every request is counted there, and `GET /metrics` serves it (metrics.ts: who may scrape). */
  metrics?: ServiceMetrics;
  /** The service's name on its SERVER spans (`carebridge.service`, see `tracing.ts`). */
  service?: string;
}

/** The answer of a readiness check: `checks` names each dependency and says how it is. */
export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, string>;
}

export type ReadinessCheck = () => Promise<ReadinessReport>;

export const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;

/**
 * `SHUTDOWN_GRACE_MS`: how long a stopping service lets requests it already accepted finish before
 * it cuts their connections. Read by `serveHttp` and `stopOnSignals` when not given explicitly, so
 * every service honours it without a line of its own; a service's `config.ts` may read it too.
 */
export function readShutdownGraceMs(env: Env = process.env): number {
  return envInt(env, 'SHUTDOWN_GRACE_MS', DEFAULT_SHUTDOWN_GRACE_MS, { max: 600_000 });
}

export interface RouteRequest {
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
  requestId: string;
  /** The JSON body (within the body limit), or an empty object when there is none. */
  readJson(): Promise<Record<string, unknown>>;
}

export type RouteHandler = (route: RouteRequest) => Promise<boolean>;

/** Several route handlers as one: each is asked in turn until one answers. */
export function firstRoute(...handlers: RouteHandler[]): RouteHandler {
  return async (route) => {
    for (const handler of handlers) if (await handler(route)) return true;
    return false;
  };
}

export interface RunningService {
  url: string;
  port: number;
  /** What `GET /health/ready` answers now. */
  readiness(): Promise<ReadinessReport>;
  /**
   * Stops gracefully: not ready at once, no new connections, in-flight requests finish within the
   * grace period (then their connections are cut), then the Apollo Server stops. Calling it again
   * returns the same promise.
   */
  close(options?: { graceMs?: number }): Promise<void>;
}

export const REQUEST_ID_HEADER = 'x-request-id';

/** An HTTP failure a route throws to answer with `status` and `message` (a 413 from `readBody`). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A request's whole body as text, refused with `HttpError(413)` past `limit` bytes. A declared
 * length over the limit is refused before a byte is read. Otherwise reading stops at the limit,
 * which drops the connection; with `drain` the rest is read and thrown away instead, so the
 * connection survives and the client reads the 413 (the EHR sandbox, whose callers retry on it).
 */
export async function readBody(
  request: IncomingMessage,
  limit: number,
  { drain = false }: { drain?: boolean } = {},
): Promise<string> {
  const tooLarge = (): HttpError => new HttpError(413, 'Request body too large');
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit && !drain) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) {
      if (!drain) throw tooLarge();
      continue;
    }
    chunks.push(buf);
  }
  if (size > limit) throw tooLarge();
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(raw: string, contentType: string | undefined): unknown {
  if (raw === '') return undefined;
  if (contentType?.toLowerCase().startsWith('application/json')) {
    try {
      return JSON.parse(raw);
    } catch {
      throw new HttpError(400, 'Request body is not valid JSON');
    }
  }
  return raw;
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string | string[]> = {},
): void {
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    ...headers,
  });
  response.end(JSON.stringify(body));
}

/** A JSON Web Token as one path segment (an intake link is `/intake/<token>`). */
const TOKEN_SEGMENT = /^[\w-]{10,}\.[\w-]{10,}\.[\w-]{10,}$/;

/**
 * The path as logged: a token in it, and whatever follows `/intake/` (a short link's id is its
 * credential too), becomes `:token`, so no log holds one.
 */
export function loggablePath(pathname: string): string {
  const segments = pathname.split('/');
  return segments
    .map((segment, i) =>
      TOKEN_SEGMENT.test(segment) || (i === 2 && segments[1] === 'intake' && segment !== '') ? ':token' : segment,
    )
    .join('/');
}

/** Health paths: probes hit them every few seconds, so they get no access-log line. */
const HEALTH_PATHS = new Set(['/health', '/health/live', '/health/ready']);

/** `GET /metrics`: the exposition text, behind `METRICS_TOKEN` when set and never without it in production. */
async function serveMetrics(metrics: ServiceMetrics, request: IncomingMessage, response: ServerResponse) {
  const status = scrapeStatus(metrics.access, request.headers);
  if (status === 404) sendJson(response, 404, { error: 'Not found. GraphQL is served at /graphql.' });
  else if (status === 401)
    sendJson(response, 401, { error: 'Send the metrics token.' }, { 'www-authenticate': 'Bearer realm="metrics"' });
  else if (request.method !== 'GET') sendJson(response, 405, { error: 'Use GET.' }, { allow: 'GET' });
  else {
    let text: string;
    try {
      text = await metrics.text();
    } catch {
      // A gauge's store did not answer (the database is down): no half-read figures.
      sendJson(response, 503, { error: 'Metrics are unavailable right now.' });
      return;
    }
    response.writeHead(200, { 'content-type': metrics.contentType, 'cache-control': 'no-store' });
    response.end(text);
  }
}

export async function serveHttp<TContext extends BaseContext>(
  options: HttpServiceOptions<TContext>,
): Promise<RunningService> {
  const { server, logger, maxBodyBytes = 1_000_000 } = options;
  teeOutputToLogFile();
  const defaultGraceMs = options.shutdownGraceMs ?? readShutdownGraceMs();
  /** Set when `close()` starts: readiness fails and every response closes its connection. */
  let draining = false;
  let inFlight = 0;

  const readiness = async (): Promise<ReadinessReport> => {
    if (draining) return { ready: false, checks: { shutdown: 'shutting down' } };
    if (!options.readiness) return { ready: true, checks: {} };
    try {
      return await options.readiness();
    } catch (error) {
      return { ready: false, checks: { readiness: error instanceof Error ? error.name : 'failed' } };
    }
  };

  const handle = async (request: IncomingMessage, response: ServerResponse, requestId: string): Promise<void> => {
    const started = performance.now();
    const url = new URL(request.url ?? '/', 'http://localhost');
    response.setHeader(REQUEST_ID_HEADER, requestId);
    // A keep-alive client would otherwise send its next request down a socket that is about to be
    // closed; with this header it opens a new connection, which a replacement instance accepts.
    if (draining) response.setHeader('connection', 'close');
    inFlight++;
    response.once('close', () => {
      inFlight--;
      // Idle keep-alive sockets keep a closing server open until their timeout; drop them now.
      if (draining) httpServer.closeIdleConnections();
      options.metrics?.observeHttp(url.pathname, response.statusCode, (performance.now() - started) / 1000);
      if (HEALTH_PATHS.has(url.pathname)) return;
      // Method, path (never the query string, which can hold a GraphQL query and its variables),
      // status and timing: enough to follow a request across services by its id, and nothing else.
      logger.info('http.request', {
        requestId,
        method: request.method ?? 'GET',
        path: loggablePath(url.pathname),
        status: response.statusCode,
        durationMs: Math.round(performance.now() - started),
        ...(response.writableFinished ? {} : { aborted: true }),
      });
    });

    if (url.pathname === '/health' || url.pathname === '/health/live') {
      sendJson(response, 200, { status: 'ok' });
      return;
    }
    if (url.pathname === '/health/ready') {
      const report = await readiness();
      if (report.ready) sendJson(response, 200, { status: 'ok', checks: report.checks });
      else sendJson(response, 503, { status: 'not ready', checks: report.checks });
      return;
    }
    if (url.pathname === '/metrics' && options.metrics) {
      await serveMetrics(options.metrics, request, response);
      return;
    }
    if (url.pathname !== '/graphql' && options.routes) {
      try {
        const readJson = async (): Promise<Record<string, unknown>> => {
          const parsed = parseBody(await readBody(request, maxBodyBytes), 'application/json');
          if (parsed === undefined) return {};
          if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
            throw new HttpError(400, 'Request body must be a JSON object');
          }
          return parsed as Record<string, unknown>;
        };
        if (await options.routes({ request, response, url, requestId, readJson })) return;
      } catch (error) {
        if (error instanceof HttpError) {
          sendJson(response, error.status, { error: error.message });
          return;
        }
        logger.error('http.unhandled', {
          requestId,
          path: loggablePath(url.pathname),
          error: error instanceof Error ? error.name : 'unknown',
        });
        if (!response.headersSent) sendJson(response, 500, { error: 'Internal server error' });
        return;
      }
    }
    if (url.pathname !== '/graphql') {
      sendJson(response, 404, { error: 'Not found. GraphQL is served at /graphql.' });
      return;
    }
    try {
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(request.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      const raw = request.method === 'POST' ? await readBody(request, maxBodyBytes) : '';
      const body = parseBody(raw, request.headers['content-type']);
      nameGraphqlSpan(body, url.searchParams);
      const result = await server.executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method: request.method ?? 'GET',
          headers,
          search: url.search,
          body,
        },
        context: () => options.context(request, requestId),
      });
      for (const [key, value] of result.headers) response.setHeader(key, value);
      response.statusCode = result.status ?? 200;
      if (result.body.kind === 'complete') {
        response.end(result.body.string);
        return;
      }
      for await (const chunk of result.body.asyncIterator) response.write(chunk);
      response.end();
    } catch (error) {
      if (error instanceof HttpError) {
        sendJson(response, error.status, { errors: [{ message: error.message }] });
        return;
      }
      logger.error('http.unhandled', { requestId, error: error instanceof Error ? error.name : 'unknown' });
      if (!response.headersSent) sendJson(response, 500, { errors: [{ message: 'Internal server error' }] });
      else response.end();
    }
  };

  const service = options.service ?? 'unknown';
  const httpServer: Server = createServer((req, res) => {
    const incomingId = req.headers[REQUEST_ID_HEADER];
    const requestId = typeof incomingId === 'string' && /^[\w-]{1,64}$/.test(incomingId) ? incomingId : randomUUID();
    // Every line logged while serving it carries its id, whichever logger writes it.
    void withRequestId(requestId, () => traceHttpRequest(service, req, res, () => handle(req, res, requestId)));
  });
  // The first stack trace's source-map parse, now rather than during the first error under load.
  warmSourceMaps();
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}/graphql`;
  // The pid lets an operator (or a test) signal this very service among the stack's processes.
  logger.info('service.ready', { url, pid: process.pid });

  let closing: Promise<void> | undefined;
  const close = (graceMs: number): Promise<void> => {
    draining = true;
    logger.info('service.draining', { inFlight, graceMs });
    return (async () => {
      // Stops listening (new connections are refused) and resolves once every connection has
      // ended: idle ones now, busy ones when their response is out (they carry `connection: close`).
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeIdleConnections();
      let forced = false;
      const deadline = setTimeout(() => {
        // Past the grace period: cut what is left, so a stuck request cannot hold the process up.
        forced = true;
        logger.warn('service.shutdown.forced', { inFlight, graceMs });
        httpServer.closeAllConnections();
      }, graceMs);
      await closed;
      clearTimeout(deadline);
      await server.stop();
      logger.info('service.stopped', { forced });
    })();
  };

  return {
    url,
    port,
    readiness,
    close: (closeOptions = {}) => (closing ??= close(closeOptions.graceMs ?? defaultGraceMs)),
  };
}
