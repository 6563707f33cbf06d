import { definitionOf, RESOURCE_TYPES } from './definitions';

/** The sandbox FHIR server's `CapabilityStatement` (`GET /fhir/r4/metadata`): what it stores and supports. */
export function capabilityStatement() {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2026-01-05',
    kind: 'instance',
    software: { name: 'Carebridge EHR sandbox' },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        interaction: [{ code: 'transaction' }],
        resource: RESOURCE_TYPES.map((type) => ({
          type,
          // Creates and updates go through transactions; the type-level interactions are reads.
          interaction: [{ code: 'read' }, { code: 'vread' }, { code: 'history-instance' }, { code: 'search-type' }],
          versioning: 'versioned',
          conditionalCreate: true,
          conditionalUpdate: true,
          searchParam: [
            { name: '_id', type: 'token' },
            ...(definitionOf(type)!.elements['identifier'] ? [{ name: 'identifier', type: 'token' }] : []),
            ...(definitionOf(type)!.elements['code'] ? [{ name: 'code', type: 'token' }] : []),
            ...Object.keys(definitionOf(type)!.references).map((name) => ({ name, type: 'reference' })),
          ],
          ...(type === 'Patient'
            ? {
                operation: [
                  { name: 'everything', definition: 'http://hl7.org/fhir/OperationDefinition/Patient-everything' },
                ],
              }
            : {}),
        })),
      },
    ],
  };
}
