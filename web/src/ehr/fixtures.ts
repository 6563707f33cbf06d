import type { MockLink } from '@apollo/client/testing';
import { GraphQLError } from 'graphql';
import type { EhrFieldMappingFieldsFragment, EhrMappingInput } from '../__generated__/graphql';
import type { User } from '../auth/session';
import {
  EhrMappingToolQuery,
  EhrPublishMappingMutation,
  EhrQuestionnairesQuery,
  EhrSystemMappingQuery,
} from './operations';

/** Test data of the mapping tool: an admin, Athena with two endpoints, and its mapping history. */

export const ADMIN: User = {
  id: 'user-admin',
  email: 'admin@riverside.test',
  name: 'Alex Admin',
  organizationId: 'org-riverside',
  role: 'ADMIN',
};

/** Another administrator of the organization, who publishes while the tests' admin edits. */
export const OTHER_ADMIN_ID = 'user-admin-2';

export const ROUTE = '/ehr-mappings';
export const ATHENA = 'ehr-athena';
export const PATIENTS = '/v1/patients';
export const SYMPTOMS = '/v1/patients/{ehrPatientId}/symptoms';

export function field(
  source: string,
  target: string,
  endpoint = PATIENTS,
  transform: EhrFieldMappingFieldsFragment['transform'] = null,
): EhrFieldMappingFieldsFragment {
  return { __typename: 'FieldMapping', source, target, endpoint, transform };
}

/** Version 3, in force: name, gender and dob to the patient endpoint. */
export const MAPPING = [
  field('name', 'PATIENT_IDENT_NAME'),
  field('gender', 'GENDER_OF_PATIENT'),
  field('dob', 'DATE_OF_BIRTH_PATIENT', PATIENTS, {
    __typename: 'ValueTransform',
    kind: 'DATE_FORMAT',
    dateFormat: 'MM/DD/YYYY',
    codes: null,
  }),
];

/** The mapping as `publishEhrMapping` and the preview receive it. */
export function input(fields: readonly EhrFieldMappingFieldsFragment[], note?: string): EhrMappingInput {
  return {
    fields: fields.map(({ source, target, endpoint, transform }) => ({
      source,
      target,
      endpoint,
      ...(transform ? { transform: { kind: transform.kind, dateFormat: transform.dateFormat } } : {}),
    })),
    ...(note ? { note } : {}),
  };
}

/** Who published version `v`: the platform's seed for version 1, the tests' admin after it. */
const byAdmin = (v: number) => (v === 1 ? 'seed' : ADMIN.id);

function history(version: number, by: (v: number) => string) {
  return Array.from({ length: version }, (_, i) => version - i).map((v) => ({
    __typename: 'EhrMapping' as const,
    version: v,
    publishedAt: `2026-0${v}-01T09:30:00Z`,
    publishedBy: by(v),
    note: v === 1 ? null : `Change ${v}`,
    restoredFrom: null,
  }));
}

const CANONICAL = [
  ['name', 'DEMOGRAPHICS', "The patient's full name."],
  ['gender', 'DEMOGRAPHICS', 'Administrative gender.'],
  ['dob', 'DEMOGRAPHICS', 'Date of birth.'],
  ['email', 'DEMOGRAPHICS', 'Email address.'],
  ['symptoms', 'SYMPTOMS', 'Current symptoms, from questionnaire answers.'],
] as const;

export function toolMock(): MockLink.MockedResponse {
  return {
    request: { query: EhrMappingToolQuery, variables: { organizationId: ADMIN.organizationId } },
    result: {
      data: {
        ehrSystems: [
          { __typename: 'EhrSystem', id: 'ehr-allscripts', name: 'Allscripts' },
          { __typename: 'EhrSystem', id: ATHENA, name: 'Athena' },
        ],
        organization: {
          __typename: 'Organization',
          id: ADMIN.organizationId,
          ehrSystem: { __typename: 'EhrSystem', id: ATHENA },
        },
        canonicalFields: CANONICAL.map(([name, category, description]) => ({
          __typename: 'CanonicalField',
          name,
          category,
          description,
        })),
      },
    },
  };
}

const key = (name: string, required = false) => ({ __typename: 'EhrKey', name, required });

/**
 * A system (Athena by default) at `version`, with `fields` in force (version 3's by default) and
 * each version published by `by`.
 */
export function systemMock(
  version = 3,
  fields = MAPPING,
  { id = ATHENA, by = byAdmin }: { id?: string; by?: (v: number) => string } = {},
): MockLink.MockedResponse {
  const mapped = new Set(fields.map((f) => f.source));
  return {
    request: { query: EhrSystemMappingQuery, variables: { id } },
    result: {
      data: {
        ehrSystem: {
          __typename: 'EhrSystem',
          id,
          name: id === ATHENA ? 'Athena' : 'Allscripts',
          endpoints: [
            {
              __typename: 'EhrEndpoint',
              path: PATIENTS,
              categories: ['DEMOGRAPHICS', 'INSURANCE', 'CARE_TEAM'],
              createsPatient: true,
              keys: [
                key('PATIENT_IDENT_NAME', true),
                key('GENDER_OF_PATIENT', true),
                key('DATE_OF_BIRTH_PATIENT', true),
                key('PATIENT_EMAIL_ID'),
              ],
            },
            {
              __typename: 'EhrEndpoint',
              path: SYMPTOMS,
              categories: ['SYMPTOMS'],
              createsPatient: false,
              keys: [key('SYMPTOMS_CURRENT_PATIENT')],
            },
          ],
          mapping: { __typename: 'EhrMapping', version, fields },
          mappingHistory: history(version, by),
          unmappedFields: CANONICAL.filter(([name]) => !mapped.has(name)).map(([name]) => ({
            __typename: 'CanonicalField',
            name,
          })),
        },
      },
    },
  };
}

export function questionnairesMock(unmappedItems = ['cough', 'fever'], ehrSystemId = ATHENA): MockLink.MockedResponse {
  const item = (linkId: string, text: string) => ({
    __typename: 'QuestionnaireItem',
    linkId,
    category: 'SYMPTOMS',
    text,
  });
  return {
    request: { query: EhrQuestionnairesQuery, variables: { ehrSystemId, lang: 'EN' } },
    result: {
      data: {
        questionnaires: [
          {
            __typename: 'Questionnaire',
            id: 'q-intake-1',
            name: 'pre-visit-intake',
            title: 'Pre-visit intake',
            items: [item('cough', 'Do you have a cough?'), item('fever', 'Do you have a fever?')],
            unmappedItems,
          },
        ],
      },
    },
  };
}

/** What the page asks for when it opens. */
export function pageMocks(): MockLink.MockedResponse[] {
  return [toolMock(), systemMock(), questionnairesMock()];
}

/** Publishing `mapping` over `expectedVersion` (the version the draft was started from). */
export function publishMock(
  mapping: EhrMappingInput,
  result: MockLink.MockedResponse['result'],
  { expectedVersion = 3, delay }: { expectedVersion?: number; delay?: number } = {},
): MockLink.MockedResponse {
  return {
    request: { query: EhrPublishMappingMutation, variables: { ehrSystemId: ATHENA, input: mapping, expectedVersion } },
    result,
    ...(delay === undefined ? {} : { delay }),
  };
}

/** The error the server answers when someone published `currentVersion` since `expectedVersion`. */
export function versionConflict(expectedVersion: number, currentVersion: number): MockLink.MockedResponse['result'] {
  return {
    errors: [
      new GraphQLError(
        `EhrMapping "${ATHENA}" was changed by someone else: you edited version ${expectedVersion}, the current version is ${currentVersion}. Reload it and apply your change again.`,
        {
          extensions: {
            code: 'VERSION_CONFLICT',
            typename: 'EhrMapping',
            id: ATHENA,
            expectedVersion,
            currentVersion,
          },
        },
      ),
    ],
  };
}
