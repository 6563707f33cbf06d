import type { MockLink } from '@apollo/client/testing';
import { screen, waitFor, within } from '@testing-library/react';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { setup } from '../test/setup-app';
import { countsMock, dead, patientNamesMock, providersMock, transaction, transactionsMock } from './fixtures';
import { DeliveryReplayMutation } from './ReplayPanel';
import { DeliveryTransactionsQuery, PAGE_SIZE } from './TransactionsPanel';

function open(mocks: MockLink.MockedResponse[], route = '/delivery') {
  return setup({ route, mocks: [countsMock({ delivered: 1, dead: 1 }), patientNamesMock(), ...mocks] });
}

const rowOf = (text: string) => screen.getByText(text).closest('tr')!;
const cellsOf = (row: HTMLElement) =>
  within(row)
    .getAllByRole('cell')
    .map((cell) => cell.textContent);

describe('delivery monitor: transactions', () => {
  it('shows a loading state, then one row per transaction with every column', async () => {
    open([
      transactionsMock([
        transaction(),
        transaction({ id: 'tx-2', patient: { __typename: 'Patient', id: 'pt-gone' }, endpoint: '/allergies' }),
      ]),
    ]);
    expect(await screen.findByText('Loading…')).toHaveAttribute('aria-busy', 'true');

    // The file's first render also loads the app's modules: more than findBy's 1 s on a busy machine.
    const link = await screen.findByRole('link', { name: 'García, Ana' }, { timeout: 4000 });
    expect(link).toHaveAttribute('href', '/patients/pt-1');
    // Five columns, so the table fits a laptop screen: the request and the status each say more.
    expect(cellsOf(link.closest('tr')!)).toEqual([
      'García, Ana',
      '/patientsPatient registered · mapping v3',
      'Delivered 1 attempt',
      '',
    ]);
    expect(screen.getAllByRole('columnheader').map((header) => header.textContent)).toEqual([
      'Time',
      'Patient',
      'Request',
      'Status',
      'Actions',
    ]);
    // On a phone each row is a card whose values are labelled with their column (delivery.css).
    expect(
      within(link.closest('tr')!)
        .getAllByRole('cell')
        .map((cell) => cell.dataset['label']),
    ).toEqual(['Patient', 'Request', 'Status', 'Actions']);
    expect(screen.getByRole('table')).toHaveClass('cards-on-phone');
    expect(within(link.closest('tr')!).getByRole('rowheader').querySelector('time')).toHaveAttribute(
      'datetime',
      '2026-03-01T09:30:00Z',
    );
    // A patient the patient subgraph does not resolve shows as their id, not a link.
    expect(cellsOf(rowOf('/allergies'))[0]).toBe('pt-gone');
    expect(screen.getByText('2 transactions')).toBeInTheDocument();
    const counts = screen.getByRole('group', { name: 'Transactions by status' });
    expect(counts).toHaveTextContent('Pending0Retrying0Delivered1Failed1');
  });

  it('asks for the chosen status only, and keeps it in the URL', async () => {
    const { user } = open([
      transactionsMock([transaction()]),
      transactionsMock([dead()], { status: 'DEAD' }),
      transactionsMock([transaction({ id: 'tx-p', status: 'PENDING', endpoint: '/pending' })], { status: 'PENDING' }),
    ]);
    await screen.findByRole('link', { name: 'García, Ana' });

    await user.selectOptions(screen.getByLabelText('Status'), 'Failed');
    expect(await screen.findByText(/^Reason:/)).toBeInTheDocument();
    expect(screen.queryByText('Delivered', { selector: '.badge' })).not.toBeInTheDocument();
    expect(screen.getByLabelText('Status')).toHaveValue('failed');

    await user.selectOptions(screen.getByLabelText('Status'), 'Pending');
    expect(await screen.findByText('/pending')).toBeInTheDocument();
    expect(screen.getByText('Pending', { selector: '.badge' })).toBeInTheDocument();
  });

  it.each([
    ['failed', 'DEAD', 'Failed'],
    ['retrying', 'FAILED', 'Retrying'],
    // Links made before the statuses had these names still open on the same choice.
    ['DEAD', 'DEAD', 'Failed'],
    ['FAILED', 'FAILED', 'Retrying'],
  ] as const)('opens on the status of the URL (?status=%s)', async (value, status, words) => {
    open([transactionsMock([dead({ status })], { status })], `/delivery?status=${value}`);
    expect(await screen.findByText(/^(Reason|Last error):/)).toBeInTheDocument();
    const select = screen.getByLabelText('Status');
    expect(within(select).getByRole('option', { name: words })).toHaveProperty('selected', true);
  });

  it('keeps the status in the URL, so coming back to the list keeps it', async () => {
    const { user } = open([
      transactionsMock([transaction()]),
      transactionsMock([dead()], { status: 'DEAD' }),
      // Back on the tab, the list is shown from the cache and asked again.
      transactionsMock([dead()], { status: 'DEAD' }),
      providersMock(),
    ]);
    await screen.findByRole('link', { name: 'García, Ana' });
    await user.selectOptions(screen.getByLabelText('Status'), 'Failed');
    expect(await screen.findByText(/^Reason:/)).toBeInTheDocument();

    await user.click(screen.getByRole('tab', { name: 'Bulk changes' }));
    expect(screen.queryByLabelText('Status')).not.toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: 'Transactions' }));
    expect(await screen.findByText(/^Reason:/)).toBeInTheDocument();
    expect(screen.getByLabelText('Status')).toHaveValue('failed');
  });

  it('has an empty state for each status, and one for no transactions at all', async () => {
    const { user } = open([transactionsMock([]), transactionsMock([], { status: 'DEAD' })]);
    expect(await screen.findByRole('heading', { name: 'No transactions yet' })).toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText('Status'), 'Failed');
    expect(
      await screen.findByRole('heading', { name: 'No transactions with the status “Failed”' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('has an error state with a retry', async () => {
    const { user } = open([
      {
        request: { query: DeliveryTransactionsQuery, variables: { first: PAGE_SIZE, filter: {} } },
        error: new Error('down'),
      },
      transactionsMock([transaction()]),
    ]);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The transactions could not be loaded');

    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('link', { name: 'García, Ana' })).toBeInTheDocument();
  });

  it('loads the next page after the current one', async () => {
    const { user } = open([
      transactionsMock([transaction()], { hasNextPage: true, endCursor: 'c1', totalCount: 2 }),
      transactionsMock([transaction({ id: 'tx-old', endpoint: '/older' })], { after: 'c1', totalCount: 2 }),
    ]);
    await screen.findByRole('link', { name: 'García, Ana' });

    await user.click(screen.getByRole('button', { name: 'Load more' }));

    expect(await screen.findByText('/older')).toBeInTheDocument();
    expect(screen.getByText('/patients')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });

  it('refreshes on demand, so a pending transaction shows up delivered', async () => {
    const { user } = open([
      transactionsMock([transaction({ status: 'PENDING' })]),
      transactionsMock([transaction({ status: 'DELIVERED' })]),
    ]);
    const row = (await screen.findByRole('link', { name: 'García, Ana' })).closest('tr')!;
    expect(within(row).getByText('Pending')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Refresh' }));

    expect(await within(row).findByText('Delivered')).toBeInTheDocument();
  });
});

describe('delivery monitor: DEAD transactions', () => {
  it('shows the reason and offers a replay only for them', async () => {
    open([transactionsMock([transaction(), dead()])]);
    const reason = await screen.findByText('Reason: EHR answered 422: DATE_OF_BIRTH_PATIENT is required');
    const row = reason.closest('tr')!;
    expect(within(row).getByText('Failed')).toHaveClass('badge');
    const replay = within(row).getByRole('button', { name: 'Replay' });
    expect(replay).toHaveAttribute('aria-expanded', 'false');
    expect(replay).toHaveAccessibleDescription('Reason: EHR answered 422: DATE_OF_BIRTH_PATIENT is required');
    expect(screen.getAllByRole('button', { name: 'Replay' })).toHaveLength(1);
  });

  it.each([
    ['ORIGINAL', 'The mapping it used (version 3)'],
    ['CURRENT', 'The current mapping (for instance after fixing it)'],
  ] as const)('replays with the %s mapping once confirmed, then refreshes', async (mapping, choice) => {
    const replayed = { __typename: 'EhrTransaction', id: 'tx-new', status: 'PENDING' } as const;
    const { user } = open([
      transactionsMock([dead()]),
      {
        request: { query: DeliveryReplayMutation, variables: { id: 'tx-dead', mapping } },
        result: { data: { replayEhrTransaction: replayed } },
      },
      transactionsMock([
        transaction({ id: 'tx-new', status: 'PENDING', trigger: 'REPLAY' }),
        dead({ replayedBy: replayed }),
      ]),
    ]);
    const replay = await screen.findByRole('button', { name: 'Replay' });
    await user.click(replay);
    expect(replay).toHaveAttribute('aria-expanded', 'true');
    const form = screen.getByRole('form', { name: /Replay the transaction to/ });
    expect(within(form).getByRole('radio', { name: /current mapping/ })).toBeChecked();

    await user.click(within(form).getByRole('radio', { name: choice }));
    await user.click(within(form).getByRole('button', { name: 'Confirm replay' }));

    expect(
      await screen.findByText(
        'The transaction to /patients/{ehrPatientId}/demographics was queued again as a new transaction (Pending).',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: /Replay the transaction to/ })).not.toBeInTheDocument();
    // A DEAD transaction is replayed at most once: its button gives way to the replay's status,
    // which takes the focus (the button is gone).
    const row = rowOf('Reason: EHR answered 422: DATE_OF_BIRTH_PATIENT is required');
    await waitFor(() => expect(within(row).getByText('Replayed → Pending')).toHaveFocus());
    expect(screen.queryByRole('button', { name: 'Replay' })).not.toBeInTheDocument();
    // The refreshed list has the new transaction, caused by the replay.
    expect(await screen.findByText('Replay · mapping v3')).toBeInTheDocument();
    expect(
      within(rowOf('Reason: EHR answered 422: DATE_OF_BIRTH_PATIENT is required')).getByText('Replayed → Pending'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Replay' })).not.toBeInTheDocument();
  });

  it('shows the replay’s status instead of a Replay button for a transaction already replayed', async () => {
    open([
      transactionsMock([
        dead({ replayedBy: { __typename: 'EhrTransaction', id: 'tx-r', status: 'DELIVERED' } }),
        dead({ id: 'tx-dead-2', endpoint: '/allergies' }),
      ]),
    ]);
    await screen.findByText('/patients/{ehrPatientId}/demographics');
    const replayed = rowOf('/patients/{ehrPatientId}/demographics');
    expect(cellsOf(replayed).at(-1)).toBe('Replayed → Delivered');
    expect(within(replayed).queryByRole('button')).not.toBeInTheDocument();
    expect(within(rowOf('/allergies')).getByRole('button', { name: 'Replay' })).toBeInTheDocument();
  });

  it('cancels without replaying', async () => {
    const { user } = open([transactionsMock([dead()])]);
    await user.click(await screen.findByRole('button', { name: 'Replay' }));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('form', { name: /Replay the transaction to/ })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Replay' })).toHaveFocus();
  });

  it('shows why the server refused a replay', async () => {
    const { user } = open([
      transactionsMock([dead()]),
      {
        request: { query: DeliveryReplayMutation, variables: { id: 'tx-dead', mapping: 'CURRENT' } },
        result: {
          errors: [
            new GraphQLError('Only a DEAD transaction can be replayed.', { extensions: { code: 'BAD_USER_INPUT' } }),
          ],
        },
      },
    ]);
    await user.click(await screen.findByRole('button', { name: 'Replay' }));
    await user.click(screen.getByRole('button', { name: 'Confirm replay' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Only a DEAD transaction can be replayed.');
  });
});
