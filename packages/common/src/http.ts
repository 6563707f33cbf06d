import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import type { Logger } from './logger';

/**
 * Serves an Apollo Server over node:http: `POST|GET /graphql` and `GET /health`.
 *
 * A hand-written integration instead of `startStandaloneServer` so that every service shares one
 * place for request ids, body limits and health checks, with no web framework underneath.
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

export interface RunningService {
  url: string;
  port: number;
  close(): Promise<void>;
}

export const REQUEST_ID_HEADER = 'x-request-id';

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readBody(request: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) throw new HttpError(413, 'Request body too large');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) throw new HttpError(413, 'Request body too large');
    chunks.push(buf);
  }
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

export async function serveHttp<TContext extends BaseContext>(
  options: HttpServiceOptions<TContext>,
): Promise<RunningService> {
  const { server, logger, maxBodyBytes = 1_000_000 } = options;

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const incomingId = request.headers[REQUEST_ID_HEADER];
    const requestId = typeof incomingId === 'string' && /^[\w-]{1,64}$/.test(incomingId) ? incomingId : randomUUID();
    response.setHeader(REQUEST_ID_HEADER, requestId);

    if (url.pathname === '/health') {
      sendJson(response, 200, { status: 'ok' });
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
          path: url.pathname,
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
      const result = await server.executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method: request.method ?? 'GET',
          headers,
          search: url.search,
          body: parseBody(raw, request.headers['content-type']),
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

  const httpServer: Server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}/graphql`;
  logger.info('service.ready', { url });

  return {
    url,
    port,
    close: async () => {
      // Stop accepting, let in-flight requests finish, drop idle keep-alive sockets.
      await new Promise<void>((resolve, reject) => {
        httpServer.close((err) => (err ? reject(err) : resolve()));
        httpServer.closeIdleConnections();
      });
      await server.stop();
    },
  };
}

/**
 * A port that is free now, for a service whose URL others must know before it starts (the gateway,
 * whose JWKS the subgraphs are configured with). Another process could take it in between; for
 * tests and local runs on loopback that risk is acceptable.
 */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
