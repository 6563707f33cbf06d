import type { DataCategory } from '../__generated__/schema-types';
import type { CanonicalRecord, EhrRequestRecord, EhrSystemRecord, MappingVersionRecord } from '../data/records';
import { buildBundle, type FhirScope } from '../fhir/bundle';
import { FHIR_TRANSACTION_ENDPOINT } from '../fhir/catalogue';
import { buildRequests } from './build';

/**
 * Where the kinds of EHR system differ in what a mapping makes (what each accepts is
 * `validateSystemMapping`); everything else (the mapping store, versions, delivery's queue and
 * retries) is the same for all.
 */

/** Which part of a record a change concerns: demographics for a patient change, answers, or all. */
export type ChangeScope = FhirScope;

const DEMOGRAPHIC: readonly DataCategory[] = ['DEMOGRAPHICS', 'INSURANCE', 'CARE_TEAM'];

/** Whether an endpoint of these categories is concerned by a change of `scope` (key-value systems). */
function concerns(categories: readonly DataCategory[], scope: ChangeScope): boolean {
  if (scope === 'all') return true;
  const demographic = categories.some((c) => DEMOGRAPHIC.includes(c));
  return scope === 'demographics' ? demographic : !demographic;
}

/**
 * The requests a change of `scope` makes: for a key-value system one per concerned endpoint with
 * data (`buildRequests`); for a FHIR R4 system one transaction Bundle POSTed to the base URL
 * (`fhir/bundle.ts`), which finds or creates the patient itself, so it never waits for the EHR's id.
 */
export function buildSystemRequests(
  record: CanonicalRecord,
  mapping: Pick<MappingVersionRecord, 'fields'>,
  system: EhrSystemRecord,
  ehrPatientId: string | null,
  scope: ChangeScope,
): EhrRequestRecord[] {
  switch (system.kind) {
    case 'FHIR_R4':
      return [
        { endpoint: FHIR_TRANSACTION_ENDPOINT, method: 'POST', payload: { ...buildBundle(record, mapping, scope) } },
      ];
    case 'KEY_VALUE':
      return buildRequests(record, mapping, system, ehrPatientId).filter((request) => {
        const endpoint = system.endpoints.find((e) => e.path === request.endpoint);
        return endpoint !== undefined && concerns(endpoint.categories, scope);
      });
  }
}
