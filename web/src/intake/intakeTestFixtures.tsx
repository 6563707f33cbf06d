/** Shared by the intake page's tests: a questionnaire with one question of each type, and the gateway's answers. */
import { screen, within } from '@testing-library/react';
import type { MockLink } from '@apollo/client/testing';
import { GraphQLError } from 'graphql';
import type { AnswerInput } from '../__generated__/graphql';
import { setup, type AuthHandler, type FakeResponse } from '../test/setup-app';
import { IntakeSubmitMutation } from './IntakeForm';
import { IntakeQuestionnaireQuery } from './IntakeRoute';

/** A short link's id, as the gateway makes them; the gateway exchanges it for TOKEN. */
export const LINK_ID = 'q3V8Xw2kLp0aZ9yTn4Rb7g';
export const ROUTE = `/intake/${LINK_ID}`;
export const TOKEN = 'intake-token-1';
export const VALID = {
  status: 'VALID',
  token: TOKEN,
  tokenExpiresAt: '2099-01-01T10:00:00.000Z',
  expiresAt: '2099-01-03T09:00:00.000Z',
  patientId: 'pt-1',
  questionnaireId: 'q-1',
  organizationName: 'Riverside Clinic',
};

/** The gateway's answer to opening the link (`POST /auth/intake-links/open`). */
export const opens =
  (answer: FakeResponse = { status: 200, body: VALID }): AuthHandler =>
  (path) =>
    path === '/auth/intake-links/open' ? answer : { status: 401, body: { code: 'UNAUTHENTICATED' } };

const option = (code: string, en: string, es: string) => ({
  __typename: 'AnswerOption' as const,
  code,
  labelEn: en,
  labelEs: es,
});
const item = (
  linkId: string,
  type: string,
  required: boolean,
  en: string,
  es: string,
  options: ReturnType<typeof option>[] = [],
) => ({
  __typename: 'QuestionnaireItem' as const,
  linkId,
  type,
  required,
  textEn: en,
  textEs: es,
  minValue: type === 'NUMBER' ? 1 : null,
  maxValue: type === 'NUMBER' ? 300 : null,
  integerOnly: false,
  maxLength: type === 'TEXT' ? 40 : null,
  options,
});

export const questionnaire = {
  __typename: 'Questionnaire',
  id: 'q-1',
  titleEn: 'Pre-visit intake',
  titleEs: 'Admisión previa a la visita',
  items: [
    item('smoker', 'BOOLEAN', true, 'Do you smoke?', '¿Fuma?'),
    item('pain', 'SINGLE_CHOICE', true, 'How bad is the pain?', '¿Cuánto le duele?', [
      option('MILD', 'Mild', 'Leve'),
      option('SEVERE', 'Severe', 'Fuerte'),
    ]),
    item('allergies', 'MULTIPLE_CHOICE', false, 'Which allergies do you have?', '¿Qué alergias tiene?', [
      option('PENICILLIN', 'Penicillin', 'Penicilina'),
      option('LATEX', 'Latex', 'Látex'),
      option('NONE', 'None', 'Ninguna'),
    ]),
    item('notes', 'TEXT', false, 'Anything else?', '¿Algo más?'),
    item('weight', 'NUMBER', false, 'Weight in kg', 'Peso en kg'),
    item('lastVisit', 'DATE', false, 'Date of your last visit', 'Fecha de su última visita'),
  ],
};

export const questionnaireMock = (result: MockLink.MockedResponse['result'] = { data: { questionnaire } }) => ({
  request: { query: IntakeQuestionnaireQuery, variables: { id: 'q-1' } },
  result,
});

export const submitMock = (
  answers: AnswerInput[],
  response: Pick<MockLink.MockedResponse, 'result' | 'error'>,
): MockLink.MockedResponse => ({
  request: {
    query: IntakeSubmitMutation,
    variables: { input: { patientId: 'pt-1', questionnaireId: 'q-1', language: 'EN', answers } },
  },
  ...response,
});

export const submitted = {
  data: {
    submitQuestionnaireResponse: {
      __typename: 'QuestionnaireResponse',
      id: 'resp-9',
      submittedAt: '2026-03-01T09:00:00Z',
    },
  },
};
export const REQUIRED_ANSWERS: AnswerInput[] = [
  { linkId: 'smoker', valueBoolean: false },
  { linkId: 'pain', valueCodes: ['MILD'] },
];

export async function openForm(mocks: MockLink.MockedResponse[] = []) {
  const view = setup({ route: ROUTE, user: null, mocks: [questionnaireMock(), ...mocks], auth: opens() });
  await screen.findByRole('heading', { level: 1, name: 'Pre-visit intake' });
  return view;
}

/** The submit answers these GraphQL errors. */
export const refusedWith = (message: string, extensions: Record<string, unknown>) =>
  submitMock(REQUIRED_ANSWERS, { result: { errors: [new GraphQLError(message, { extensions })] } });

export async function answerRequired(user: ReturnType<typeof setup>['user']) {
  await user.click(within(screen.getByRole('group', { name: /Do you smoke\?/ })).getByRole('radio', { name: 'No' }));
  await user.click(screen.getByRole('radio', { name: 'Mild' }));
}
