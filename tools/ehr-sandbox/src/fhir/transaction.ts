import { definitionOf } from './definitions';
import { FhirError, issue, type Issue } from './outcome';
import { matchesAll, parseCriteria } from './search';
import type { FhirDraft, FhirResource, FhirStore } from './store';
import { isJsonObject, validateResource } from './validate';

/**
 * A FHIR R4 `transaction` Bundle, processed as a FHIR server does and all or nothing:
 *
 * 1. the Bundle and every entry's `request` are checked (400), then every resource (422, every
 *    problem at once);
 * 2. in entry order, each entry's target is resolved: `POST Type` creates (or, with `ifNoneExist`,
 *    finds the one existing match: 0 → create, 1 → that one, unchanged, more → 412); `PUT Type/id`
 *    updates or creates that id; `PUT Type?query` updates the one match, creates when none, 412 when
 *    several. Each entry's `fullUrl` (`urn:uuid:…`) then stands for the `Type/id` it resolved to,
 *    also in the conditions of later entries;
 * 3. references to fullUrls are rewritten to `Type/id`; a `urn:` reference to no entry, or a
 *    reference to a stored type's id that does not exist, refuses the transaction (422);
 * 4. the resources are stored (a new version per update) and the answer is a
 *    `transaction-response` Bundle, one entry per request entry, in the same order.
 *
 * Conditions are evaluated against the state before the transaction, as the specification says.
 */

export interface TransactionResponseEntry {
  response: { status: string; location: string; etag: string; lastModified: string };
}

export interface TransactionResponse {
  resourceType: 'Bundle';
  type: 'transaction-response';
  entry: TransactionResponseEntry[];
}

type Action = 'create' | 'update' | 'none';

interface Planned {
  type: string;
  resource: Record<string, unknown>;
  fullUrl?: string;
  method: 'POST' | 'PUT';
  /** The type/id part of a PUT's url, or the query of a conditional PUT or ifNoneExist. */
  target: { id: string } | { query: URLSearchParams; where: string } | undefined;
}

const entryPath = (index: number): string => `Bundle.entry[${index}]`;

/** Step 1: the Bundle's shape and each entry's request; throws 400 or 422. */
function plan(body: unknown): Planned[] {
  if (!isJsonObject(body) || body['resourceType'] !== 'Bundle') {
    throw new FhirError(400, issue('structure', 'the body must be a FHIR Bundle', 'Bundle'));
  }
  if (body['type'] !== 'transaction') {
    throw new FhirError(400, issue('not-supported', 'only Bundles of type transaction are accepted', 'Bundle.type'));
  }
  const entries = body['entry'] ?? [];
  if (!Array.isArray(entries)) throw new FhirError(400, issue('structure', 'must be an array', 'Bundle.entry'));

  const requestIssues: Issue[] = [];
  const resourceIssues: Issue[] = [];
  const fullUrls = new Set<string>();
  const planned = entries.map((entry: unknown, index): Planned | undefined => {
    const path = entryPath(index);
    const refuse = (diagnostics: string, where: string, code: Issue['code'] = 'invalid') => {
      requestIssues.push(issue(code, diagnostics, where));
      return undefined;
    };
    if (!isJsonObject(entry)) return refuse('must be a JSON object', path, 'structure');
    const fullUrl = entry['fullUrl'];
    if (fullUrl !== undefined) {
      if (typeof fullUrl !== 'string' || fullUrl === '') return refuse('must be a URI', `${path}.fullUrl`);
      if (fullUrls.has(fullUrl)) return refuse('is the fullUrl of another entry too', `${path}.fullUrl`);
      fullUrls.add(fullUrl);
    }
    const request = entry['request'];
    if (!isJsonObject(request)) return refuse('is required', `${path}.request`, 'required');
    const { method, url, ifNoneExist } = request;
    if (method !== 'POST' && method !== 'PUT') {
      return refuse('only POST and PUT are supported in a transaction', `${path}.request.method`, 'not-supported');
    }
    if (typeof url !== 'string' || url === '') return refuse('is required', `${path}.request.url`, 'required');
    resourceIssues.push(...validateResource(entry['resource'], `${path}.resource`));
    const resource = entry['resource'];
    if (!isJsonObject(resource) || typeof resource['resourceType'] !== 'string') return undefined;
    const type = resource['resourceType'];

    const [urlPath = '', queryText] = url.split('?', 2) as [string, string | undefined];
    const segments = urlPath.split('/');
    if (segments[0] !== type) return refuse('must name the resource type of the entry', `${path}.request.url`);
    const planned: Planned = { type, resource, method, target: undefined };
    if (typeof fullUrl === 'string') planned.fullUrl = fullUrl;
    if (method === 'POST') {
      if (segments.length !== 1 || queryText !== undefined) {
        return refuse('a POST url is the resource type alone', `${path}.request.url`);
      }
      if (ifNoneExist !== undefined) {
        if (typeof ifNoneExist !== 'string' || ifNoneExist === '') {
          return refuse('must be a search query', `${path}.request.ifNoneExist`);
        }
        const where = `${path}.request.ifNoneExist`;
        planned.target = { query: new URLSearchParams(ifNoneExist), where };
      }
    } else if (queryText !== undefined && segments.length === 1) {
      planned.target = { query: new URLSearchParams(queryText), where: `${path}.request.url` };
    } else if (segments.length === 2 && /^[A-Za-z0-9\-.]{1,64}$/.test(segments[1]!) && queryText === undefined) {
      planned.target = { id: segments[1]! };
      if (resource['id'] !== undefined && resource['id'] !== segments[1]) {
        return refuse('the resource id must be the id in request.url', `${path}.resource.id`);
      }
    } else {
      return refuse('a PUT url is Type/id or Type?search', `${path}.request.url`);
    }
    return planned;
  });
  if (requestIssues.length > 0) throw new FhirError(400, requestIssues);
  if (resourceIssues.length > 0) throw new FhirError(422, resourceIssues);
  return planned as Planned[];
}

interface Resolved extends Planned {
  id: string;
  action: Action;
}

/** Step 2: each entry's target id and action, in entry order; fullUrls map to `Type/id`. */
function resolve(draft: FhirDraft, planned: Planned[], fullUrls: Map<string, string>): Resolved[] {
  const targets = new Set<string>();
  return planned.map((entry, index) => {
    let resolved: Resolved;
    const { target } = entry;
    if (target === undefined) {
      resolved = { ...entry, id: draft.newId(entry.type), action: 'create' };
    } else if ('id' in target) {
      resolved = { ...entry, id: target.id, action: draft.current(entry.type, target.id) ? 'update' : 'create' };
    } else {
      const criteria = parseCriteria(entry.type, target.query, target.where, (value) => fullUrls.get(value) ?? value);
      if (criteria.length === 0) {
        throw new FhirError(400, issue('invalid', 'a condition needs at least one search parameter', target.where));
      }
      const matches = draft.all(entry.type).filter(matchesAll(criteria));
      if (matches.length > 1) {
        throw new FhirError(
          412,
          issue('multiple-matches', 'the condition matches more than one resource', target.where),
        );
      }
      const match = matches[0];
      const resourceId = entry.resource['id'];
      if (match && entry.method === 'PUT' && resourceId !== undefined && resourceId !== match.id) {
        throw new FhirError(400, issue('invalid', 'the resource id is not the id of the match', entryPath(index)));
      }
      if (match) resolved = { ...entry, id: match.id, action: entry.method === 'PUT' ? 'update' : 'none' };
      else resolved = { ...entry, id: draft.newId(entry.type), action: 'create' };
    }
    const key = `${resolved.type}/${resolved.id}`;
    if (targets.has(key)) {
      throw new FhirError(
        400,
        issue('conflict', 'another entry of this transaction changes the same resource', entryPath(index)),
      );
    }
    targets.add(key);
    if (entry.fullUrl !== undefined) fullUrls.set(entry.fullUrl, key);
    return resolved;
  });
}

/** Step 3: rewrites every `reference` to a fullUrl, and checks references to stored types. */
function rewriteReferences(draft: FhirDraft, entries: Resolved[], fullUrls: Map<string, string>): void {
  const created = new Set(entries.map((entry) => `${entry.type}/${entry.id}`));
  const problems: Issue[] = [];
  const visit = (value: unknown, path: string): void => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, `${path}[${index}]`));
      return;
    }
    if (!isJsonObject(value)) return;
    for (const [key, child] of Object.entries(value)) {
      if (key !== 'reference' || typeof child !== 'string') {
        visit(child, `${path}.${key}`);
        continue;
      }
      const mapped = fullUrls.get(child);
      if (mapped !== undefined) {
        value[key] = mapped;
      } else if (child.startsWith('urn:')) {
        problems.push(issue('processing', 'refers to no entry of this transaction', `${path}.reference`));
      } else {
        const [type, id, ...rest] = child.split('/');
        const local = rest.length === 0 && id !== undefined && definitionOf(type ?? '') !== undefined;
        if (local && !created.has(child) && !draft.current(type!, id)) {
          problems.push(issue('not-found', 'refers to a resource this server does not have', `${path}.reference`));
        }
      }
    }
  };
  entries.forEach((entry, index) => visit(entry.resource, `${entryPath(index)}.resource`));
  if (problems.length > 0) throw new FhirError(422, problems);
}

const responseEntry = (resource: FhirResource, status: string): TransactionResponseEntry => ({
  response: {
    status,
    location: `${resource.resourceType}/${resource.id}/_history/${resource.meta.versionId}`,
    etag: `W/"${resource.meta.versionId}"`,
    lastModified: resource.meta.lastUpdated,
  },
});

/** Applies the Bundle, or throws a `FhirError` (400, 412, 422) having changed nothing. */
export function processTransaction(store: FhirStore, body: unknown, now: Date = new Date()): TransactionResponse {
  const planned = plan(body);
  const lastUpdated = now.toISOString();
  return store.transact((draft) => {
    const fullUrls = new Map<string, string>();
    const entries = resolve(draft, planned, fullUrls);
    rewriteReferences(draft, entries, fullUrls);
    const entry = entries.map(({ type, id, action, resource }) => {
      if (action === 'none') return responseEntry(draft.current(type, id)!, '200 OK');
      const stored = draft.put(type, id, resource, lastUpdated);
      return responseEntry(stored, action === 'create' ? '201 Created' : '200 OK');
    });
    return { resourceType: 'Bundle', type: 'transaction-response', entry };
  });
}
