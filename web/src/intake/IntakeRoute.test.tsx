import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { setup } from '../test/setup-app';
import {
  answerRequired,
  openForm,
  opens,
  questionnaireMock,
  refusedWith,
  REQUIRED_ANSWERS,
  ROUTE,
  submitMock,
  submitted,
} from './intakeTestFixtures';

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
