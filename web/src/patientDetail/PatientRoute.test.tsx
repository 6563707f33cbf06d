import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { MockLink } from '@apollo/client/testing';
import { setup, type AuthHandler, type FakeResponse } from '../test/setup-app';
import { PatientDetailResendMutation, PatientDetailTransactionsQuery } from './EhrTransactionsSection';
import { detailErrorMock, detailMock, detailPatient, graphQLError, questionnairesMock, transaction } from './fixtures';

const ROUTE = '/patients/pt-1';

/** The page over the given extra mocks, once the patient is shown. */
async function openPage(mocks: MockLink.MockedResponse[] = [], auth?: AuthHandler) {
  const view = setup({ route: ROUTE, mocks: [detailMock(), questionnairesMock, ...mocks], ...(auth ? { auth } : {}) });
  await screen.findByRole('heading', { level: 1, name: 'Ana García' });
  return view;
}

const resendMock = (result: MockLink.MockedResponse['result']): MockLink.MockedResponse => ({
  request: { query: PatientDetailResendMutation, variables: { patientId: 'pt-1' } },
  result,
});

function definition(name: string) {
  const term = screen.getAllByRole('term').find((dt) => dt.textContent === name);
  return term?.nextElementSibling?.textContent;
}

describe('patient detail page', () => {
  it('shows every demographic field, the history, the responses, the preview and the transactions', async () => {
    setup({ route: ROUTE, mocks: [detailMock(), questionnairesMock] });
    expect(screen.getByRole('status')).toHaveTextContent(/Loading/);

    expect(await screen.findByRole('heading', { level: 1, name: 'Ana García' })).toBeInTheDocument();
    expect(definition('MRN')).toBe('MRN-0001');
    expect(definition('Date of birth')).toBe('Feb 29, 1980');
    expect(definition('Gender')).toBe('Female');
    // Phones for people: national format for the clinic's country, not E.164.
    expect(definition('Phone')).toBe('(555) 010-2030');
    expect(definition('Email')).toBe('ana@example.com');
    expect(definition('Address')).toBe('12 Main StSpringfield, IL 62701US');
    expect(definition('Emergency contact')).toBe('Luis García (spouse), (555) 010-9999');
    expect(definition('Insurance')).toBe('Blue Shield, policy BS-123');
    expect(definition('Preferred language')).toBe('Español');
    expect(definition('Primary care physician')).toBe('Dr. Maya Okafor, Family Medicine');
    expect(definition('Organization')).toBe('Riverside Hospital');
    expect(definition('EHR system')).toBe('Athena');

    const history = screen.getByRole('region', { name: 'Clinical history' });
    expect(within(history).getByText('Headache')).toBeInTheDocument();
    expect(within(history).getByText('Penicillin')).toBeInTheDocument();

    const responses = screen.getByRole('region', { name: 'Questionnaire responses' });
    expect(within(responses).getByRole('heading', { name: 'Pre-visit intake (version 2)' })).toBeInTheDocument();
    expect(definition('Do you smoke?')).toBe('No');
    expect(definition('Which allergies do you have?')).toBe('Penicillin');

    const preview = screen.getByRole('region', { name: 'EHR preview' });
    expect(within(preview).getByRole('heading', { name: 'POST /patients' })).toBeInTheDocument();
    const rows = within(preview)
      .getAllByRole('row')
      .slice(1)
      .map((row) => [within(row).getByRole('rowheader').textContent, within(row).getByRole('cell').textContent]);
    expect(rows).toEqual([
      ['FIRST_NAME_PATIENT', 'Ana'],
      ['DATE_OF_BIRTH_PATIENT', '02/29/1980'],
      ['ALLERGY_CODES', 'PENICILLIN'],
    ]);
    expect(within(preview).getByRole('region', { name: 'JSON body of POST /patients' })).toHaveTextContent(
      '"DATE_OF_BIRTH_PATIENT": "02/29/1980"',
    );

    const transactions = screen.getByRole('region', { name: 'EHR transactions' });
    const dead = within(transactions).getByRole('rowheader', { name: 'Failed' }).closest('tr')!;
    expect(dead).toHaveTextContent('Patient registered');
    expect(dead).toHaveTextContent('Given up: EHR answered 422: DATE_OF_BIRTH_PATIENT is required');
    expect(within(transactions).getByRole('rowheader', { name: 'Delivered' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to patients' })).toHaveAttribute('href', '/');
  });

  it('words a coded delivery error from the catalogue, not the server text', async () => {
    const timedOut = transaction({ lastError: 'server text', lastErrorCode: 'TIMEOUT' });
    setup({
      route: ROUTE,
      mocks: [detailMock(detailPatient({ ehrTransactions: [timedOut] })), questionnairesMock],
    });
    const transactions = await screen.findByRole('region', { name: 'EHR transactions' });
    const dead = (await within(transactions).findByRole('rowheader', { name: 'Failed' })).closest('tr')!;
    expect(dead).toHaveTextContent('Given up: The EHR did not answer in time.');
    expect(dead).not.toHaveTextContent('server text');
  });

  it('shows the questions and answers in the UI language', async () => {
    const { user } = await openPage();

    await user.selectOptions(screen.getByLabelText('Language'), 'es');

    expect(definition('¿Fuma?')).toBe('No');
    expect(definition('¿Qué alergias tiene?')).toBe('Penicilina');
    expect(screen.getByRole('heading', { name: 'Admisión previa a la visita (versión 2)' })).toBeInTheDocument();
    expect(screen.getByText('Dolor de cabeza')).toBeInTheDocument();
  });

  it('keeps the page when one subgraph is down, saying so in its sections', async () => {
    setup({
      route: ROUTE,
      mocks: [
        detailMock(detailPatient({ ehrPreview: null, ehrTransactions: null, ehrSystem: null }), [
          graphQLError('ehr is down', ['patient', 'ehrPreview'], 'INTERNAL_SERVER_ERROR'),
          graphQLError('ehr is down', ['patient', 'ehrTransactions'], 'INTERNAL_SERVER_ERROR'),
          graphQLError('ehr is down', ['patient', 'ehrSystem'], 'INTERNAL_SERVER_ERROR'),
        ]),
        questionnairesMock,
      ],
    });

    expect(await screen.findByRole('heading', { level: 1, name: 'Ana García' })).toBeInTheDocument();
    expect(
      within(screen.getByRole('region', { name: 'EHR preview' })).getByText(/preview is unavailable/),
    ).toBeVisible();
    expect(
      within(screen.getByRole('region', { name: 'EHR transactions' })).getByText(/transactions are unavailable/),
    ).toBeVisible();
    expect(definition('EHR system')).toBe('Unavailable right now');
    // The other sections are whole.
    expect(definition('Do you smoke?')).toBe('No');
    expect(screen.getByText('Headache')).toBeInTheDocument();
  });

  it('says when there is no such patient', async () => {
    setup({ route: ROUTE, mocks: [detailMock(null), questionnairesMock] });
    expect(await screen.findByRole('heading', { name: 'Patient not found' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to patients' })).toBeInTheDocument();
  });

  it('says when the patient is another organization’s', async () => {
    setup({
      route: ROUTE,
      mocks: [detailMock(null, [graphQLError('Forbidden', ['patient'], 'FORBIDDEN')]), questionnairesMock],
    });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('You cannot view this patient');
    expect(screen.queryByRole('heading', { name: 'Patient not found' })).not.toBeInTheDocument();
  });

  it('has an error state with a retry', async () => {
    const { user } = setup({ route: ROUTE, mocks: [detailErrorMock(), detailMock(), questionnairesMock] });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The patient could not be loaded');

    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Ana García' })).toBeInTheDocument();
  });
});

describe('resend to EHR', () => {
  const resent = transaction({
    id: 'tx-3',
    status: 'PENDING',
    trigger: 'RESEND',
    attempts: 0,
    lastError: null,
    nextAttemptAt: '2026-03-02T09:00:00Z',
  });

  it('resends, says how many requests were queued and shows the new transactions', async () => {
    const { user } = await openPage([
      resendMock({ data: { resendPatientToEhr: [resent] } }),
      {
        request: { query: PatientDetailTransactionsQuery, variables: { id: 'pt-1' } },
        result: {
          data: {
            patient: {
              __typename: 'Patient',
              id: 'pt-1',
              ehrTransactions: [resent, ...detailPatient().ehrTransactions!],
            },
          },
        },
      },
    ]);
    const transactions = screen.getByRole('region', { name: 'EHR transactions' });
    expect(within(transactions).queryByText('Resent')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Resend to EHR' }));

    expect(await screen.findByText('Resent: 1 request queued.')).toBeInTheDocument();
    const row = (await within(transactions).findByRole('rowheader', { name: 'Pending' })).closest('tr')!;
    expect(row).toHaveTextContent('Resent');
    expect(within(transactions).getAllByRole('row')).toHaveLength(4);
  });

  it('says when the resend failed', async () => {
    const { user } = await openPage([
      resendMock({ errors: [graphQLError('ehr is down', ['resendPatientToEhr'], 'INTERNAL_SERVER_ERROR')] }),
    ]);

    await user.click(screen.getByRole('button', { name: 'Resend to EHR' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('The patient could not be resent.');
  });
});

describe('intake link', () => {
  const expiresAt = '2026-03-04T09:00:00.000Z';
  /** The gateway's intake-link endpoint answers `reply`; no refresh cookie. */
  const linkEndpoint =
    (reply: FakeResponse): AuthHandler =>
    (path) =>
      path === '/auth/intake-links' ? reply : { status: 401, body: { code: 'UNAUTHENTICATED' } };

  it('creates a link for the chosen questionnaire and shows its full URL to copy', async () => {
    const { user, fetch } = await openPage(
      [],
      linkEndpoint({ status: 201, body: { token: 'tok', path: '/intake/tok', expiresAt } }),
    );
    const select = await screen.findByRole('combobox', { name: 'Questionnaire' });
    expect(select).toHaveDisplayValue('Pre-visit intake (version 2)');

    await user.selectOptions(select, 'Allergy follow-up (version 1)');
    await user.click(screen.getByRole('button', { name: 'Create intake link' }));

    const url = await screen.findByRole('textbox', { name: 'Intake link URL' });
    expect(url).toHaveValue(`${window.location.origin}/intake/tok`);
    expect(url).toHaveAttribute('readonly');
    expect(url).toHaveAccessibleDescription(/^Expires /);
    const call = fetch.mock.calls.find(([path]) => path === '/auth/intake-links')!;
    expect(JSON.parse(call[1].body as string)).toEqual({ patientId: 'pt-1', questionnaireId: 'q-2' });
    expect(call[1].headers).toMatchObject({ authorization: 'Bearer test-token' });

    await user.click(screen.getByRole('button', { name: 'Copy link' }));
    expect(await screen.findByText('Link copied to the clipboard.')).toBeInTheDocument();
    expect(await navigator.clipboard.readText()).toBe(`${window.location.origin}/intake/tok`);
  });

  it('says why no link was made', async () => {
    const { user } = await openPage([], linkEndpoint({ status: 404, body: { code: 'NOT_FOUND' } }));
    await screen.findByRole('combobox', { name: 'Questionnaire' });

    await user.click(screen.getByRole('button', { name: 'Create intake link' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This patient or questionnaire is not in your organization.',
    );
    expect(screen.queryByRole('textbox', { name: 'Intake link URL' })).not.toBeInTheDocument();
  });
});
