import type { MockLink } from '@apollo/client/testing';
import { GraphQLError } from 'graphql';
import type { PatientDetailQueryQuery, PatientDetailTransactions_TransactionFragment } from '../__generated__/graphql';
import { PatientDetailQuestionnairesQuery } from './IntakeLinkPanel';
import { PatientDetailQuery } from './PatientRoute';

type DetailPatient = NonNullable<PatientDetailQueryQuery['patient']>;

/** Test data of the patient page. */
export function transaction(
  overrides: Partial<PatientDetailTransactions_TransactionFragment> = {},
): PatientDetailTransactions_TransactionFragment {
  return {
    __typename: 'EhrTransaction',
    id: 'tx-1',
    status: 'DEAD',
    trigger: 'PATIENT_CREATED',
    endpoint: '/patients',
    method: 'POST',
    attempts: 5,
    mappingVersion: 1,
    lastError: 'EHR answered 422: DATE_OF_BIRTH_PATIENT is required',
    lastErrorCode: null,
    lastErrorCause: null,
    lastErrorHttpStatus: null,
    nextAttemptAt: null,
    createdAt: '2026-03-01T09:00:00Z',
    updatedAt: '2026-03-01T10:00:00Z',
    deliveredAt: null,
    ...overrides,
  };
}

const history = (symptom: string, allergy: string) => ({
  __typename: 'ClinicalHistory' as const,
  symptoms: [symptom],
  allergies: [allergy],
  medications: [],
  medicalHistory: [],
  socialHistory: [],
  familyHistory: [],
});

export function detailPatient(overrides: Partial<DetailPatient> = {}): DetailPatient {
  return {
    __typename: 'Patient',
    id: 'pt-1',
    mrn: 'MRN-0001',
    firstName: 'Ana',
    lastName: 'García',
    gender: 'FEMALE',
    dateOfBirth: '1980-02-29',
    phone: '+1 555 010 2030',
    email: 'ana@example.com',
    address: {
      __typename: 'Address',
      line1: '12 Main St',
      line2: null,
      city: 'Springfield',
      state: 'IL',
      postalCode: '62701',
      country: 'US',
    },
    emergencyContact: {
      __typename: 'EmergencyContact',
      name: 'Luis García',
      relationship: 'spouse',
      phone: '+1 555 010 9999',
    },
    insurance: { __typename: 'Insurance', provider: 'Blue Shield', policyNumber: 'BS-123' },
    preferredLanguage: 'ES',
    primaryCarePhysician: {
      __typename: 'Provider',
      id: 'prov-1',
      displayName: 'Dr. Maya Okafor',
      specialty: 'Family Medicine',
    },
    organization: { __typename: 'Organization', id: 'org-riverside' },
    ehrSystem: { __typename: 'EhrSystem', id: 'ehr-athena', name: 'Athena' },
    createdAt: '2026-02-01T08:00:00Z',
    updatedAt: '2026-02-02T08:00:00Z',
    historyEn: history('Headache', 'Penicillin'),
    historyEs: history('Dolor de cabeza', 'Penicilina'),
    questionnaireResponses: [
      {
        __typename: 'QuestionnaireResponse',
        id: 'resp-1',
        language: 'ES',
        submittedAt: '2026-03-01T08:30:00Z',
        submittedBy: 'patient',
        questionnaire: {
          __typename: 'Questionnaire',
          id: 'q-1',
          version: 2,
          titleEn: 'Pre-visit intake',
          titleEs: 'Admisión previa a la visita',
        },
        answers: [
          {
            __typename: 'Answer',
            linkId: 'smoker',
            item: {
              __typename: 'QuestionnaireItem',
              linkId: 'smoker',
              textEn: 'Do you smoke?',
              textEs: '¿Fuma?',
              labelEn: null,
              labelEs: null,
            },
            valueNumber: null,
            valueDate: null,
            displayEn: 'No',
            displayEs: 'No',
          },
          {
            __typename: 'Answer',
            linkId: 'allergies',
            item: {
              __typename: 'QuestionnaireItem',
              linkId: 'allergies',
              textEn: 'Which allergies do you have?',
              textEs: '¿Qué alergias tiene?',
              labelEn: null,
              labelEs: null,
            },
            valueNumber: null,
            valueDate: null,
            displayEn: 'Penicillin',
            displayEs: 'Penicilina',
          },
        ],
      },
    ],
    ehrPreview: [
      {
        __typename: 'EhrRequest',
        endpoint: '/patients',
        method: 'POST',
        payload: { FIRST_NAME_PATIENT: 'Ana', DATE_OF_BIRTH_PATIENT: '02/29/1980', ALLERGY_CODES: ['PENICILLIN'] },
      },
    ],
    ehrTransactions: [
      transaction({
        id: 'tx-2',
        status: 'DELIVERED',
        trigger: 'RESPONSE_SUBMITTED',
        endpoint: '/patients/E-77/allergies',
        attempts: 1,
        lastError: null,
        deliveredAt: '2026-03-01T08:31:00Z',
      }),
      transaction(),
    ],
    ...overrides,
  };
}

const VARIABLES = { id: 'pt-1', organizationId: 'org-riverside' };

/** The page's query answering `patient` (null for none), optionally with GraphQL errors. */
export function detailMock(
  patient: DetailPatient | null = detailPatient(),
  errors?: GraphQLError[],
): MockLink.MockedResponse {
  return {
    request: { query: PatientDetailQuery, variables: VARIABLES },
    result: {
      data: {
        organization: { __typename: 'Organization', id: 'org-riverside', name: 'Riverside Hospital' },
        patient,
      },
      ...(errors ? { errors } : {}),
    },
  };
}

export function detailErrorMock(): MockLink.MockedResponse {
  return { request: { query: PatientDetailQuery, variables: VARIABLES }, error: new Error('network down') };
}

export function graphQLError(message: string, path: (string | number)[], code: string): GraphQLError {
  return new GraphQLError(message, { path, extensions: { code } });
}

export const questionnairesMock: MockLink.MockedResponse = {
  request: { query: PatientDetailQuestionnairesQuery },
  result: {
    data: {
      questionnaires: [
        {
          __typename: 'Questionnaire',
          id: 'q-1',
          name: 'pre-visit-intake',
          version: 2,
          status: 'ACTIVE',
          titleEn: 'Pre-visit intake',
          titleEs: 'Admisión previa a la visita',
        },
        {
          __typename: 'Questionnaire',
          id: 'q-2',
          name: 'allergy-follow-up',
          version: 1,
          status: 'ACTIVE',
          titleEn: 'Allergy follow-up',
          titleEs: 'Seguimiento de alergias',
        },
      ],
    },
  },
  maxUsageCount: Number.POSITIVE_INFINITY,
};
