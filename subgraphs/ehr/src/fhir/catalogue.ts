import type { DataCategory } from '../__generated__/schema-types';
import type { EndpointRecord } from '../data/records';
import { QUESTION_PREFIX } from '../mapping/build';

/**
 * What a FHIR R4 system accepts, in the mapping model every EHR system shares: each "endpoint" is
 * a resource type, and its keys are the element paths the platform knows how to fill. A field
 * mapping's `endpoint` is the resource type and its `target` one of those paths; each target
 * takes one kind of source (`sources`), which is what the builders of `patient.ts` and
 * `clinical.ts` turn into that element. `Patient.telecom:phone` and `Condition.code:symptom` use
 * FHIR's slice notation: two targets that fill one element in different ways.
 */

/** The one transaction a FHIR system receives per change: a Bundle POSTed to the base URL. */
export const FHIR_TRANSACTION_ENDPOINT = '/';

/** The questionnaire answers of a QuestionnaireResponse: every `question:<linkId>` maps here. */
export const QUESTIONNAIRE_ITEM = 'QuestionnaireResponse.item';

export interface FhirTarget {
  /** The element path, e.g. `Patient.birthDate`. */
  path: string;
  /** The canonical fields it takes; `question:` stands for every `question:<linkId>`. */
  sources: readonly string[];
  /** Whether a value transform (date format, code table) may apply: only to scalar elements. */
  transformable: boolean;
  /** Whether the mapping must map it (the elements a receiving system cannot do without). */
  required?: boolean;
  /** Whether several sources may map to it, each once (the questionnaire's items). */
  repeatable?: boolean;
}

export interface FhirResourceSpec {
  resourceType: string;
  categories: DataCategory[];
  targets: FhirTarget[];
}

const target = (path: string, source: string, transformable = false, required = false): FhirTarget => ({
  path,
  sources: [source],
  transformable,
  ...(required ? { required } : {}),
});

/** The supported resource types, in Bundle order (the Patient first: the others reference it). */
export const FHIR_RESOURCES: readonly FhirResourceSpec[] = [
  {
    resourceType: 'Patient',
    categories: ['DEMOGRAPHICS', 'CARE_TEAM'],
    targets: [
      target('Patient.name', 'name', false, true),
      target('Patient.gender', 'gender', true, true),
      target('Patient.birthDate', 'dob', true, true),
      target('Patient.address', 'address'),
      target('Patient.telecom:phone', 'phone', true),
      target('Patient.telecom:email', 'email', true),
      target('Patient.contact', 'emergencyContact'),
      target('Patient.generalPractitioner', 'primaryCarePhysician'),
    ],
  },
  {
    resourceType: 'Coverage',
    categories: ['INSURANCE'],
    targets: [
      target('Coverage.payor', 'insuranceProvider', true),
      target('Coverage.subscriberId', 'insurancePolicyNumber', true),
    ],
  },
  {
    resourceType: 'AllergyIntolerance',
    categories: ['ALLERGIES'],
    targets: [target('AllergyIntolerance.code', 'allergies')],
  },
  {
    resourceType: 'MedicationStatement',
    categories: ['MEDICATIONS'],
    targets: [target('MedicationStatement.medicationCodeableConcept', 'currentMedications')],
  },
  {
    resourceType: 'Condition',
    categories: ['MEDICAL_HISTORY', 'SYMPTOMS'],
    targets: [
      target('Condition.code:problem-list-item', 'medicalHistory'),
      target('Condition.code:symptom', 'symptoms'),
    ],
  },
  {
    resourceType: 'FamilyMemberHistory',
    categories: ['FAMILY_HISTORY'],
    targets: [target('FamilyMemberHistory.condition', 'familyHistory')],
  },
  {
    resourceType: 'Observation',
    categories: ['SOCIAL_HISTORY'],
    targets: [target('Observation.valueCodeableConcept', 'socialHistory')],
  },
  {
    resourceType: 'QuestionnaireResponse',
    // Its answers are of every category; the categories say where canonical fields go.
    categories: [],
    targets: [{ path: QUESTIONNAIRE_ITEM, sources: [QUESTION_PREFIX], transformable: false, repeatable: true }],
  },
];

const TARGETS = new Map(FHIR_RESOURCES.flatMap((r) => r.targets.map((t) => [`${r.resourceType}\u0000${t.path}`, t])));

/** The target `path` of resource type `endpoint`, if the platform supports it. */
export function fhirTarget(endpoint: string, path: string): FhirTarget | undefined {
  return TARGETS.get(`${endpoint}\u0000${path}`);
}

/** Whether `target` takes `source` (any `question:<linkId>` for the questionnaire's items). */
export function acceptsSource(target: FhirTarget, source: string): boolean {
  return target.sources.some((s) => (s === QUESTION_PREFIX ? source.startsWith(QUESTION_PREFIX) : s === source));
}

/**
 * The endpoints of every FHIR R4 system: one per resource type, keyed by element path. Only the
 * Patient "creates the patient" (its id is learnt from the transaction's answer); the keys a
 * Patient cannot do without are required.
 */
export function fhirEndpoints(): EndpointRecord[] {
  return FHIR_RESOURCES.map((resource) => ({
    path: resource.resourceType,
    categories: [...resource.categories],
    keys: resource.targets.map((t) => ({
      name: t.path,
      required: t.required ?? false,
      ...(t.repeatable ? { repeatable: true } : {}),
    })),
    createsPatient: resource.resourceType === 'Patient',
  }));
}
