import type { CodeSets, ElementRule, Elements } from './structure';

/**
 * The FHIR R4 resource types the sandbox stores, as data: their elements (R4 cardinalities and
 * types, backbone elements where a required child matters), the codes of their required-binding
 * `code` elements, the reference search parameters that find a patient's resources, and the prefix
 * of the ids the sandbox assigns. Another resource type is one more entry here.
 */

export interface ResourceDefinition {
  elements: Elements;
  codes?: CodeSets;
  /** Reference search parameters (`patient`, `subject`, …) → the element they search. */
  references: Readonly<Record<string, string>>;
  /** Ids are `<prefix>-000001`, … */
  idPrefix: string;
}

/** What every resource may carry besides its own elements. */
const RESOURCE: Elements = {
  id: '0..1 id',
  meta: '0..1 Meta',
  implicitRules: '0..1 uri',
  language: '0..1 code',
  text: '0..1 object',
  contained: '0..* object',
};

const withResource = (elements: Elements): Elements => ({ ...RESOURCE, ...elements });

const onset = '0..1 dateTime|Age|Period|Range|string';

// An item and each of its answers may hold nested items, to any depth.
const questionnaireItem: Record<string, ElementRule> = {
  linkId: '1..1 string',
  definition: '0..1 uri',
  text: '0..1 string',
};
const questionnaireAnswer: Record<string, ElementRule> = {
  'value[x]': '0..1 boolean|decimal|integer|date|dateTime|time|string|uri|Attachment|Coding|Quantity|Reference',
  item: { card: '0..*', elements: questionnaireItem },
};
questionnaireItem['answer'] = { card: '0..*', elements: questionnaireAnswer };
questionnaireItem['item'] = { card: '0..*', elements: questionnaireItem };

export const resourceDefinitions: Readonly<Record<string, ResourceDefinition>> = {
  Patient: {
    idPrefix: 'pat',
    references: {},
    elements: withResource({
      identifier: '0..* Identifier',
      active: '0..1 boolean',
      name: '0..* HumanName',
      telecom: '0..* ContactPoint',
      gender: '0..1 code',
      birthDate: '0..1 date',
      'deceased[x]': '0..1 boolean|dateTime',
      address: '0..* Address',
      maritalStatus: '0..1 CodeableConcept',
      'multipleBirth[x]': '0..1 boolean|integer',
      photo: '0..* object',
      contact: {
        card: '0..*',
        elements: {
          relationship: '0..* CodeableConcept',
          name: '0..1 HumanName',
          telecom: '0..* ContactPoint',
          address: '0..1 Address',
          gender: '0..1 code',
          organization: '0..1 Reference',
          period: '0..1 Period',
        },
      },
      communication: { card: '0..*', elements: { language: '1..1 CodeableConcept', preferred: '0..1 boolean' } },
      generalPractitioner: '0..* Reference',
      managingOrganization: '0..1 Reference',
      link: { card: '0..*', elements: { other: '1..1 Reference', type: '1..1 code' } },
    }),
    codes: {
      gender: ['male', 'female', 'other', 'unknown'],
      'contact.gender': ['male', 'female', 'other', 'unknown'],
      'link.type': ['replaced-by', 'replaces', 'refer', 'seealso'],
    },
  },
  Coverage: {
    idPrefix: 'cov',
    references: { patient: 'beneficiary', beneficiary: 'beneficiary' },
    elements: withResource({
      identifier: '0..* Identifier',
      status: '1..1 code',
      type: '0..1 CodeableConcept',
      policyHolder: '0..1 Reference',
      subscriber: '0..1 Reference',
      subscriberId: '0..1 string',
      beneficiary: '1..1 Reference',
      dependent: '0..1 string',
      relationship: '0..1 CodeableConcept',
      period: '0..1 Period',
      payor: '1..* Reference',
      class: '0..* object',
      order: '0..1 positiveInt',
      network: '0..1 string',
      costToBeneficiary: '0..* object',
      subrogation: '0..1 boolean',
      contract: '0..* Reference',
    }),
    codes: { status: ['active', 'cancelled', 'draft', 'entered-in-error'] },
  },
  AllergyIntolerance: {
    idPrefix: 'alg',
    references: { patient: 'patient' },
    elements: withResource({
      identifier: '0..* Identifier',
      clinicalStatus: '0..1 CodeableConcept',
      verificationStatus: '0..1 CodeableConcept',
      type: '0..1 code',
      category: '0..* code',
      criticality: '0..1 code',
      code: '0..1 CodeableConcept',
      patient: '1..1 Reference',
      encounter: '0..1 Reference',
      'onset[x]': onset,
      recordedDate: '0..1 dateTime',
      recorder: '0..1 Reference',
      asserter: '0..1 Reference',
      lastOccurrence: '0..1 dateTime',
      note: '0..* Annotation',
      reaction: '0..* object',
    }),
    codes: {
      type: ['allergy', 'intolerance'],
      category: ['food', 'medication', 'environment', 'biologic'],
      criticality: ['low', 'high', 'unable-to-assess'],
    },
  },
  MedicationStatement: {
    idPrefix: 'med',
    references: { patient: 'subject', subject: 'subject' },
    elements: withResource({
      identifier: '0..* Identifier',
      basedOn: '0..* Reference',
      partOf: '0..* Reference',
      status: '1..1 code',
      statusReason: '0..* CodeableConcept',
      category: '0..1 CodeableConcept',
      'medication[x]': '1..1 CodeableConcept|Reference',
      subject: '1..1 Reference',
      context: '0..1 Reference',
      'effective[x]': '0..1 dateTime|Period',
      dateAsserted: '0..1 dateTime',
      informationSource: '0..1 Reference',
      derivedFrom: '0..* Reference',
      reasonCode: '0..* CodeableConcept',
      reasonReference: '0..* Reference',
      note: '0..* Annotation',
      dosage: '0..* object',
    }),
    codes: {
      status: ['active', 'completed', 'entered-in-error', 'intended', 'stopped', 'on-hold', 'unknown', 'not-taken'],
    },
  },
  Condition: {
    idPrefix: 'cnd',
    references: { patient: 'subject', subject: 'subject' },
    elements: withResource({
      identifier: '0..* Identifier',
      clinicalStatus: '0..1 CodeableConcept',
      verificationStatus: '0..1 CodeableConcept',
      category: '0..* CodeableConcept',
      severity: '0..1 CodeableConcept',
      code: '0..1 CodeableConcept',
      bodySite: '0..* CodeableConcept',
      subject: '1..1 Reference',
      encounter: '0..1 Reference',
      'onset[x]': onset,
      'abatement[x]': onset,
      recordedDate: '0..1 dateTime',
      recorder: '0..1 Reference',
      asserter: '0..1 Reference',
      stage: '0..* object',
      evidence: '0..* object',
      note: '0..* Annotation',
    }),
  },
  FamilyMemberHistory: {
    idPrefix: 'fmh',
    references: { patient: 'patient' },
    elements: withResource({
      identifier: '0..* Identifier',
      instantiatesCanonical: '0..* canonical',
      instantiatesUri: '0..* uri',
      status: '1..1 code',
      dataAbsentReason: '0..1 CodeableConcept',
      patient: '1..1 Reference',
      date: '0..1 dateTime',
      name: '0..1 string',
      relationship: '1..1 CodeableConcept',
      sex: '0..1 CodeableConcept',
      'born[x]': '0..1 Period|date|string',
      'age[x]': '0..1 Age|Range|string',
      estimatedAge: '0..1 boolean',
      'deceased[x]': '0..1 boolean|Age|Range|date|string',
      reasonCode: '0..* CodeableConcept',
      reasonReference: '0..* Reference',
      note: '0..* Annotation',
      condition: {
        card: '0..*',
        elements: {
          code: '1..1 CodeableConcept',
          outcome: '0..1 CodeableConcept',
          contributedToDeath: '0..1 boolean',
          'onset[x]': '0..1 Age|Range|Period|string',
          note: '0..* Annotation',
        },
      },
    }),
    codes: { status: ['partial', 'completed', 'entered-in-error', 'health-unknown'] },
  },
  Observation: {
    idPrefix: 'obs',
    references: { patient: 'subject', subject: 'subject' },
    elements: withResource({
      identifier: '0..* Identifier',
      basedOn: '0..* Reference',
      partOf: '0..* Reference',
      status: '1..1 code',
      category: '0..* CodeableConcept',
      code: '1..1 CodeableConcept',
      subject: '0..1 Reference',
      focus: '0..* Reference',
      encounter: '0..1 Reference',
      'effective[x]': '0..1 dateTime|Period|Timing|instant',
      issued: '0..1 instant',
      performer: '0..* Reference',
      'value[x]': '0..1 Quantity|CodeableConcept|string|boolean|integer|Range|Ratio|SampledData|time|dateTime|Period',
      dataAbsentReason: '0..1 CodeableConcept',
      interpretation: '0..* CodeableConcept',
      note: '0..* Annotation',
      bodySite: '0..1 CodeableConcept',
      method: '0..1 CodeableConcept',
      specimen: '0..1 Reference',
      device: '0..1 Reference',
      referenceRange: '0..* object',
      hasMember: '0..* Reference',
      derivedFrom: '0..* Reference',
      component: {
        card: '0..*',
        elements: {
          code: '1..1 CodeableConcept',
          'value[x]':
            '0..1 Quantity|CodeableConcept|string|boolean|integer|Range|Ratio|SampledData|time|dateTime|Period',
          dataAbsentReason: '0..1 CodeableConcept',
          interpretation: '0..* CodeableConcept',
          referenceRange: '0..* object',
        },
      },
    }),
    codes: {
      status: [
        'registered',
        'preliminary',
        'final',
        'amended',
        'corrected',
        'cancelled',
        'entered-in-error',
        'unknown',
      ],
    },
  },
  QuestionnaireResponse: {
    idPrefix: 'qr',
    references: { patient: 'subject', subject: 'subject' },
    elements: withResource({
      identifier: '0..1 Identifier',
      basedOn: '0..* Reference',
      partOf: '0..* Reference',
      questionnaire: '0..1 canonical',
      status: '1..1 code',
      subject: '0..1 Reference',
      encounter: '0..1 Reference',
      authored: '0..1 dateTime',
      author: '0..1 Reference',
      source: '0..1 Reference',
      item: { card: '0..*', elements: questionnaireItem },
    }),
    codes: { status: ['in-progress', 'completed', 'amended', 'entered-in-error', 'stopped'] },
  },
};

export const RESOURCE_TYPES = Object.keys(resourceDefinitions);

export function definitionOf(type: string): ResourceDefinition | undefined {
  return Object.hasOwn(resourceDefinitions, type) ? resourceDefinitions[type] : undefined;
}
