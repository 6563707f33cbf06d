import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '@carebridge/common';
import type { FaultInjector } from '../faults';
import { bodyWithin, drawFault, headerValue, loseResponse, sendJson, type Headers } from '../http';
import { capabilityStatement } from './capability';
import { definitionOf, RESOURCE_TYPES } from './definitions';
import { FhirError, issue } from './outcome';
import { matchesAll, parseCriteria } from './search';
import type { FhirResource, FhirStore } from './store';
import { processTransaction } from './transaction';

/**
 * The FHIR R4 API under `/fhir/r4`: `POST /` takes a transaction Bundle; reads are `GET /metadata`,
 * `GET /Type?params` (a searchset Bundle), `GET /Type/id`, `GET /Type/id/_history[/vid]` and
 * `GET /Patient/id/$everything`. Every answer is `application/fhir+json`; every refusal is an
 * OperationOutcome. Fault injection applies here as on the other EHR APIs. Logs (`ehr.request`
 * with `ehr: 'fhir'`, as the other EHRs' requests) name the interaction, the resource type and the
 * status, never ids, bodies or search values.
 */

export const FHIR_BASE = '/fhir/r4';

const FHIR_JSON = 'application/fhir+json';
const ACCEPTED_CONTENT_TYPES = [FHIR_JSON, 'application/json'];

export interface FhirHandlerOptions {
  store: FhirStore;
  faults: FaultInjector;
  logger: Logger;
  maxBodyBytes: number;
}

type Interaction = 'transaction' | 'metadata' | 'search' | 'read' | 'vread' | 'history' | 'everything' | 'unknown';

interface Answer {
  status: number;
  body: unknown;
  headers?: Headers;
}

const bundle = (type: 'searchset' | 'history', base: string, resources: FhirResource[]) => ({
  resourceType: 'Bundle',
  type,
  total: resources.length,
  entry: resources.map((resource) => ({
    fullUrl: `${base}/${resource.resourceType}/${resource.id}`,
    resource,
    ...(type === 'searchset' ? { search: { mode: 'match' } } : {}),
  })),
});

const notFound = (what: string) => new FhirError(404, issue('not-found', `${what} is not on this server`));

export function createFhirHandler({ store, faults, logger, maxBodyBytes }: FhirHandlerOptions) {
  const knownType = (type: string | undefined): string => {
    if (type !== undefined && definitionOf(type)) return type;
    throw new FhirError(
      404,
      issue('not-supported', `this server stores only ${RESOURCE_TYPES.join(', ')}`, 'request.url'),
    );
  };

  const readResource = (type: string, id: string, versionId?: string): Answer => {
    const resource = store.read(type, id, versionId);
    if (!resource) throw notFound(versionId === undefined ? 'the resource' : 'the version');
    return { status: 200, body: resource, headers: { etag: `W/"${resource.meta.versionId}"` } };
  };

  const everything = (id: string, base: string): Answer => {
    const patient = store.read('Patient', id);
    if (!patient) throw notFound('the patient');
    const related = RESOURCE_TYPES.flatMap((type) => {
      const references = definitionOf(type)!.references;
      const parameter = 'patient' in references ? 'patient' : Object.keys(references)[0];
      if (parameter === undefined) return [];
      const query = new URLSearchParams({ [parameter]: `Patient/${id}` });
      return store.list(type).filter(matchesAll(parseCriteria(type, query, parameter)));
    });
    return { status: 200, body: bundle('searchset', base, [patient, ...related]) };
  };

  const transaction = async (request: IncomingMessage): Promise<Answer> => {
    const contentType = (headerValue(request, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!ACCEPTED_CONTENT_TYPES.includes(contentType)) {
      request.resume();
      throw new FhirError(415, issue('not-supported', `send ${ACCEPTED_CONTENT_TYPES.join(' or ')}`, 'Content-Type'));
    }
    const text = await bodyWithin(request, maxBodyBytes);
    if (text === null) throw new FhirError(413, issue('too-costly', 'the request body is too large'));
    let body: unknown;
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      throw new FhirError(400, issue('structure', 'the request body is not JSON'));
    }
    return { status: 200, body: processTransaction(store, body) };
  };

  /** Routes a request (path relative to the FHIR base) to its interaction. */
  const route = async (
    request: IncomingMessage,
    path: string,
    query: URLSearchParams,
    base: string,
    noted: (interaction: Interaction, type?: string) => void,
  ): Promise<Answer> => {
    const method = request.method ?? 'GET';
    const [type, id, third, versionId, ...rest] = path.split('/').filter(Boolean);
    const only = (allowed: string, interaction: Interaction) => {
      noted(interaction, definitionOf(type ?? '') ? type : undefined);
      if (method === allowed) return;
      request.resume();
      throw new FhirError(405, issue('not-supported', `use ${allowed} here`), { allow: allowed });
    };
    if (type === undefined) {
      only('POST', 'transaction');
      return transaction(request);
    }
    if (type === 'metadata' && id === undefined) {
      only('GET', 'metadata');
      return { status: 200, body: capabilityStatement() };
    }
    if (id === undefined) {
      only('GET', 'search');
      const resourceType = knownType(type);
      const criteria = parseCriteria(resourceType, query, 'request.url', undefined, { allowResultParameters: true });
      return { status: 200, body: bundle('searchset', base, store.list(resourceType).filter(matchesAll(criteria))) };
    }
    if (third === undefined) {
      only('GET', 'read');
      return readResource(knownType(type), id);
    }
    if (type === 'Patient' && third === '$everything' && versionId === undefined) {
      only('GET', 'everything');
      return everything(id, base);
    }
    if (third === '_history' && rest.length === 0) {
      if (versionId !== undefined) {
        only('GET', 'vread');
        return readResource(knownType(type), id, versionId);
      }
      only('GET', 'history');
      const versions = store.history(knownType(type), id);
      if (versions.length === 0) throw notFound('the resource');
      return { status: 200, body: bundle('history', base, versions.reverse()) };
    }
    noted('unknown');
    request.resume();
    throw new FhirError(404, issue('not-supported', 'no such FHIR endpoint on this server', 'request.url'));
  };

  return async (
    request: IncomingMessage,
    response: ServerResponse,
    path: string,
    query: URLSearchParams,
    started: number,
  ): Promise<void> => {
    const method = request.method ?? 'GET';
    let interaction: Interaction = 'unknown';
    let type: string | undefined;
    const { answer: injected, lose } = await drawFault(faults);
    const finish = (status: number, body: unknown, headers: Headers = {}, fault?: string): void => {
      if (lose) loseResponse(response);
      else sendJson(response, status, body, headers, FHIR_JSON);
      const fields = { ehr: 'fhir', method, interaction, status, durationMs: Date.now() - started };
      const faultField = lose ? { fault: 'lost-response' } : fault ? { fault } : {};
      logger.info('ehr.request', { ...fields, ...(type ? { resourceType: type } : {}), ...faultField });
    };

    if (injected) {
      request.resume();
      store.count('injectedFailures');
      const outcome = new FhirError(injected.status, issue('transient', injected.message)).outcome;
      finish(injected.status, outcome, injected.headers, injected.fault);
      return;
    }
    if (lose) store.count('injectedFailures');
    const base = `http://${headerValue(request, 'host') ?? 'localhost'}${FHIR_BASE}`;
    try {
      const answer = await route(request, path, query, base, (noted, resourceType) => {
        interaction = noted;
        type = resourceType;
      });
      finish(answer.status, answer.body, answer.headers);
    } catch (error) {
      if (!(error instanceof FhirError)) throw error;
      if (error.status < 500) store.count('rejected');
      finish(error.status, error.outcome, error.headers);
    }
  };
}
