import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setup } from '../test/setup-app';
import { countsMock, patientNamesMock, providersMock, transaction, transactionsMock } from './fixtures';

describe('delivery monitor page', () => {
  it('has a tab for the transactions and one for the bulk changes, usable with the arrow keys', async () => {
    const { user } = setup({
      route: '/delivery',
      mocks: [countsMock(), patientNamesMock(), providersMock(), transactionsMock([transaction()])],
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Delivery monitor' })).toBeInTheDocument();
    const transactions = screen.getByRole('tab', { name: 'Transactions' });
    expect(transactions).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tabpanel', { name: 'Transactions' })).toContainElement(
      await screen.findByRole('link', { name: 'García, Ana' }),
    );

    transactions.focus();
    await user.keyboard('{ArrowRight}');

    const bulk = screen.getByRole('tab', { name: 'Bulk changes' });
    expect(bulk).toHaveFocus();
    expect(bulk).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tabpanel', { name: 'Bulk changes' })).toContainElement(
      screen.getByRole('form', { name: 'Resend to the EHR' }),
    );
    expect(screen.getByRole('form', { name: 'Change patients in bulk' })).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
