import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setup } from '../test/setup-app';
import { IntakeSubmitMutation } from './IntakeForm';
import {
  answerRequired,
  LINK_ID,
  openForm,
  opens,
  questionnaireMock,
  refusedWith,
  REQUIRED_ANSWERS,
  ROUTE,
  submitMock,
  submitted,
} from './intakeTestFixtures';

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
