import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { silentLogger, type Logger } from '@carebridge/common';
import { FaultInjector, validateFaultSettings, type FaultSettings } from './faults';
import { definitionOf, RESOURCE_TYPES } from './fhir/definitions';
import { createFhirHandler, FHIR_BASE } from './fhir/routes';
import { bodyWithin, drawFault, headerValue, loseResponse, parseJson, sendJson, type Headers } from './http';
import { defaultSpecs, findEhr, matchRoute, type EhrSpec } from './specs';
import { SandboxStore } from './store';
import { processWrite } from './writes';

/**
 * The sandbox's HTTP server: the imitated EHR APIs under each spec's base path (`/athena`,
 * `/allscripts`), a FHIR R4 server under `/fhir/r4`, and the control API under `/_sandbox`.
 * node:http only.
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

export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const specs = options.specs ?? defaultSpecs;
  const logger = options.logger ?? silentLogger;
  const maxBodyBytes = options.maxBodyBytes ?? 1_000_000;
  const store = new SandboxStore(specs);
  const faults = new FaultInjector(options.faults);
  const handleFhir = createFhirHandler({ store: store.fhir, faults, logger, maxBodyBytes });

  const handleEhr = async (
    ehr: EhrSpec,
    request: IncomingMessage,
    response: ServerResponse,
    pathname: string,
    started: number,
  ): Promise<void> => {
    const method = request.method ?? 'GET';
    const { answer: injected, lose } = await drawFault(faults);
    const finish = (
      status: number,
      body: unknown,
      fields: Record<string, string | boolean> = {},
      headers: Headers = {},
    ): void => {
      if (lose) loseResponse(response);
      else sendJson(response, status, body, headers);
      const fault = lose ? { fault: 'lost-response' } : {};
      logger.info('ehr.request', {
        ehr: ehr.id,
        method,
        status,
        durationMs: Date.now() - started,
        ...fields,
        ...fault,
      });
    };

    if (lose) store.count(ehr.id, 'injectedFailures');
    if (injected) {
      // Before anything else: nothing read, nothing recorded, the idempotency key left unused.
      request.resume();
      store.count(ehr.id, 'injectedFailures');
      finish(injected.status, { error: injected.message }, { fault: injected.fault }, injected.headers);
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
    if (first === 'fhir' && third === undefined) {
      if (!only('GET')) return;
      if (ehrId === undefined) sendJson(response, 200, store.fhir.counts());
      else if (definitionOf(ehrId)) sendJson(response, 200, store.fhir.list(ehrId));
      else sendJson(response, 404, { error: 'Unknown resource type', resourceTypes: RESOURCE_TYPES });
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
      const url = new URL(request.url ?? '/', 'http://sandbox.invalid');
      pathname = url.pathname;
      if (pathname.length > 1 && pathname.endsWith('/')) pathname = pathname.slice(0, -1);
      if (pathname === CONTROL_BASE || pathname.startsWith(CONTROL_BASE + '/')) {
        await handleControl(request, response, pathname);
        return;
      }
      if (pathname === FHIR_BASE || pathname.startsWith(FHIR_BASE + '/')) {
        await handleFhir(request, response, pathname.slice(FHIR_BASE.length), url.searchParams, started);
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
        fhir: FHIR_BASE,
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
