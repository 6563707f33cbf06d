import type { AnswerSnapshot, QuestionCategory } from '@carebridge/common';
import type { CanonicalRecord } from '../data/records';
import { CLINICAL_FIELD_CATEGORIES, QUESTION_PREFIX } from '../mapping/build';
import type { FieldMappingLike } from '../mapping/store';

/**
 * Fictional records a FHIR mapping is tried on before it is published, so that a mapping that
 * would produce invalid FHIR R4 is refused before anything is sent: one with every field and every
 * kind of answer (options with and without standard codings, a text, a number, yes/no, a date),
 * and one with only what every patient has. No real patient's data is ever involved.
 */

const patient: CanonicalRecord['patient'] = {
  id: 'synthetic-patient',
  organizationId: 'synthetic-organization',
  mrn: 'MRN-0000',
  firstName: 'Alex',
  lastName: 'Example',
  gender: 'FEMALE',
  dateOfBirth: '1980-01-02',
  phone: '+15550100000',
  email: 'alex@example.org',
  address: { line1: '1 Main St', line2: 'Apt 2', city: 'Springfield', state: 'IL', postalCode: '62701', country: 'US' },
  emergencyContact: { name: 'Sam Example', relationship: 'Spouse', phone: '+15550100001' },
  insurance: { provider: 'Example Health', policyNumber: 'POL-0000' },
  primaryCarePhysician: { id: 'synthetic-physician', displayName: 'Dr. Jamie Example', npi: '1234567893' },
  preferredLanguage: 'ES',
};

function answersOf(category: QuestionCategory): AnswerSnapshot[] {
  const at = category.toLowerCase();
  return [
    {
      linkId: `${at}.coded`,
      category,
      value: ['CODED', 'UNCODED'],
      display: ['Coded option', 'Uncoded option'],
      codings: [
        {
          system: 'http://snomed.info/sct',
          code: '404684003',
          display: { en: 'Clinical finding', es: 'Hallazgo clínico' },
        },
        {
          system: 'https://carebridge.example/fhir/CodeSystem/answer-option',
          code: 'UNCODED',
          display: { en: 'Uncoded option', es: 'Opción sin código' },
        },
      ],
    },
    { linkId: `${at}.legacy`, category, value: ['LEGACY'], display: ['Option without codings'] },
    { linkId: `${at}.text`, category, value: 'A free text', display: ['A free text'] },
    { linkId: `${at}.number`, category, value: 4, display: ['4'] },
    { linkId: `${at}.decimal`, category, value: 1.5, display: ['1.5'] },
    { linkId: `${at}.flag`, category, value: true, display: ['true'] },
    { linkId: `${at}.date`, category, value: '2024-05-06', display: ['2024-05-06'] },
  ];
}

/** The records a mapping is tried on: a complete one (with an answer to each mapped question) and a minimal one. */
export function syntheticRecords(fields: readonly FieldMappingLike[]): CanonicalRecord[] {
  const categories = [...new Set(Object.values(CLINICAL_FIELD_CATEGORIES))];
  const questions = fields
    .filter((f) => f.source.startsWith(QUESTION_PREFIX))
    .map((f, i): AnswerSnapshot => {
      const linkId = f.source.slice(QUESTION_PREFIX.length);
      const kinds = answersOf('SYMPTOMS');
      const { value, display, codings } = kinds[i % kinds.length]!;
      return { linkId, category: 'SYMPTOMS', value, display, ...(codings ? { codings } : {}) };
    });
  const complete: CanonicalRecord = {
    patient,
    answers: [...categories.flatMap(answersOf), ...questions],
    questionnaire: { url: 'https://carebridge.example/fhir/Questionnaire/synthetic', version: '1' },
  };
  const minimal: CanonicalRecord = {
    patient: {
      ...patient,
      phone: null,
      email: null,
      address: null,
      emergencyContact: null,
      insurance: null,
      primaryCarePhysician: null,
      preferredLanguage: 'EN',
    },
    answers: [],
  };
  return [complete, minimal];
}
