import { screen, within } from '@testing-library/react';
import type { MockLink } from '@apollo/client/testing';
import { describe, expect, it } from 'vitest';
import type { User } from '../auth/session';
import { CLINICIAN, setup } from '../test/setup-app';
import { DeliveryBulkResendMutation } from './BulkResend';
import { providersMock, seededCache } from './fixtures';

function resendMock(
  filter: { primaryCarePhysicianId?: string },
  dryRun: boolean,
  patientCount: number,
  requestCount: number,
): MockLink.MockedResponse {
  return {
    request: { query: DeliveryBulkResendMutation, variables: { filter, dryRun } },
    result: { data: { resendToEhr: { __typename: 'ResendResult', dryRun, patientCount, requestCount } } },
  };
}

/** An ADMIN, who may change the whole organization, unless `user` says otherwise. */
async function openResend(mocks: MockLink.MockedResponse[], user = ADMIN) {
  const view = setup({ route: '/delivery?view=bulk', mocks: [providersMock(), ...mocks], user });
  const form = await screen.findByRole('form', { name: 'Resend to the EHR' });
  return { ...view, form };
}

const ADMIN: User = { ...CLINICIAN, role: 'ADMIN' };

describe('bulk resend', () => {
  it('shows the count first; only then resends, for real, what was counted', async () => {
    const { user, form } = await openResend([resendMock({}, true, 12, 48), resendMock({}, false, 12, 48)]);
    const confirm = within(form).getByRole('button', { name: 'Resend patients' });
    expect(confirm).toBeDisabled();
    expect(confirm).toHaveAccessibleDescription(
      'Check the count first: this button is enabled once the count is shown.',
    );
    expect(within(form).getByRole('radio', { name: 'All patients of my organization' })).toBeChecked();

    await user.click(within(form).getByRole('button', { name: 'Check count' }));
    expect(await within(form).findByText('This will send 12 patients (48 requests) to the EHR.')).toBeInTheDocument();
    expect(within(form).getByRole('status')).toHaveTextContent('This will send 12 patients (48 requests) to the EHR.');

    await user.click(within(form).getByRole('button', { name: 'Resend 12 patients' }));
    expect(
      await within(form).findByText('Resending 12 patients: 48 requests queued. Follow them under Transactions.'),
    ).toBeInTheDocument();
    expect(within(form).getByRole('button', { name: 'Resend patients' })).toBeDisabled();
  });

  it('forgets the cached patient lists and delivery statuses once it resent, not after a count', async () => {
    const { user, form, cache } = await openResend([
      // Slow enough to click while it runs.
      { ...resendMock({}, true, 2, 8), delay: 800 },
      resendMock({}, false, 2, 8),
    ]);
    seededCache(cache);
    const lists = () => Object.keys(cache.extract()['ROOT_QUERY']!).filter((key) => key.startsWith('patients('));

    const check = within(form).getByRole('button', { name: 'Check count' });
    await user.click(check);
    // Busy, the button keeps the focus and does nothing.
    expect(check).toHaveAttribute('aria-disabled', 'true');
    expect(check).toHaveFocus();
    await user.click(check);
    expect(
      await within(form).findByText('This will send 2 patients (8 requests) to the EHR.', undefined, { timeout: 3000 }),
    ).toBeInTheDocument();
    expect(check).not.toHaveAttribute('aria-disabled');
    expect(lists()).toHaveLength(2);
    expect(cache.extract()['Patient:pt-1']).toHaveProperty('lastEhrTransaction');

    await user.click(within(form).getByRole('button', { name: 'Resend 2 patients' }));
    expect(await within(form).findByText(/^Resending 2 patients/)).toBeInTheDocument();
    expect(lists()).toEqual([]);
    expect(cache.extract()['Patient:pt-1']).not.toHaveProperty('lastEhrTransaction');
    expect(cache.extract()['Patient:pt-1']).not.toHaveProperty('ehrTransactions');
    // Done, the confirm button is disabled: the focus goes back to counting.
    expect(check).toHaveFocus();
  });

  it('forgets the count when the scope changes, and asks for a physician', async () => {
    const { user, form } = await openResend([
      resendMock({}, true, 12, 48),
      resendMock({ primaryCarePhysicianId: 'prov-2' }, true, 1, 4),
      resendMock({ primaryCarePhysicianId: 'prov-2' }, false, 1, 4),
    ]);
    await user.click(within(form).getByRole('button', { name: 'Check count' }));
    expect(await within(form).findByRole('button', { name: 'Resend 12 patients' })).toBeEnabled();

    await user.click(within(form).getByRole('radio', { name: 'Patients of one physician' }));
    expect(within(form).getByRole('button', { name: 'Resend patients' })).toBeDisabled();
    expect(within(form).getByRole('status')).toBeEmptyDOMElement();

    await user.click(within(form).getByRole('button', { name: 'Check count' }));
    expect(within(form).getByRole('alert')).toHaveTextContent('Please correct the highlighted fields.');
    expect(within(form).getByLabelText('Physician')).toHaveAccessibleDescription('Choose a physician.');

    await user.selectOptions(within(form).getByLabelText('Physician'), 'Dr. Luis Ortega (Internal Medicine)');
    expect(within(form).queryByRole('alert')).not.toBeInTheDocument();
    await user.click(within(form).getByRole('button', { name: 'Check count' }));
    expect(await within(form).findByText('This will send 1 patient (4 requests) to the EHR.')).toBeInTheDocument();
    expect(within(form).getByRole('status')).toHaveTextContent('This will send 1 patient (4 requests) to the EHR.');
    await user.click(within(form).getByRole('button', { name: 'Resend 1 patient' }));
    expect(await within(form).findByText(/^Resending 1 patient: 4 requests queued/)).toBeInTheDocument();
  });

  it('cannot confirm when nobody would be sent', async () => {
    const { user, form } = await openResend([resendMock({}, true, 0, 0)]);
    await user.click(within(form).getByRole('button', { name: 'Check count' }));
    expect(await within(form).findByText('This will send 0 patients (0 requests) to the EHR.')).toBeInTheDocument();
    expect(within(form).getByRole('status')).toHaveTextContent('This will send 0 patients (0 requests) to the EHR.');
    expect(within(form).getByRole('button', { name: 'Resend 0 patients' })).toBeDisabled();
  });
});

describe('bulk resend by a clinician', () => {
  it('offers one physician’s patients only, and says the whole organization is for an administrator', async () => {
    const { user, form } = await openResend(
      [
        resendMock({ primaryCarePhysicianId: 'prov-2' }, true, 1, 4),
        resendMock({ primaryCarePhysicianId: 'prov-2' }, false, 1, 4),
      ],
      CLINICIAN,
    );
    expect(within(form).queryByRole('radio', { name: 'All patients of my organization' })).not.toBeInTheDocument();
    expect(
      within(form).getByText(
        'Changes to every patient of the organization are made by an administrator: choose one physician’s patients.',
      ),
    ).toBeInTheDocument();

    await user.click(within(form).getByRole('button', { name: 'Check count' }));
    expect(within(form).getByLabelText('Physician')).toHaveAccessibleDescription('Choose a physician.');
    // The physicians are their own query, which may answer after the form has rendered.
    await within(form).findByRole('option', { name: 'Dr. Luis Ortega (Internal Medicine)' });
    await user.selectOptions(within(form).getByLabelText('Physician'), 'Dr. Luis Ortega (Internal Medicine)');
    await user.click(within(form).getByRole('button', { name: 'Check count' }));
    await user.click(await within(form).findByRole('button', { name: 'Resend 1 patient' }));
    expect(await within(form).findByText(/^Resending 1 patient: 4 requests queued/)).toBeInTheDocument();
  });
});
