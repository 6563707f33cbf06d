import { definitionOf } from './definitions';
import { FhirError, issue } from './outcome';
import type { FhirResource } from './store';

/**
 * The search parameters the sandbox understands, for GET searches and for the conditions of
 * conditional creates and updates: `_id`, `identifier` (token: `system|value`, `|value`, `value`,
 * `system|`), `code` (token on a CodeableConcept), and each type's reference parameters
 * (`patient`, `subject`, `beneficiary`). A comma means "or"; several parameters mean "and".
 * Anything else is refused (400), as a strict FHIR server does: a condition the server ignored
 * would match every resource.
 */

export type Criterion = (resource: FhirResource) => boolean;

/** Ignored in GET searches: they change the answer's form, not which resources match. */
const RESULT_PARAMETERS = new Set(['_format', '_pretty', '_summary', '_count']);

const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

const field = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;

function tokenMatches(token: string, system: unknown, code: unknown): boolean {
  const bar = token.indexOf('|');
  if (bar < 0) return code === token;
  const wantedSystem = token.slice(0, bar);
  const wantedCode = token.slice(bar + 1);
  const systemOk = wantedSystem === '' ? system === undefined : system === wantedSystem;
  return systemOk && (wantedCode === '' || code === wantedCode);
}

/** `Patient/pat-1`, `http://…/Patient/pat-1` → `Patient/pat-1`; a bare id stays as it is. */
function relative(reference: string): string {
  const parts = reference.split('/');
  return parts.length >= 2 ? parts.slice(-2).join('/') : reference;
}

function referenceMatches(wanted: string, reference: unknown, targetType: string | undefined): boolean {
  if (typeof reference !== 'string') return false;
  const have = relative(reference);
  if (wanted.includes('/')) return have === relative(wanted);
  return targetType ? have === `${targetType}/${wanted}` : have.endsWith(`/${wanted}`);
}

/** A reference parameter's values may name a fullUrl of the same transaction: `resolve` maps it. */
export type ReferenceResolver = (value: string) => string;

/**
 * Parses a query (`identifier=sys|123&patient=Patient/pat-000001`) for one resource type into
 * criteria; throws a 400 `FhirError` for a parameter it does not know. `where` names the query's
 * location in the refusal (e.g. `Bundle.entry[1].request.ifNoneExist`).
 */
export function parseCriteria(
  type: string,
  query: URLSearchParams,
  where: string,
  resolve: ReferenceResolver = (value) => value,
  { allowResultParameters = false } = {},
): Criterion[] {
  const definition = definitionOf(type);
  const criteria: Criterion[] = [];
  for (const [name, raw] of query) {
    if (allowResultParameters && RESULT_PARAMETERS.has(name)) continue;
    const values = raw.split(',');
    if (name === '_id') {
      criteria.push((resource) => values.includes(resource.id));
    } else if (name === 'identifier' && definition?.elements['identifier']) {
      criteria.push((resource) =>
        asArray(resource['identifier']).some((identifier) =>
          values.some((token) => tokenMatches(token, field(identifier, 'system'), field(identifier, 'value'))),
        ),
      );
    } else if (name === 'code' && definition?.elements['code']) {
      criteria.push((resource) =>
        asArray(field(resource['code'], 'coding')).some((coding) =>
          values.some((token) => tokenMatches(token, field(coding, 'system'), field(coding, 'code'))),
        ),
      );
    } else if (definition && Object.hasOwn(definition.references, name)) {
      const element = definition.references[name]!;
      const targetType = name === 'patient' ? 'Patient' : undefined;
      const wanted = values.map(resolve);
      criteria.push((resource) =>
        asArray(resource[element]).some((ref) =>
          wanted.some((value) => referenceMatches(value, field(ref, 'reference'), targetType)),
        ),
      );
    } else {
      throw new FhirError(400, issue('not-supported', `the search parameter "${name}" is not supported`, where));
    }
  }
  return criteria;
}

export const matchesAll = (criteria: readonly Criterion[]) => (resource: FhirResource) =>
  criteria.every((criterion) => criterion(resource));
