import { EHR_SYSTEM_IDS, SEED_EPOCH } from '@carebridge/common';
import { CANONICAL_FIELDS } from '../data/canonical';
import type { EhrSystemRecord, FieldMappingRecord } from '../data/records';
import { QUESTION_PREFIX } from '../mapping/build';
import { FHIR_RESOURCES, fhirEndpoints, QUESTIONNAIRE_ITEM } from './catalogue';

/**
 * The seeded FHIR R4 system, shared like Athena and Allscripts: every canonical field mapped to
 * the element that takes it, and every question of the seeded intake questionnaire to the
 * QuestionnaireResponse.
 */

export const FHIR_SEED_BASE_URL = 'https://fhir.ehr.example/fhir/r4';

/** The questions of the seeded intake questionnaire (the clinical subgraph's `seed-questionnaire.ts`). */
export const SEED_QUESTION_LINK_IDS: readonly string[] = [
  'symptoms.current',
  'symptoms.other',
  'symptoms.pain_level',
  'allergies.known',
  'allergies.other',
  'medications.current',
  'medications.other',
  'history.conditions',
  'history.last_checkup',
  'social.tobacco',
  'social.alcohol',
  'social.drugs',
  'social.diet',
  'social.recent_travel',
  'social.occupation',
  'family.conditions',
];

function seedFields(): FieldMappingRecord[] {
  const canonical = CANONICAL_FIELDS.map((field): FieldMappingRecord => {
    const resource = FHIR_RESOURCES.find((r) => r.targets.some((t) => t.sources.includes(field.name)));
    const target = resource?.targets.find((t) => t.sources.includes(field.name));
    if (!resource || !target) throw new Error(`seed: canonical field ${field.name} has no FHIR element`);
    return { source: field.name, target: target.path, endpoint: resource.resourceType };
  });
  const questions = SEED_QUESTION_LINK_IDS.map((linkId): FieldMappingRecord => ({
    source: `${QUESTION_PREFIX}${linkId}`,
    target: QUESTIONNAIRE_ITEM,
    endpoint: 'QuestionnaireResponse',
  }));
  return [...canonical, ...questions];
}

export function seedFhirSystem(baseUrl: string = FHIR_SEED_BASE_URL): EhrSystemRecord {
  return {
    id: EHR_SYSTEM_IDS.fhir,
    name: 'FHIR R4 (Harbor EHR)',
    baseUrl,
    shared: true,
    ownerOrganizationId: null,
    kind: 'FHIR_R4',
    endpoints: fhirEndpoints(),
    mappings: [
      {
        version: 1,
        publishedAt: SEED_EPOCH,
        publishedBy: 'seed',
        note: 'Initial mapping',
        restoredFrom: null,
        fields: seedFields(),
      },
    ],
  };
}
