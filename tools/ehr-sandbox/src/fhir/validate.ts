import { definitionOf, RESOURCE_TYPES } from './definitions';
import { issue, type Issue } from './outcome';
import { StructureChecker } from './structure';

export const isJsonObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * What is wrong with a resource, as OperationOutcome issues located under `path` (e.g.
 * `Bundle.entry[2].resource`): not an object, no or an unknown `resourceType`, or R4 structure.
 */
export function validateResource(value: unknown, path: string): Issue[] {
  if (!isJsonObject(value)) return [issue('structure', 'must be a JSON object (a FHIR resource)', path)];
  const { resourceType, ...elements } = value;
  if (resourceType === undefined) return [issue('required', 'is required', `${path}.resourceType`)];
  const definition = typeof resourceType === 'string' ? definitionOf(resourceType) : undefined;
  if (!definition) {
    return [
      issue(
        'not-supported',
        `is not a resource type this server stores (${RESOURCE_TYPES.join(', ')})`,
        `${path}.resourceType`,
      ),
    ];
  }
  const checker = new StructureChecker(definition.codes);
  checker.elements(elements, definition.elements, path, '');
  return checker.issues;
}
