import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import type { CanonicalRecord, FieldMappingRecord, MappingVersionRecord } from '../data/records';
import { acceptsSource, FHIR_RESOURCES, fhirTarget, QUESTIONNAIRE_ITEM } from './catalogue';
import { clinicalResources, questionnaireResponse } from './clinical';
import { itemKey } from './codings';
import { coverageResource, patientResource } from './demographics';
import { patientIdentity, patientReference, resourceIdentity, type EntryIdentity } from './identity';

/**
 * The FHIR engine: a canonical record and a mapping version in, one transaction Bundle out. Pure
 * and deterministic like the key-value engine (`mapping/build.ts`), so the preview is exactly what
 * is sent and a retry or a replay under the same version sends the same Bundle.
 *
 * What a change carries: the Patient entry always (first; every other entry references it), then
 * - a patient change (`demographics`): the Coverage;
 * - answers (`clinical`): one resource per reported answer item of each mapped clinical field
 *   (AllergyIntolerance, MedicationStatement, Condition, FamilyMemberHistory, Observation), then
 *   the QuestionnaireResponse of the mapped questions;
 * - a new patient or a resend (`all`): both.
 * Every entry is a conditional update keyed on a deterministic identifier (`identity.ts`): sending
 * it twice changes nothing the first did not. A resource the patient no longer reports (an allergy
 * taken off) is not deleted from the EHR; the QuestionnaireResponse holds the latest answers.
 */

export type FhirScope = 'demographics' | 'clinical' | 'all';

/** The mapped fields of one resource type whose source its target takes (an old version may hold others). */
function fieldsOf(mapping: Pick<MappingVersionRecord, 'fields'>, resourceType: string): FieldMappingRecord[] {
  return mapping.fields.filter((field) => {
    const target = field.endpoint === resourceType ? fhirTarget(resourceType, field.target) : undefined;
    return target !== undefined && acceptsSource(target, field.source);
  });
}

/** A resource with its identifier (R4 has one on a QuestionnaireResponse, a list elsewhere). */
function identified(resource: Resource, identity: EntryIdentity): Resource {
  const { resourceType, ...rest } = resource;
  const identifier = resourceType === 'QuestionnaireResponse' ? identity.identifier : [identity.identifier];
  return { resourceType, identifier, ...rest } as Resource;
}

const entry = (resource: Resource, identity: EntryIdentity): BundleEntry => ({
  fullUrl: identity.fullUrl,
  resource,
  request: identity.request,
});

export function buildBundle(
  record: CanonicalRecord,
  mapping: Pick<MappingVersionRecord, 'fields'>,
  scope: FhirScope,
): Bundle {
  const { patient } = record;
  const { organizationId, preferredLanguage: language } = patient;
  const patientId = patientIdentity(organizationId, patient.id, patient.mrn);
  const subject = patientReference(patientId);
  const other = (resourceType: string, key?: string) => resourceIdentity(organizationId, patient.id, resourceType, key);
  const entries: BundleEntry[] = [entry(patientResource(record, fieldsOf(mapping, 'Patient'), patientId), patientId)];

  if (scope !== 'clinical') {
    const identity = other('Coverage');
    const coverage = coverageResource(record, fieldsOf(mapping, 'Coverage'), identity, patientId);
    if (coverage) entries.push(entry(coverage, identity));
  }
  if (scope !== 'demographics') {
    for (const { resourceType } of FHIR_RESOURCES) {
      for (const field of fieldsOf(mapping, resourceType)) {
        if (field.target === QUESTIONNAIRE_ITEM) continue;
        for (const { item, resource } of clinicalResources(record, field, language, subject)) {
          const identity = other(resourceType, itemKey(item));
          entries.push(entry(identified(resource, identity), identity));
        }
      }
    }
    const questions = fieldsOf(mapping, 'QuestionnaireResponse');
    const response = questionnaireResponse(record, questions, language, subject);
    if (response) {
      const identity = other('QuestionnaireResponse');
      entries.push(entry(identified(response, identity), identity));
    }
  }
  return { resourceType: 'Bundle', type: 'transaction', entry: entries };
}
