import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpError, readBody, silentLogger, type Logger } from '@carebridge/common';
import { FaultInjector, validateFaultSettings, type FaultSettings } from './faults';
import { defaultSpecs, findEhr, matchRoute, type EhrSpec } from './specs';
import { SandboxStore } from './store';
import { processWrite } from './writes';

/**
 * The sandbox's HTTP server: the imitated EHR APIs under each spec's base path (`/athena`,
 * `/allscripts`) and the control API under `/_sandbox`. node:http only.
 *
 * Logs carry methods, endpoint patterns, statuses and durations; never bodies, values or
 * idempotency keys.
 */

export interface SandboxOptions {
  specs?: readonly EhrSpec[];
  faults?: Partial<FaultSettings>;
  logger?: Logger;
  /** Larger request bodies are answered 413. */
  maxBodyBytes?: number;
}

export interface RunningSandbox {
  /** e.g. `http://127.0.0.1:4010`; the EHR base URLs are `${url}/athena` and `${url}/allscripts`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface Sandbox {
  specs: readonly EhrSpec[];
  store: SandboxStore;
  faults: FaultInjector;
  /** The request handler, for mounting on a server of one's own. */
  handle(request: IncomingMessage, response: ServerResponse): Promise<void>;
  listen(port: number, host?: string): Promise<RunningSandbox>;
}

export const CONTROL_BASE = '/_sandbox';

type Headers = Record<string, string>;

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Headers = {}): void {
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    ...headers,
  });
  response.end(JSON.stringify(body));
}

/** The body, or null past the limit: drained, so the connection stays usable for the 413. */
async function bodyWithin(request: IncomingMessage, limit: number): Promise<string | null> {
  try {
    return await readBody(request, limit, { drain: true });
  } catch (error) {
    if (error instanceof HttpError && error.status === 413) return null;
    throw error;
  }
}

/** The parsed JSON, or undefined when the text is empty or not JSON (validation then says so). */
function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const specs = options.specs ?? defaultSpecs;
  const logger = options.logger ?? silentLogger;
  const maxBodyBytes = options.maxBodyBytes ?? 1_000_000;
  const store = new SandboxStore(specs);
  const faults = new FaultInjector(options.faults);

  const handleEhr = async (
    ehr: EhrSpec,
    request: IncomingMessage,
    response: ServerResponse,
    pathname: string,
    started: number,
  ): Promise<void> => {
    const method = request.method ?? 'GET';
    const finish = (
      status: number,
      body: unknown,
      fields: Record<string, string | boolean> = {},
      headers: Headers = {},
    ): void => {
      sendJson(response, status, body, headers);
      logger.info('ehr.request', { ehr: ehr.id, method, status, durationMs: Date.now() - started, ...fields });
    };

    if (faults.delayMs > 0) await sleep(faults.delayMs);
    const decision = faults.decide();
    if (decision.kind !== 'none') {
      // Before anything else: nothing read, nothing recorded, the idempotency key left unused.
      request.resume();
      store.count(ehr.id, 'injectedFailures');
      if (decision.kind === 'fail') {
        finish(500, { error: 'Injected failure (sandbox fault injection)' }, { fault: 'failure' });
      } else {
        finish(
          503,
          { error: 'Service unavailable, retry later (sandbox fault injection)' },
          { fault: 'retry-after' },
          { 'retry-after': String(decision.seconds) },
        );
      }
      return;
    }

    const route = matchRoute(specs, pathname);
    if (!route) {
      request.resume();
      store.count(ehr.id, 'rejected');
      finish(404, { error: 'Not found' });
      return;
    }
    const endpoint = route.endpoints.find((candidate) => candidate.method === method);
    if (!endpoint) {
      request.resume();
      store.count(ehr.id, 'rejected');
      const allow = [...new Set(route.endpoints.map((candidate) => candidate.method))].join(', ');
      finish(405, { error: 'Method not allowed' }, { route: route.endpoints[0]?.path ?? '' }, { allow });
      return;
    }

    const text = await bodyWithin(request, maxBodyBytes);
    if (text === null) {
      store.count(ehr.id, 'rejected');
      finish(413, { error: 'Request body too large' }, { route: endpoint.path });
      return;
    }
    const outcome = processWrite(store, {
      ehr,
      endpoint,
      ehrPatientId: route.ehrPatientId,
      idempotencyKey: headerValue(request, 'idempotency-key'),
      body: parseJson(text),
    });
    finish(
      outcome.status,
      outcome.body,
      { route: endpoint.path, replayed: outcome.replayed },
      outcome.replayed ? { 'idempotent-replayed': 'true' } : {},
    );
  };

  const handleControl = async (request: IncomingMessage, response: ServerResponse, pathname: string) => {
    const method = request.method ?? 'GET';
    const parts = pathname.slice(CONTROL_BASE.length).split('/').filter(Boolean);
    const only = (allowed: string): boolean => {
      if (method === allowed) return true;
      request.resume();
      sendJson(response, 405, { error: 'Method not allowed' }, { allow: allowed });
      return false;
    };
    const [first, ehrId, third, ehrPatientId, ...rest] = parts;

    if (parts.length === 1 && first === 'health') {
      if (only('GET')) sendJson(response, 200, { status: 'ok' });
      return;
    }
    if (parts.length === 1 && first === 'faults') {
      if (method === 'GET') {
        sendJson(response, 200, faults.settings);
        return;
      }
      if (!only('PUT')) return;
      const text = await bodyWithin(request, maxBodyBytes);
      if (text === null) {
        sendJson(response, 413, { error: 'Request body too large' });
        return;
      }
      const { problems, settings } = validateFaultSettings(parseJson(text));
      if (problems.length > 0) {
        sendJson(response, 422, { error: 'Invalid fault settings', problems });
        return;
      }
      const updated = faults.update(settings);
      logger.info('sandbox.faults.updated', { ...updated });
      sendJson(response, 200, updated);
      return;
    }
    if (parts.length === 1 && first === 'reset') {
      if (!only('POST')) return;
      store.reset();
      faults.restart();
      logger.info('sandbox.reset');
      sendJson(response, 200, { status: 'reset' });
      return;
    }
    if (parts.length === 1 && first === 'stats') {
      if (only('GET')) sendJson(response, 200, store.stats());
      return;
    }
    if (first === 'ehrs' && third === 'patients' && rest.length === 0 && ehrId !== undefined) {
      if (!only('GET')) return;
      if (!store.hasEhr(ehrId)) {
        sendJson(response, 404, { error: 'Unknown EHR', ehrs: store.ehrIds() });
        return;
      }
      if (ehrPatientId === undefined) {
        sendJson(response, 200, store.listPatients(ehrId));
        return;
      }
      const patient = store.getPatient(ehrId, ehrPatientId);
      if (patient) sendJson(response, 200, patient);
      else sendJson(response, 404, { error: 'Unknown patient' });
      return;
    }
    request.resume();
    sendJson(response, 404, { error: 'Not found' });
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const started = Date.now();
    let pathname = '/';
    try {
      pathname = new URL(request.url ?? '/', 'http://sandbox.invalid').pathname;
      if (pathname.length > 1 && pathname.endsWith('/')) pathname = pathname.slice(0, -1);
      if (pathname === CONTROL_BASE || pathname.startsWith(CONTROL_BASE + '/')) {
        await handleControl(request, response, pathname);
        return;
      }
      const ehr = findEhr(specs, pathname);
      if (ehr) {
        await handleEhr(ehr, request, response, pathname, started);
        return;
      }
      request.resume();
      sendJson(response, 404, {
        error: 'Not found',
        ehrs: specs.map((spec) => spec.basePath),
        control: CONTROL_BASE,
      });
    } catch (error) {
      logger.error('http.unhandled', { error: error instanceof Error ? error.name : 'unknown' });
      if (!response.headersSent) sendJson(response, 500, { error: 'Internal server error' });
      else response.end();
    }
  };

  const listen = async (port: number, host = '127.0.0.1'): Promise<RunningSandbox> => {
    const server: Server = createServer((request, response) => void handle(request, response));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address() as AddressInfo;
    const urlHost = host.includes(':') ? `[${host}]` : host;
    return {
      url: `http://${urlHost}:${address.port}`,
      port: address.port,
      close: () =>
        new Promise<void>((resolve, reject) => {
          server.close((error) => (error ? reject(error) : resolve()));
          server.closeIdleConnections();
        }),
    };
  };

  return { specs, store, faults, handle, listen };
}
