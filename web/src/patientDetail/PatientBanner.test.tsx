import type { MockLink } from '@apollo/client/testing';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ageOn } from '../lib/format';
import { PatientsDeleteMutation } from '../patients/DeletePatientDialog';
import { PatientsEditUpdateMutation } from '../patients/EditPatientForm';
import { editablePatient, editPatientQueryMock, patient, patientsMock } from '../test/fixtures';
import { setup } from '../test/setup-app';
import { PatientDetailResendMutation, PatientDetailTransactionsQuery, RESEND_POLL_MS } from './EhrTransactionsSection';
import { detailMock, detailPatient, questionnairesMock, transaction } from './fixtures';

async function openPage(mocks: MockLink.MockedResponse[] = [], patientOverrides = {}) {
  const view = setup({
    route: '/patients/pt-1',
    mocks: [detailMock(detailPatient(patientOverrides)), questionnairesMock, ...mocks],
  });
  await screen.findByRole('heading', { level: 1, name: 'Ana García' });
  return view;
}

const bannerOf = () => screen.getByRole('heading', { level: 1 }).closest('header')!;

function bannerValue(name: string) {
  const term = within(bannerOf())
    .getAllByRole('term')
    .find((dt) => dt.textContent === name);
  return term?.nextElementSibling?.textContent;
}

describe('patient banner', () => {
  it('says who the patient is: age, sex, MRN, allergies, EHR and last delivery', async () => {
    await openPage();
    const banner = bannerOf();
    expect(within(banner).getByText(`${ageOn('1980-02-29')} years · Female · MRN MRN-0001`)).toBeInTheDocument();
    expect(bannerValue('Allergies')).toBe('Penicillin');
    expect(bannerValue('EHR system')).toBe('Athena');
    // The newest transaction's status.
    expect(bannerValue('Last delivery')).toBe('Delivered');
    expect(within(banner).getByRole('button', { name: 'Delete' })).toHaveClass('button-danger');
  });

  it('speaks the UI language, the physician’s specialty included', async () => {
    window.localStorage.setItem('carebridge.language', 'es');
    setup({ route: '/patients/pt-1', mocks: [detailMock(), questionnairesMock] });
    await screen.findByRole('heading', { level: 1, name: 'Ana García' });
    expect(
      within(bannerOf()).getByText(`${ageOn('1980-02-29')} años · Femenino · N.º de historia MRN-0001`),
    ).toBeInTheDocument();
    expect(bannerValue('Alergias')).toBe('Penicilina');
    const pcp = screen.getAllByRole('term').find((dt) => dt.textContent === 'Médico de cabecera');
    expect(pcp?.nextElementSibling).toHaveTextContent('Dr. Maya Okafor, Medicina familiar');
  });

  it('says when nothing is recorded or sent yet', async () => {
    await openPage([], {
      historyEn: { ...detailPatient().historyEn!, allergies: [] },
      ehrTransactions: [],
    });
    expect(bannerValue('Allergies')).toBe('None recorded');
    expect(bannerValue('Last delivery')).toBe('Not sent yet');
  });

  it('edits the patient from the banner with the list’s form', async () => {
    const saved = editablePatient({ version: 4, lastName: 'García-Ruiz' });
    const { user } = await openPage([
      editPatientQueryMock(editablePatient()),
      {
        request: {
          query: PatientsEditUpdateMutation,
          variables: { id: 'pt-1', input: { lastName: 'García-Ruiz' }, expectedVersion: 3 },
        },
        result: { data: { updatePatient: saved } },
      },
      detailMock(detailPatient({ lastName: 'García-Ruiz' })),
    ]);
    const edit = within(bannerOf()).getByRole('button', { name: 'Edit' });
    await user.click(edit);
    const form = await screen.findByRole('form', { name: 'Edit Ana García' });
    await user.type(within(form).getByLabelText('Last name'), '-Ruiz');
    await user.click(within(form).getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText('Changes to Ana García-Ruiz were saved.')).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: /^Edit/ })).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Ana García-Ruiz');
    expect(edit).toHaveFocus();
  });

  it('deletes the patient from the banner, then goes back to the list and says so', async () => {
    const { user } = await openPage([
      {
        request: { query: PatientsDeleteMutation, variables: { id: 'pt-1' } },
        result: { data: { deletePatient: true } },
      },
      // The page's patient leaves the cache with the deletion: it may ask for it once more.
      detailMock(null),
      patientsMock([patient({ id: 'pt-2', firstName: 'Ben', lastName: 'Okafor' })]),
    ]);
    await user.click(within(bannerOf()).getByRole('button', { name: 'Delete' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Delete Ana García?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete patient' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Patients' })).toBeInTheDocument();
    expect(screen.getByText('Ana García was deleted.')).toBeInTheDocument();
    expect(await screen.findByRole('rowheader', { name: 'Okafor, Ben' })).toBeInTheDocument();
  });
});

describe('after a resend', () => {
  const pending = transaction({ id: 'tx-3', status: 'PENDING', trigger: 'RESEND', attempts: 0, lastError: null });
  const transactionsMock = (tx: typeof pending): MockLink.MockedResponse => ({
    request: { query: PatientDetailTransactionsQuery, variables: { id: 'pt-1' } },
    result: {
      data: {
        patient: { __typename: 'Patient', id: 'pt-1', ehrTransactions: [tx, ...detailPatient().ehrTransactions!] },
      },
    },
  });

  it(
    'follows the new transactions by themselves until they settle, then stops',
    async () => {
      const delivered = { ...pending, status: 'DELIVERED' as const, attempts: 1, deliveredAt: '2026-03-02T09:00:05Z' };
      const { user } = await openPage([
        {
          request: { query: PatientDetailResendMutation, variables: { patientId: 'pt-1' } },
          result: { data: { resendPatientToEhr: [pending] } },
        },
        transactionsMock(pending), // the refetch right after the resend
        transactionsMock(pending), // a first poll: still on its way
        transactionsMock(delivered), // a second: settled
      ]);
      const transactions = screen.getByRole('region', { name: 'EHR transactions' });
      await user.click(screen.getByRole('button', { name: 'Resend to EHR' }));

      expect(await within(transactions).findByRole('rowheader', { name: 'Pending' })).toBeInTheDocument();
      expect(screen.getByText('Following the new deliveries until they settle…')).toBeInTheDocument();
      await waitFor(
        () => expect(within(transactions).queryByRole('rowheader', { name: 'Pending' })).not.toBeInTheDocument(),
        { timeout: 3 * RESEND_POLL_MS + 1000 },
      );
      expect(within(transactions).getAllByRole('rowheader', { name: 'Delivered' })).toHaveLength(2);
      expect(screen.queryByText('Following the new deliveries until they settle…')).not.toBeInTheDocument();
      // Settled: no more polls (there is no mock left to answer one, which would show an error).
      await new Promise((resolve) => setTimeout(resolve, RESEND_POLL_MS + 200));
      expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    },
    4 * RESEND_POLL_MS + 10_000,
  );
});
