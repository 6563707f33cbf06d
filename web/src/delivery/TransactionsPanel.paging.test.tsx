import type { MockLink } from '@apollo/client/testing';
import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setup } from '../test/setup-app';
import { countsMock, patientNamesMock, transaction, transactionsMock } from './fixtures';
import { DeliveryTransactionsQuery, PAGE_SIZE, POLL_MS } from './TransactionsPanel';

const LIVE = 'The list updates every 10 seconds while this page is open.';
const PAUSED =
  'Automatic updates are paused while more pages are loaded. Refresh to show the newest transactions and resume them.';

function open(mocks: MockLink.MockedResponse[]) {
  return setup({ route: '/delivery', mocks: [countsMock(), patientNamesMock(), ...mocks] });
}

const failing = (after?: string): MockLink.MockedResponse => ({
  request: {
    query: DeliveryTransactionsQuery,
    variables: { first: PAGE_SIZE, filter: {}, ...(after === undefined ? {} : { after }) },
  },
  error: new Error('down'),
});

/** The first page and its patient's name (a second request): slow on a cold start. */
const loaded = () => screen.findByRole('link', { name: 'García, Ana' }, { timeout: 3000 });

afterEach(() => {
  vi.useRealTimers();
});

describe('delivery monitor: pages and automatic updates', () => {
  it('pauses the automatic updates once more pages are loaded, and says so; Refresh resumes them', async () => {
    const { user } = open([
      transactionsMock([transaction()], { hasNextPage: true, endCursor: 'c1', totalCount: 3 }),
      transactionsMock([transaction({ id: 'tx-2', endpoint: '/older' })], {
        after: 'c1',
        hasNextPage: true,
        endCursor: 'c2',
        totalCount: 3,
      }),
      transactionsMock([transaction()], { hasNextPage: true, endCursor: 'c1', totalCount: 3 }),
    ]);
    await loaded();
    expect(screen.getByText(LIVE)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('/older')).toBeInTheDocument();
    expect(screen.getByText(PAUSED)).toBeInTheDocument();
    expect(screen.queryByText(LIVE)).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Refresh' }));
    expect(await screen.findByText(LIVE)).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByText('/older')).not.toBeInTheDocument());
  });

  it('loads more only after a first-page request in flight has landed, so it cannot replace the pages loaded', async () => {
    const { user } = open([
      transactionsMock([transaction()], { hasNextPage: true, endCursor: 'c1', totalCount: 2 }),
      // The refresh (as a poll would) lands late, with a newer transaction and a new cursor.
      {
        ...transactionsMock([transaction({ id: 'tx-new', endpoint: '/newest' }), transaction()], {
          hasNextPage: true,
          endCursor: 'c1b',
          totalCount: 3,
        }),
        delay: 1000,
      },
      transactionsMock([transaction({ id: 'tx-old', endpoint: '/older' })], { after: 'c1b', totalCount: 3 }),
    ]);
    await loaded();

    await user.click(screen.getByRole('button', { name: 'Refresh' }));
    const more = screen.getByRole('button', { name: 'Load more' });
    await user.click(more);
    // Busy, it keeps the focus and does nothing (aria-disabled, not disabled).
    expect(screen.getByRole('button', { name: 'Loading more…' })).toHaveAttribute('aria-disabled', 'true');
    expect(screen.getByRole('button', { name: 'Loading more…' })).toHaveFocus();
    expect(screen.getByRole('button', { name: 'Loading more…' })).toBeEnabled();

    expect(await screen.findByText('/older', undefined, { timeout: 3000 })).toBeInTheDocument();
    expect(screen.getByText('/newest')).toBeInTheDocument();
    expect(screen.getByText('3 transactions')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });

  it('keeps the list and says so when a refresh fails', async () => {
    const { user } = open([transactionsMock([transaction()]), failing()]);
    await loaded();

    await user.click(screen.getByRole('button', { name: 'Refresh' }));

    const status = screen.getAllByRole('status').find((s) => s.classList.contains('tx-monitor__notice'))!;
    expect(
      await within(status).findByText(
        'The list could not be updated and may be out of date. It is tried again in 10 seconds.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'García, Ana' })).toBeInTheDocument();
  });

  it('says so when a poll fails, and clears it once a poll succeeds', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    open([transactionsMock([transaction()]), failing(), transactionsMock([transaction({ status: 'DELIVERED' })])]);
    await loaded();
    const message = 'The list could not be updated and may be out of date. It is tried again in 10 seconds.';

    await act(() => vi.advanceTimersByTimeAsync(POLL_MS));
    expect(await screen.findByText(message)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'García, Ana' })).toBeInTheDocument();

    await act(() => vi.advanceTimersByTimeAsync(POLL_MS));
    await waitFor(() => expect(screen.queryByText(message)).not.toBeInTheDocument());
  });

  it('polls no more once more pages are loaded, so no poll replaces them', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { user } = setup({
      route: '/delivery',
      mocks: [
        countsMock(),
        patientNamesMock(),
        transactionsMock([transaction()], { hasNextPage: true, endCursor: 'c1', totalCount: 2 }),
        transactionsMock([transaction({ id: 'tx-2', endpoint: '/older' })], { after: 'c1', totalCount: 2 }),
        // What a poll would get: only the first page, which would replace both.
        {
          ...transactionsMock([transaction()], { hasNextPage: true, endCursor: 'c1', totalCount: 2 }),
          maxUsageCount: 9,
        },
      ],
    });
    await loaded();
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('/older')).toBeInTheDocument();

    await act(() => vi.advanceTimersByTimeAsync(3 * POLL_MS));
    expect(screen.getByText('/older')).toBeInTheDocument();
    expect(screen.getByText(PAUSED)).toBeInTheDocument();
  });

  it('says so when the next page cannot be loaded, and keeps the button to try again', async () => {
    const { user } = open([
      transactionsMock([transaction()], { hasNextPage: true, endCursor: 'c1', totalCount: 2 }),
      failing('c1'),
    ]);
    await loaded();
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(
      await screen.findByText('More transactions could not be loaded. Use Load more to try again.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Load more' })).not.toHaveAttribute('aria-disabled');
  });
});
