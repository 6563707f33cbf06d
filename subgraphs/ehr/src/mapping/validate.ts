import { checkCharacters, nameCharacterMessage, Problems } from '@carebridge/common';
import { normalizeText } from '@carebridge/domain';
import type { DataCategory, EhrSystemKind } from '../__generated__/schema-types';
import { CANONICAL_FIELD_NAMES } from '../data/canonical';
import type { EhrKeyRecord, EhrSystemRecord, EndpointRecord } from '../data/records';
import { checkUrl, refusalMessage, type DestinationPolicy } from '../delivery/destinations';
import { fhirEndpoints } from '../fhir/catalogue';
import { validateFhirMapping } from '../fhir/mapping';
import { QUESTION_PREFIX } from './build';
import { nameProblem } from './names';
import type { FieldMappingLike } from './store';

/**
 * Validation of mappings and new EHR systems: pure, and complete (every problem is reported at
 * once, each with the path of its field), so the mapping tool can mark every bad row in one round.
 * Messages name keys and paths, which are configuration, never patient data. The texts a mapping
 * carries to an EHR (code table rows, the note) and endpoint paths follow the text rule
 * (@carebridge/domain `characterProblem`; the note as free text).
 */

export const MAX_MAPPING_ENTRIES = 500;
export const MAX_NOTE_LENGTH = 500;
/** Bounds on a new system's shape, so one request cannot make the platform hold an unbounded config. */
export const MAX_ENDPOINTS = 50;
export const MAX_KEYS_PER_ENDPOINT = 500;

const LINK_ID = /^[A-Za-z0-9._-]{1,64}$/;
const KEY_NAME = /^[A-Za-z0-9_]{1,64}$/;
/** YYYY, MM and DD once each, in any order, with at most one separator between them. */
const DATE_PATTERN = /^(YYYY|MM|DD)([-/. ]?)(YYYY|MM|DD)([-/. ]?)(YYYY|MM|DD)$/;

/** A mapping as submitted: the GraphQL input or a stored version's fields. */
export interface MappingInput {
  fields: readonly FieldMappingLike[];
  note?: string | null;
}

export function isValidSource(source: string): boolean {
  if (CANONICAL_FIELD_NAMES.has(source)) return true;
  return source.startsWith(QUESTION_PREFIX) && LINK_ID.test(source.slice(QUESTION_PREFIX.length));
}

export function isValidDateFormat(pattern: string): boolean {
  const match = DATE_PATTERN.exec(pattern);
  return match !== null && new Set([match[1], match[3], match[5]]).size === 3;
}

function validateTransform(transform: NonNullable<FieldMappingLike['transform']>, problems: Problems): void {
  const { kind, dateFormat, codes } = transform;
  switch (kind) {
    case 'DATE_FORMAT':
      if (dateFormat == null || !isValidDateFormat(dateFormat)) {
        problems.add('dateFormat', 'must be YYYY, MM and DD once each, with separators, e.g. MM/DD/YYYY');
      }
      if (codes != null) problems.add('codes', 'is only for CODE_TABLE');
      break;
    case 'CODE_TABLE': {
      if (codes == null || codes.length === 0) problems.add('codes', 'must have at least one row');
      const seen = new Set<string>();
      codes?.forEach((row, j) => {
        // An empty side would send an empty string to the EHR, or match a value no patient has.
        if (row.from.trim() === '') problems.add(`codes[${j}].from`, 'must not be empty');
        else if (seen.has(row.from)) problems.add(`codes[${j}].from`, 'is listed twice');
        if (row.to.trim() === '') problems.add(`codes[${j}].to`, 'must not be empty');
        seen.add(row.from);
        checkCharacters(problems, `codes[${j}].from`, row.from);
        checkCharacters(problems, `codes[${j}].to`, row.to);
      });
      if (dateFormat != null) problems.add('dateFormat', 'is only for DATE_FORMAT');
      break;
    }
  }
}

/**
 * Checks a mapping against a system's endpoints: known sources and endpoints, targets the
 * endpoint accepts, no target twice on one endpoint, every required key mapped, valid transforms.
 */
export function validateMapping(mapping: MappingInput, endpoints: readonly EndpointRecord[]): Problems {
  const problems = new Problems();
  if (mapping.note != null && mapping.note.length > MAX_NOTE_LENGTH) {
    problems.add('note', `must be at most ${MAX_NOTE_LENGTH} characters`);
  } else if (mapping.note != null) {
    checkCharacters(problems, 'note', mapping.note, { multiline: true });
  }
  if (mapping.fields.length > MAX_MAPPING_ENTRIES) {
    // Past the cap the entries are not examined: the answer stays small whatever was sent.
    problems.add('fields', `must have at most ${MAX_MAPPING_ENTRIES} entries`);
    return problems;
  }
  const byPath = new Map(endpoints.map((e) => [e.path, e]));
  const targetsByEndpoint = new Map<string, Set<string>>();
  mapping.fields.forEach((field, i) => {
    const at = `fields[${i}]`;
    if (!isValidSource(field.source)) {
      problems.add(`${at}.source`, 'must be a canonical field or question:<linkId>');
    }
    const endpoint = byPath.get(field.endpoint);
    if (!endpoint) {
      problems.add(`${at}.endpoint`, 'is not an endpoint of this EHR system');
    } else {
      const key = endpoint.keys.find((k) => k.name === field.target);
      if (!key) problems.add(`${at}.target`, `is not a key ${endpoint.path} accepts`);
      const targets = targetsByEndpoint.get(endpoint.path) ?? new Set<string>();
      // A repeatable key takes each source once; any other key one source.
      const taken = key?.repeatable ? `${field.target}\u0000${field.source}` : field.target;
      if (targets.has(taken)) problems.add(`${at}.target`, `is already mapped on ${endpoint.path}`);
      targets.add(taken);
      targets.add(field.target);
      targetsByEndpoint.set(endpoint.path, targets);
    }
    if (field.transform) {
      const inner = new Problems();
      validateTransform(field.transform, inner);
      problems.merge(`${at}.transform`, inner);
    }
  });
  for (const endpoint of endpoints) {
    const mapped = targetsByEndpoint.get(endpoint.path);
    for (const key of endpoint.keys) {
      if (key.required && !mapped?.has(key.name)) {
        problems.add('fields', `must map ${key.name}, which ${endpoint.path} requires`);
      }
    }
  }
  return problems;
}

/**
 * Every problem of a mapping for a system: the checks of every kind (`validateMapping`), then, for
 * a FHIR R4 system whose mapping passed them, that it makes valid FHIR R4 (`validateFhirMapping`).
 */
export function validateSystemMapping(
  mapping: MappingInput,
  system: Pick<EhrSystemRecord, 'kind' | 'endpoints'>,
): Problems {
  const problems = validateMapping(mapping, system.endpoints);
  if (system.kind !== 'FHIR_R4' || !problems.empty) return problems;
  for (const problem of validateFhirMapping(mapping.fields).list) problems.add(problem.field, problem.message);
  return problems;
}

/** A new EHR system as submitted. */
export interface EhrSystemInputLike {
  name: string;
  baseUrl: string;
  kind?: EhrSystemKind | null;
  endpoints: readonly {
    path: string;
    categories: readonly DataCategory[];
    keys: readonly { name: string; required?: boolean | null }[];
    createsPatient?: boolean | null;
  }[];
  mapping: MappingInput;
}

/** The endpoints of a new system as they will be stored (input defaults applied). */
export function endpointRecords(input: EhrSystemInputLike): EndpointRecord[] {
  return input.endpoints.map((e) => ({
    path: e.path,
    categories: [...e.categories],
    keys: e.keys.map((k): EhrKeyRecord => ({ name: k.name, required: k.required ?? false })),
    createsPatient: e.createsPatient ?? false,
  }));
}

/**
 * Checks a new EHR system: its name (see `names.ts`: one script, nothing invisible, and not like
 * any of `existingNames`, the names its creator sees), its base URL (see `checkUrl`: the address
 * policy of `destinations`), endpoints and keys (none for a FHIR R4 system), and its first mapping
 * against those endpoints (paths under `mapping`).
 */
export function validateEhrSystem(
  input: EhrSystemInputLike,
  existingNames: readonly string[],
  destinations: DestinationPolicy,
): Problems {
  const problems = new Problems();
  const nameIssue = nameProblem(input.name, existingNames);
  if (nameIssue) problems.add('name', nameIssue);
  const url = checkUrl(input.baseUrl, destinations);
  if (!url.ok) problems.add('baseUrl', refusalMessage(url.reason));

  if (input.kind === 'FHIR_R4') {
    // Its endpoints are the FHIR resource types the platform supports (`fhir/catalogue.ts`).
    if (input.endpoints.length > 0) problems.add('endpoints', 'must be empty for a FHIR_R4 system');
    problems.merge('mapping', validateSystemMapping(input.mapping, { kind: 'FHIR_R4', endpoints: fhirEndpoints() }));
    return problems;
  }
  if (input.endpoints.length === 0) problems.add('endpoints', 'must have at least one endpoint');
  if (input.endpoints.length > MAX_ENDPOINTS) {
    problems.add('endpoints', `must have at most ${MAX_ENDPOINTS} endpoints`);
    return problems;
  }
  const creators = input.endpoints.filter((e) => e.createsPatient === true).length;
  if (creators !== 1) problems.add('endpoints', 'must have exactly one endpoint that creates the patient');

  const paths = new Set<string>();
  const categoryOwner = new Map<DataCategory, number>();
  input.endpoints.forEach((endpoint, i) => {
    const at = `endpoints[${i}]`;
    if (!endpoint.path.startsWith('/') || /\s/.test(endpoint.path) || endpoint.path.length > 200) {
      problems.add(`${at}.path`, 'must start with / and have no spaces (at most 200 characters)');
    } else if (paths.has(endpoint.path)) {
      problems.add(`${at}.path`, 'is the path of another endpoint');
    }
    paths.add(endpoint.path);
    checkCharacters(problems, `${at}.path`, endpoint.path);
    endpoint.categories.forEach((category, j) => {
      const owner = categoryOwner.get(category);
      if (owner !== undefined) {
        problems.add(`${at}.categories[${j}]`, `${category} is already sent to endpoints[${owner}]`);
      } else {
        categoryOwner.set(category, i);
      }
    });
    if (endpoint.keys.length > MAX_KEYS_PER_ENDPOINT) {
      problems.add(`${at}.keys`, `must have at most ${MAX_KEYS_PER_ENDPOINT} keys`);
      return;
    }
    const keys = new Set<string>();
    endpoint.keys.forEach((key, j) => {
      if (!KEY_NAME.test(key.name)) {
        problems.add(`${at}.keys[${j}].name`, 'must be 1 to 64 letters, digits or underscores');
      } else if (keys.has(key.name)) {
        problems.add(`${at}.keys[${j}].name`, 'is listed twice on this endpoint');
      }
      keys.add(key.name);
    });
  });

  problems.merge('mapping', validateMapping(input.mapping, endpointRecords(input)));
  return problems;
}

/**
 * An organization's name as stored (NFC, trimmed), with its problems at `name`: 2 to 120
 * characters, the text rule's, and not starting like a spreadsheet formula (the gateway's sign-up
 * checks the same before registering).
 */
export function organizationName(input: string, problems: Problems): string {
  const name = normalizeText(input).trim();
  const message = name.length < 2 || name.length > 120 ? 'must be 2 to 120 characters' : nameCharacterMessage(name);
  if (message) problems.add('name', message);
  return name;
}
