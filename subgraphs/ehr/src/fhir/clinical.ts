import type { Language } from '@carebridge/common';
import type {
  CodeableConcept,
  Patient,
  QuestionnaireResponse,
  QuestionnaireResponseItemAnswer,
  Reference,
  Resource,
} from '@medplum/fhirtypes';
import type { CanonicalRecord, FieldMappingRecord } from '../data/records';
import { CLINICAL_FIELD_CATEGORIES, QUESTION_PREFIX } from '../mapping/build';
import { answerItems, conceptOf, QUESTION_SYSTEM, reported, type AnswerItem, type ReportedItem } from './codings';

/**
 * The clinical resources of a mapping: one resource per reported item of a category (each chosen
 * option other than "none", each free text), and one QuestionnaireResponse with the answers of the
 * mapped questions. Numbers, yes/no and dates are only in the QuestionnaireResponse, except in
 * social history, whose Observation can hold them.
 */

const CONDITION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/condition-category';
/** The platform's Condition category for what the patient reports feeling now. */
const SYMPTOM_CATEGORY = 'https://carebridge.example/fhir/CodeSystem/condition-category';
const ACTIVE_CONDITION: CodeableConcept = {
  coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }],
};
const ACTIVE_ALLERGY: CodeableConcept = {
  coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }],
};
const FAMILY_MEMBER: CodeableConcept = {
  coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'FAMMEMB', display: 'family member' }],
};
const SOCIAL_HISTORY: CodeableConcept = {
  coding: [
    {
      system: 'http://terminology.hl7.org/CodeSystem/observation-category',
      code: 'social-history',
      display: 'Social History',
    },
  ],
};

type Subject = Reference<Patient>;
type Build = (item: AnswerItem, subject: Subject) => Resource | undefined;

/** Builds a resource from a reported item only; other items make none. */
const ofReported =
  (build: (item: ReportedItem, subject: Subject) => Resource): Build =>
  (item, subject) => {
    const report = reported(item);
    return report ? build(report, subject) : undefined;
  };

const condition = (category: CodeableConcept): Build =>
  ofReported((item, subject) => ({
    resourceType: 'Condition',
    clinicalStatus: ACTIVE_CONDITION,
    category: [category],
    code: conceptOf(item),
    subject,
  }));

/** The resource each clinical target makes of one item of its category. */
const CLINICAL_TARGETS: Readonly<Record<string, Build>> = {
  'AllergyIntolerance.code': ofReported((item, patient) => ({
    resourceType: 'AllergyIntolerance',
    clinicalStatus: ACTIVE_ALLERGY,
    code: conceptOf(item),
    patient,
  })),
  'MedicationStatement.medicationCodeableConcept': ofReported((item, subject) => ({
    resourceType: 'MedicationStatement',
    status: 'active',
    medicationCodeableConcept: conceptOf(item),
    subject,
  })),
  'Condition.code:problem-list-item': condition({
    coding: [{ system: CONDITION_CATEGORY, code: 'problem-list-item', display: 'Problem List Item' }],
  }),
  'Condition.code:symptom': condition({ coding: [{ system: SYMPTOM_CATEGORY, code: 'symptom', display: 'Symptom' }] }),
  'FamilyMemberHistory.condition': ofReported((item, patient) => ({
    resourceType: 'FamilyMemberHistory',
    status: 'completed',
    patient,
    relationship: FAMILY_MEMBER,
    condition: [{ code: conceptOf(item) }],
  })),
  'Observation.valueCodeableConcept': (item, subject) => {
    const base = {
      resourceType: 'Observation' as const,
      status: 'final' as const,
      category: [SOCIAL_HISTORY],
      code: { coding: [{ system: QUESTION_SYSTEM, code: item.linkId }] },
      subject,
    };
    const report = reported(item);
    if (report) return { ...base, valueCodeableConcept: conceptOf(report) };
    if (item.kind !== 'value') return undefined;
    const { value } = item;
    if (typeof value === 'boolean') return { ...base, valueBoolean: value };
    if (typeof value === 'number') {
      return Number.isInteger(value) ? { ...base, valueInteger: value } : { ...base, valueQuantity: { value } };
    }
    return { ...base, valueDateTime: value };
  },
};

/** One resource made from one answer item, and the item (its key makes the resource's identity). */
export interface ClinicalResource {
  item: AnswerItem;
  resource: Resource;
}

/** The resources a clinical field makes: one per item of the answers of its category. */
export function clinicalResources(
  record: CanonicalRecord,
  field: FieldMappingRecord,
  language: Language,
  subject: Subject,
): ClinicalResource[] {
  const build = CLINICAL_TARGETS[field.target];
  const category = CLINICAL_FIELD_CATEGORIES[field.source];
  if (!build || !category) return [];
  return record.answers
    .filter((answer) => answer.category === category)
    .flatMap((answer) => answerItems(answer, language))
    .flatMap((item) => {
      const resource = build(item, subject);
      return resource ? [{ item, resource }] : [];
    });
}

function answerOf(item: AnswerItem): QuestionnaireResponseItemAnswer {
  switch (item.kind) {
    case 'code':
      return { valueCoding: item.coding };
    case 'text':
      return { valueString: item.text };
    case 'value':
      if (typeof item.value === 'boolean') return { valueBoolean: item.value };
      if (typeof item.value === 'number') {
        return Number.isInteger(item.value) ? { valueInteger: item.value } : { valueDecimal: item.value };
      }
      return { valueDate: item.value };
  }
}

/**
 * The QuestionnaireResponse of the mapped questions the patient answered, in mapping order: status
 * completed, for the patient, referencing the questionnaire by its canonical `url|version` when the
 * record knows it. Undefined when none of the mapped questions has an answer.
 */
export function questionnaireResponse(
  record: CanonicalRecord,
  fields: readonly FieldMappingRecord[],
  language: Language,
  subject: Subject,
): QuestionnaireResponse | undefined {
  const item = fields.flatMap((field) => {
    const linkId = field.source.slice(QUESTION_PREFIX.length);
    const answer = record.answers.find((a) => a.linkId === linkId);
    const items = answer ? answerItems(answer, language) : [];
    return items.length === 0 ? [] : [{ linkId, answer: items.map(answerOf) }];
  });
  if (item.length === 0) return undefined;
  const { questionnaire } = record;
  return {
    resourceType: 'QuestionnaireResponse',
    ...(questionnaire ? { questionnaire: `${questionnaire.url}|${questionnaire.version}` } : {}),
    status: 'completed',
    subject,
    item,
  };
}
