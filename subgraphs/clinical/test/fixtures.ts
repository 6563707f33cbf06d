import {
  bearerToken,
  SEED_PATIENT_COUNT,
  seedPatientId,
  seedPatientOrganizationId,
  type TokenVerifier,
} from '@carebridge/common';
import type { QuestionnaireInput, QuestionnaireResponseInput } from '../src/__generated__/schema-types';
import type { PatientDirectory } from '../src/data/patients';
import type { QuestionnaireRecord } from '../src/data/records';
import { validateQuestionnaireInput } from '../src/data/validation';

/** A small questionnaire with one question of each type, for tests that need exact control. */
export const FIXTURE_INPUT: QuestionnaireInput = {
  name: 'fixture-intake',
  title: { en: 'Fixture', es: 'Prueba' },
  items: [
    {
      linkId: 'q.symptoms',
      category: 'SYMPTOMS',
      type: 'MULTIPLE_CHOICE',
      required: true,
      text: { en: 'Symptoms?', es: '¿Síntomas?' },
      options: [
        { code: 'COUGH', label: { en: 'Cough', es: 'Tos' } },
        {
          code: 'FEVER',
          label: { en: 'Fever', es: 'Fiebre' },
          coding: { system: 'http://snomed.info/sct', code: '386661006' },
        },
        { code: 'NONE', label: { en: 'None of these', es: 'Ninguno de estos' } },
      ],
    },
    {
      linkId: 'q.tobacco',
      category: 'SOCIAL_HISTORY',
      type: 'SINGLE_CHOICE',
      text: { en: 'Tobacco?', es: '¿Tabaco?' },
      options: [
        { code: 'NEVER', label: { en: 'Never used tobacco', es: 'Nunca ha consumido tabaco' } },
        { code: 'CURRENT', label: { en: 'Uses tobacco now', es: 'Consume tabaco actualmente' } },
      ],
    },
    { linkId: 'q.travel', category: 'SOCIAL_HISTORY', type: 'BOOLEAN', text: { en: 'Travel?', es: '¿Viaje?' } },
    { linkId: 'q.other', category: 'SYMPTOMS', type: 'TEXT', text: { en: 'Other?', es: '¿Otros?' } },
    { linkId: 'q.pain', category: 'SYMPTOMS', type: 'NUMBER', text: { en: 'Pain (0-10)', es: 'Dolor (0-10)' } },
    { linkId: 'q.checkup', category: 'MEDICAL_HISTORY', type: 'DATE', text: { en: 'Check-up', es: 'Chequeo' } },
  ],
};

export function fixtureQuestionnaire(overrides: Partial<QuestionnaireRecord> = {}): QuestionnaireRecord {
  const { definition } = validateQuestionnaireInput(FIXTURE_INPUT);
  return {
    ...definition,
    id: 'qn-fixture-v1',
    organizationId: null,
    version: 1,
    status: 'ACTIVE',
    publishedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

export const NOW = new Date('2026-03-01T12:00:00.000Z');

export function responseInput(answers: QuestionnaireResponseInput['answers']): QuestionnaireResponseInput {
  return { patientId: 'pt-00001', questionnaireId: 'qn-fixture-v1', language: 'EN', answers };
}

/** The organization of every seeded patient, as the patient subgraph seeds them. */
export const SEEDED_PATIENT_ORGANIZATIONS: Readonly<Record<string, string>> = Object.fromEntries(
  Array.from({ length: SEED_PATIENT_COUNT }, (_, i) => [seedPatientId(i), seedPatientOrganizationId(i)]),
);

export interface FakeDirectory extends PatientDirectory {
  /** Every question asked, in order: which patient, and whether the caller's token came along. */
  readonly calls: { patientId: string; organizationId: string | undefined }[];
}

/**
 * Stands in for the patient subgraph behind the gateway: a patient is visible when the caller's
 * token (verified as the gateway would) is staff of the patient's organization. Knows the seeded
 * patients plus `extra` (patient id → organization id).
 */
export function fakeDirectory(verifier: TokenVerifier, extra: Record<string, string> = {}): FakeDirectory {
  const organizations: Record<string, string> = { ...SEEDED_PATIENT_ORGANIZATIONS, ...extra };
  const calls: FakeDirectory['calls'] = [];
  return {
    calls,
    async isVisible(patientId, authorization) {
      const token = bearerToken({ authorization });
      const verified = token ? await verifier(token) : undefined;
      const organizationId =
        verified?.ok && verified.viewer.kind === 'staff' ? verified.viewer.organizationId : undefined;
      calls.push({ patientId, organizationId });
      return organizationId !== undefined && organizations[patientId] === organizationId;
    },
  };
}
