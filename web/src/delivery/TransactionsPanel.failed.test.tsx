import type { MockLink } from '@apollo/client/testing';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { User } from '../auth/session';
import { CLINICIAN, setup } from '../test/setup-app';
import { countsMock, dead, patientNamesMock, transaction, transactionsMock } from './fixtures';
import { DeliveryReplayFailedMutation } from './ReplayAllFailed';

const ADMIN: User = { ...CLINICIAN, role: 'ADMIN' };

function open(mocks: MockLink.MockedResponse[], user: User = ADMIN) {
  return setup({ route: '/delivery', user, mocks: [countsMock({ dead: 2 }), patientNamesMock(), ...mocks] });
}

function replayAllMock(dryRun: boolean, replayCount: number, remainingCount = 0): MockLink.MockedResponse {
  return {
    request: { query: DeliveryReplayFailedMutation, variables: { dryRun } },
    result: {
      data: {
        replayFailedEhrTransactions: { __typename: 'ReplayFailedResult', dryRun, replayCount, remainingCount },
      },
    },
  };
}

describe('delivery monitor: replay all failed', () => {
  it('shows the count first, then replays them all and refreshes the list', async () => {
    const { user } = open([
      transactionsMock([dead(), dead({ id: 'tx-dead-2', endpoint: '/allergies' })]),
      replayAllMock(true, 2),
      replayAllMock(false, 2),
      transactionsMock([transaction({ id: 'tx-new', status: 'PENDING', trigger: 'REPLAY' })]),
    ]);
    const button = await screen.findByRole('button', { name: 'Replay all failed' });
    await screen.findByText('/allergies');

    await user.click(button);
    expect(
      await screen.findByText('This will replay 2 failed transactions with the current mapping.'),
    ).toBeInTheDocument();
    expect(button).toHaveAttribute('aria-expanded', 'true');
    await user.click(screen.getByRole('button', { name: 'Replay 2 transactions' }));

    expect(await screen.findByText('2 failed transactions were queued again.')).toBeInTheDocument();
    expect(await screen.findByText('Replay · mapping v3')).toBeInTheDocument();
    expect(screen.queryByText('/allergies')).not.toBeInTheDocument();
    await waitFor(() => expect(button).toHaveFocus());
  });

  it('says when there is nothing to replay, and cancels without replaying', async () => {
    const { user } = open([transactionsMock([transaction()]), replayAllMock(true, 0)]);
    await user.click(await screen.findByRole('button', { name: 'Replay all failed' }));
    expect(await screen.findByText('No failed transaction can be replayed now.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Replay \d/ })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByText('No failed transaction can be replayed now.')).not.toBeInTheDocument();
  });

  it('is not offered to a clinician (the server refuses it)', async () => {
    open([transactionsMock([dead()])], CLINICIAN);
    expect(await screen.findByText(/^Reason:/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Replay all failed' })).not.toBeInTheDocument();
  });
});

describe('delivery monitor: errors in words', () => {
  const gaveUp = dead({
    lastError: 'Gave up after 8 attempts. Last error: The EHR answered HTTP 503.',
    lastErrorCode: 'GAVE_UP',
    lastErrorCause: 'HTTP_ERROR',
    lastErrorHttpStatus: 503,
    attempts: 8,
  });
  const retrying = transaction({
    id: 'tx-retry',
    endpoint: '/retrying',
    status: 'FAILED',
    lastError: 'The EHR did not answer in time.',
    lastErrorCode: 'TIMEOUT',
  });
  // A text with no code (a sentence the app does not know yet) is shown as the server wrote it.
  const uncoded = dead({ id: 'tx-other', endpoint: '/other', lastError: 'Something new happened.' });

  it('words each error from its code in the chosen language, and falls back to the text', async () => {
    const { user } = open(
      [transactionsMock([gaveUp, retrying, uncoded]), transactionsMock([gaveUp, retrying, uncoded])],
      CLINICIAN,
    );
    expect(
      await screen.findByText(
        'Reason: Gave up after 8 attempts. Last error: The EHR answered with an error (HTTP 503).',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Last error: The EHR did not answer in time.')).toBeInTheDocument();
    expect(screen.getByText('Reason: Something new happened.')).toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText('Language'), 'es');
    expect(
      await screen.findByText(
        'Motivo: Se abandonó tras 8 intentos. Último error: El HCE respondió con un error (HTTP 503).',
      ),
    ).toBeInTheDocument();
    const row = screen.getByText('/retrying').closest('tr')!;
    expect(within(row).getByText('Último error: El HCE no respondió a tiempo.')).toBeInTheDocument();
    expect(within(row).getByText('Reintentando')).toHaveClass('badge');
    expect(screen.getByText('Motivo: Something new happened.')).toBeInTheDocument();
  });
});
