import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { MockLink } from '@apollo/client/testing';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { AnswerInput } from '../__generated__/graphql';
import { setup, type AuthHandler, type FakeResponse } from '../test/setup-app';
import { IntakeSubmitMutation } from './IntakeForm';
import { IntakeQuestionnaireQuery } from './IntakeRoute';

/** A short link's id, as the gateway makes them; the gateway exchanges it for TOKEN. */
const LINK_ID = 'q3V8Xw2kLp0aZ9yTn4Rb7g';
const ROUTE = `/intake/${LINK_ID}`;
const TOKEN = 'intake-token-1';
const VALID = {
  status: 'VALID',
  token: TOKEN,
  tokenExpiresAt: '2099-01-01T10:00:00.000Z',
  expiresAt: '2099-01-03T09:00:00.000Z',
  patientId: 'pt-1',
  questionnaireId: 'q-1',
  organizationName: 'Riverside Clinic',
};

/** The gateway's answer to opening the link (`POST /auth/intake-links/open`). */
const opens =
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

const questionnaire = {
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

const questionnaireMock = (result: MockLink.MockedResponse['result'] = { data: { questionnaire } }) => ({
  request: { query: IntakeQuestionnaireQuery, variables: { id: 'q-1' } },
  result,
});

const submitMock = (
  answers: AnswerInput[],
  response: Pick<MockLink.MockedResponse, 'result' | 'error'>,
): MockLink.MockedResponse => ({
  request: {
    query: IntakeSubmitMutation,
    variables: { input: { patientId: 'pt-1', questionnaireId: 'q-1', language: 'EN', answers } },
  },
  ...response,
});

const submitted = {
  data: {
    submitQuestionnaireResponse: {
      __typename: 'QuestionnaireResponse',
      id: 'resp-9',
      submittedAt: '2026-03-01T09:00:00Z',
    },
  },
};
const REQUIRED_ANSWERS: AnswerInput[] = [
  { linkId: 'smoker', valueBoolean: false },
  { linkId: 'pain', valueCodes: ['MILD'] },
];

async function openForm(mocks: MockLink.MockedResponse[] = []) {
  const view = setup({ route: ROUTE, user: null, mocks: [questionnaireMock(), ...mocks], auth: opens() });
  await screen.findByRole('heading', { level: 1, name: 'Pre-visit intake' });
  return view;
}

/** The submit answers these GraphQL errors. */
const refusedWith = (message: string, extensions: Record<string, unknown>) =>
  submitMock(REQUIRED_ANSWERS, { result: { errors: [new GraphQLError(message, { extensions })] } });

async function answerRequired(user: ReturnType<typeof setup>['user']) {
  await user.click(within(screen.getByRole('group', { name: /Do you smoke\?/ })).getByRole('radio', { name: 'No' }));
  await user.click(screen.getByRole('radio', { name: 'Mild' }));
}

describe('intake page', () => {
  it('loads the questionnaire with one control per question type, required ones marked', async () => {
    setup({ route: ROUTE, user: null, mocks: [questionnaireMock()], auth: opens() });
    expect(await screen.findByText('Loading your questionnaire…')).toHaveAttribute('role', 'status');
    await screen.findByRole('heading', { level: 1, name: 'Pre-visit intake' });

    const smoker = screen.getByRole('group', { name: 'Do you smoke? (required)' });
    expect(within(smoker).getByRole('radio', { name: 'Yes' })).toHaveAttribute('type', 'radio');
    expect(within(smoker).getByRole('radio', { name: 'No' })).not.toBeChecked();
    const pain = screen.getByRole('group', { name: 'How bad is the pain? (required)' });
    expect(within(pain).getAllByRole('radio')).toHaveLength(2);
    const allergies = screen.getByRole('group', { name: 'Which allergies do you have?' });
    expect(within(allergies).getAllByRole('checkbox')).toHaveLength(3);
    expect(screen.getByRole('textbox', { name: 'Anything else?' }).tagName).toBe('TEXTAREA');
    expect(screen.getByRole('textbox', { name: 'Weight in kg' })).toHaveAttribute('inputmode', 'decimal');
    expect(screen.getByText('From Riverside Clinic')).toBeInTheDocument();
    expect(screen.getByLabelText('Date of your last visit')).toHaveAttribute('type', 'date');
    expect(screen.getByText('0 of 6 answered')).toBeInTheDocument();
    expect(screen.queryByRole('navigation')).not.toBeInTheDocument();
  });

  it('counts the answered questions', async () => {
    const { user } = await openForm();
    await answerRequired(user);
    await user.click(screen.getByRole('checkbox', { name: 'Latex' }));
    expect(screen.getByText('3 of 6 answered')).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: '3 of 6 answered' })).toHaveAttribute('value', '3');

    await user.click(screen.getByRole('checkbox', { name: 'Latex' }));
    expect(screen.getByText('2 of 6 answered')).toBeInTheDocument();
  });

  it('switches the questions to Spanish, keeping the answers', async () => {
    const { user } = await openForm();
    await user.click(screen.getByRole('radio', { name: 'Mild' }));

    await user.click(within(screen.getByRole('group', { name: 'Language' })).getByRole('button', { name: 'Español' }));

    expect(screen.getByRole('heading', { level: 1, name: 'Admisión previa a la visita' })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: '¿Fuma? (obligatoria)' })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Sí' })).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'Penicilina' })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Leve' })).toBeChecked();
    expect(screen.getByRole('button', { name: 'Enviar respuestas' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Español' })).toHaveAttribute('aria-pressed', 'true');
  });

  it('requires the required questions: an error at each, a summary, focus on the first', async () => {
    const { user } = await openForm();
    await user.click(screen.getByRole('radio', { name: 'Mild' }));

    await user.click(screen.getByRole('button', { name: 'Send answers' }));

    const summary = screen.getByRole('alert');
    expect(summary).toHaveTextContent('1 answer needs your attention');
    expect(within(summary).getByRole('listitem')).toHaveTextContent('Do you smoke? Please answer this question.');
    expect(within(summary).getByRole('link', { name: 'Do you smoke?' })).toHaveAttribute('href');
    const smoker = screen.getByRole('group', { name: 'Do you smoke? (required)' });
    expect(smoker).toHaveAccessibleDescription('Error: Please answer this question.');
    expect(within(smoker).getByRole('radio', { name: 'Yes' })).toHaveFocus();
    expect(screen.getByRole('group', { name: 'How bad is the pain? (required)' })).not.toHaveAccessibleDescription();
  });

  it('sends the answers in the value field of each type, then thanks the patient', async () => {
    const { user } = await openForm([
      submitMock(
        [
          ...REQUIRED_ANSWERS,
          { linkId: 'allergies', valueCodes: ['PENICILLIN', 'LATEX'] },
          { linkId: 'notes', valueString: 'Since Monday' },
          { linkId: 'weight', valueNumber: 70.5 },
          { linkId: 'lastVisit', valueDate: '2025-11-03' },
        ],
        { result: submitted },
      ),
    ]);
    await answerRequired(user);
    await user.click(screen.getByRole('checkbox', { name: 'Latex' }));
    await user.click(screen.getByRole('checkbox', { name: 'Penicillin' }));
    await user.type(screen.getByRole('textbox', { name: 'Anything else?' }), 'Since Monday ');
    await user.type(screen.getByRole('textbox', { name: 'Weight in kg' }), '70.5');
    fireEvent.change(screen.getByLabelText('Date of your last visit'), { target: { value: '2025-11-03' } });

    await user.click(screen.getByRole('button', { name: 'Send answers' }));

    const thanks = await screen.findByRole('heading', { level: 1, name: 'Thank you' });
    await waitFor(() => expect(thanks).toHaveFocus());
    expect(screen.queryByRole('button', { name: 'Send answers' })).not.toBeInTheDocument();
  });

  it('says when the questionnaire was already answered through this link', async () => {
    const { user } = await openForm([refusedWith('This intake link was already used.', { code: 'FORBIDDEN' })]);
    await answerRequired(user);
    await user.click(screen.getByRole('button', { name: 'Send answers' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('You have already answered this questionnaire');
  });

  it('shows the server’s problems at their questions', async () => {
    const { user } = await openForm([
      refusedWith('Invalid input.', {
        code: 'BAD_USER_INPUT',
        problems: [{ field: 'answers[1].valueCodes[0]', message: "is not one of this question's option codes" }],
      }),
    ]);
    await answerRequired(user);
    await user.click(screen.getByRole('button', { name: 'Send answers' }));

    const pain = screen.getByRole('group', { name: 'How bad is the pain? (required)' });
    expect(await screen.findByRole('alert')).toHaveTextContent('1 answer needs your attention');
    expect(pain).toHaveAccessibleDescription('Error: This answer was not accepted. Please check it.');
    await waitFor(() => expect(within(pain).getByRole('radio', { name: 'Mild' })).toHaveFocus());
  });

  it('keeps the answers when the network fails, and sends them on retry', async () => {
    const { user } = await openForm([
      submitMock(REQUIRED_ANSWERS, { error: new Error('Failed to fetch') }),
      submitMock(REQUIRED_ANSWERS, { result: submitted }),
    ]);
    await answerRequired(user);
    await user.click(screen.getByRole('button', { name: 'Send answers' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Your answers could not be sent.');
    expect(screen.getByRole('radio', { name: 'Mild' })).toBeChecked();

    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Thank you' })).toBeInTheDocument();
  });

  // UNAUTHENTICATED: expired or unknown; NOT_FOUND: the link's patient was deleted.
  it.each([
    ['has expired or is unknown', 'Token expired', 'UNAUTHENTICATED'],
    ['belongs to a deleted patient', 'Patient "pt-1" was not found', 'NOT_FOUND'],
  ])('says the link no longer works when it %s', async (_case, message, code) => {
    setup({
      route: ROUTE,
      user: null,
      mocks: [questionnaireMock({ errors: [new GraphQLError(message, { extensions: { code } })] })],
      auth: opens(),
    });
    expect(await screen.findByRole('alert')).toHaveTextContent('This link has expired');
  });

  it('says the answers cannot be sent when the patient was deleted while answering', async () => {
    const { user } = await openForm([refusedWith('Patient "pt-1" was not found', { code: 'NOT_FOUND' })]);
    await answerRequired(user);
    await user.click(screen.getByRole('button', { name: 'Send answers' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This link has expired, so your answers cannot be sent.',
    );
  });

  it('says when the link is malformed, without asking the server', async () => {
    const { fetch } = setup({ route: '/intake/not-a-token', user: null, mocks: [], auth: opens() });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This link does not work');
    await waitFor(() => expect(within(alert).getByRole('heading', { level: 1 })).toHaveFocus());
    expect(screen.getByRole('group', { name: 'Language' })).toBeInTheDocument();
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('opening an intake link', () => {
  it('exchanges the short id for the token, without a cookie', async () => {
    const { fetch } = await openForm();
    const [path, init] = fetch.mock.calls[0]!;
    expect([path, init.credentials, JSON.parse(init.body as string)]).toEqual([
      '/auth/intake-links/open',
      'omit',
      { link: LINK_ID },
    ]);
  });

  it('opens a link made before short ids, its token in the URL, the same way', async () => {
    const token = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJwdC0xIiwicWlkIjoicS0xIn0.c2lnbmF0dXJl';
    const { fetch } = setup({ route: `/intake/${token}`, user: null, mocks: [questionnaireMock()], auth: opens() });
    await screen.findByRole('heading', { level: 1, name: 'Pre-visit intake' });
    expect(JSON.parse(fetch.mock.calls[0]![1].body as string)).toEqual({ link: token });
  });

  it.each([
    ['USED', 'You have already answered this questionnaire'],
    ['EXPIRED', 'This link has expired'],
    ['INVALID', 'This link does not work'],
  ])('says a %s link is so before anything is filled in', async (status, heading) => {
    setup({ route: ROUTE, user: null, mocks: [], auth: opens({ status: 200, body: { status } }) });
    expect(await screen.findByRole('heading', { level: 1, name: heading })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Send answers' })).not.toBeInTheDocument();
  });

  it('offers a retry when the gateway cannot be asked', async () => {
    let calls = 0;
    const { user } = setup({
      route: ROUTE,
      user: null,
      mocks: [questionnaireMock()],
      auth: (path) => {
        calls += 1;
        return calls === 1 ? { status: 503, body: { code: 'SUBGRAPH_UNAVAILABLE' } } : opens()(path, {});
      },
    });
    await user.click(await screen.findByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Pre-visit intake' })).toBeInTheDocument();
  });
});

describe('intake questions', () => {
  it('clears the other choices as “None” is ticked, and “None” as another is', async () => {
    const { user } = await openForm();
    await user.click(screen.getByRole('checkbox', { name: 'Latex' }));
    await user.click(screen.getByRole('checkbox', { name: 'Penicillin' }));
    await user.click(screen.getByRole('checkbox', { name: 'None' }));
    expect(
      ['Penicillin', 'Latex', 'None'].map((name) => screen.getByRole<HTMLInputElement>('checkbox', { name }).checked),
    ).toEqual([false, false, true]);
    await user.click(screen.getByRole('checkbox', { name: 'Latex' }));
    expect(screen.getByRole('checkbox', { name: 'None' })).not.toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Latex' })).toBeChecked();
  });

  it('counts the characters of free text and stops at the limit, saying so', async () => {
    const { user } = await openForm();
    const notes = screen.getByRole('textbox', { name: 'Anything else?' });
    expect(notes).toHaveAttribute('maxlength', '40');
    await user.type(notes, 'Since Monday');
    expect(notes).toHaveAccessibleDescription('12 of 40 characters');
    await user.type(notes, 'x'.repeat(40));
    expect(notes).toHaveValue(`Since Monday${'x'.repeat(28)}`);
    expect(notes).toHaveAccessibleDescription('You have reached the limit of 40 characters.');
  });

  it('gives the range in the hint and refuses a number outside it', async () => {
    const { user } = await openForm();
    const weight = screen.getByRole('textbox', { name: 'Weight in kg' });
    expect(weight).toHaveAccessibleDescription('A number from 1 to 300.');
    await answerRequired(user);
    await user.type(weight, '400');
    await user.click(screen.getByRole('button', { name: 'Send answers' }));
    expect(weight).toHaveAccessibleDescription(
      'A number from 1 to 300. Error: This number is outside the values the question allows.',
    );
    expect(weight).toHaveFocus();
  });

  it('takes a decimal comma in Spanish, and writes its examples with one', async () => {
    const { user } = await openForm([
      {
        request: {
          query: IntakeSubmitMutation,
          variables: {
            input: {
              patientId: 'pt-1',
              questionnaireId: 'q-1',
              language: 'ES',
              answers: [...REQUIRED_ANSWERS, { linkId: 'weight', valueNumber: 70.5 }],
            },
          },
        },
        result: submitted,
      },
    ]);
    await answerRequired(user);
    await user.click(within(screen.getByRole('group', { name: 'Language' })).getByRole('button', { name: 'Español' }));
    const weight = screen.getByRole('textbox', { name: 'Peso en kg' });
    expect(weight).toHaveAccessibleDescription('Un número del 1 al 300.');
    await user.type(weight, '70,5');
    expect(weight).toHaveValue('70,5');
    await user.click(screen.getByRole('button', { name: 'Enviar respuestas' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Gracias' })).toBeInTheDocument();
  });

  it('opens the link again for a new token when the first expired while answering', async () => {
    let opened = 0;
    const { user } = setup({
      route: ROUTE,
      user: null,
      mocks: [
        questionnaireMock(),
        refusedWith('Token expired', { code: 'UNAUTHENTICATED' }),
        submitMock(REQUIRED_ANSWERS, { result: submitted }),
      ],
      auth: (path) => {
        opened += 1;
        return opens()(path, {});
      },
    });
    await screen.findByRole('heading', { level: 1, name: 'Pre-visit intake' });
    await answerRequired(user);
    await user.click(screen.getByRole('button', { name: 'Send answers' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Thank you' })).toBeInTheDocument();
    expect(opened).toBe(2);
  });
});
