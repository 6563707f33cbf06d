import { screen, within } from '@testing-library/react';
import type { MockLink } from '@apollo/client/testing';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { BulkPatientFilter, BulkPatientUpdateInput } from '../__generated__/graphql';
import type { User } from '../auth/session';
import { CLINICIAN, setup } from '../test/setup-app';
import { DeliveryBulkUpdatePatientsMutation } from './BulkPatientUpdate';
import { providersMock, seededCache } from './fixtures';

const ORGANIZATION = { organizationId: 'org-riverside' };

function updateMock(
  filter: BulkPatientFilter,
  input: BulkPatientUpdateInput,
  dryRun: boolean,
  result: { matchedCount: number; changedCount: number } | GraphQLError,
): MockLink.MockedResponse {
  return {
    request: { query: DeliveryBulkUpdatePatientsMutation, variables: { filter, input, dryRun } },
    result:
      result instanceof GraphQLError
        ? { errors: [result] }
        : { data: { updatePatients: { __typename: 'BulkPatientUpdateResult', dryRun, ...result } } },
  };
}

/** An ADMIN, who may change the whole organization, unless `user` says otherwise. */
async function openUpdate(mocks: MockLink.MockedResponse[], user = ADMIN) {
  const view = setup({ route: '/delivery?view=bulk', mocks: [providersMock(), ...mocks], user });
  const form = await screen.findByRole('form', { name: 'Change patients in bulk' });
  await within(form).findAllByRole('option', { name: 'Dr. Luis Ortega (Internal Medicine)' });
  return { ...view, form };
}

const ADMIN: User = { ...CLINICIAN, role: 'ADMIN' };

describe('bulk patient change', () => {
  it('counts the organization’s patients that would change, then changes them', async () => {
    const input = { primaryCarePhysicianId: 'prov-2', preferredLanguage: 'ES' } as const;
    const { user, form } = await openUpdate([
      updateMock(ORGANIZATION, input, true, { matchedCount: 30, changedCount: 12 }),
      updateMock(ORGANIZATION, input, false, { matchedCount: 30, changedCount: 12 }),
    ]);
    expect(within(form).getByRole('button', { name: 'Change patients' })).toBeDisabled();
    await user.selectOptions(within(form).getByLabelText('New primary care physician'), 'prov-2');
    await user.selectOptions(within(form).getByLabelText('Preferred language'), 'Spanish');

    await user.click(within(form).getByRole('button', { name: 'Check count' }));
    expect(await within(form).findByText('Matching patients: 30. Patients that will change: 12.')).toBeInTheDocument();
    expect(within(form).getByRole('status')).toHaveTextContent('Matching patients: 30. Patients that will change: 12.');

    await user.click(within(form).getByRole('button', { name: 'Change 12 patients' }));
    expect(
      await within(form).findByText('Changed 12 patients; each one is being sent to the EHR.'),
    ).toBeInTheDocument();
  });

  it('forgets the cached patient lists and what the change made stale once done, not after a count', async () => {
    const input = { primaryCarePhysicianId: 'prov-2' } as const;
    const { user, form, cache } = await openUpdate([
      updateMock(ORGANIZATION, input, true, { matchedCount: 2, changedCount: 2 }),
      updateMock(ORGANIZATION, input, false, { matchedCount: 2, changedCount: 2 }),
    ]);
    seededCache(cache);
    const lists = () => Object.keys(cache.extract()['ROOT_QUERY']!).filter((key) => key.startsWith('patients('));
    await user.selectOptions(within(form).getByLabelText('New primary care physician'), 'prov-2');

    await user.click(within(form).getByRole('button', { name: 'Check count' }));
    expect(await within(form).findByRole('button', { name: 'Change 2 patients' })).toBeEnabled();
    expect(lists()).toHaveLength(2);

    await user.click(within(form).getByRole('button', { name: 'Change 2 patients' }));
    expect(await within(form).findByText(/^Changed 2 patients/)).toBeInTheDocument();
    expect(lists()).toEqual([]);
    // The patient page's patient stays, without what changed: it is fetched again when shown.
    expect(cache.extract()['Patient:pt-1']).toEqual({ __typename: 'Patient', id: 'pt-1', firstName: 'Ana' });
    expect(cache.extract()['Patient:pt-2']).toBeUndefined();
  });

  it('forgets the count when the change is edited', async () => {
    const { user, form } = await openUpdate([
      updateMock(ORGANIZATION, { preferredLanguage: 'EN' }, true, { matchedCount: 3, changedCount: 1 }),
    ]);
    await user.selectOptions(within(form).getByLabelText('Preferred language'), 'English');
    await user.click(within(form).getByRole('button', { name: 'Check count' }));
    expect(await within(form).findByRole('button', { name: 'Change 1 patient' })).toBeEnabled();

    await user.selectOptions(within(form).getByLabelText('New primary care physician'), 'prov-1');
    expect(within(form).getByRole('button', { name: 'Change patients' })).toBeDisabled();
  });

  it('asks for a change before counting anything', async () => {
    const { user, form } = await openUpdate([]);
    await user.click(within(form).getByRole('button', { name: 'Check count' }));
    expect(within(form).getByRole('alert')).toHaveTextContent('Choose at least one change.');
  });

  it('shows the server’s problems next to their fields', async () => {
    const { user, form } = await openUpdate([
      updateMock(
        { primaryCarePhysicianId: 'prov-1' },
        { primaryCarePhysicianId: 'prov-1' },
        true,
        new GraphQLError('Invalid input', {
          extensions: {
            code: 'BAD_USER_INPUT',
            problems: [{ field: 'input.primaryCarePhysicianId', message: 'must differ from the filter’s physician' }],
          },
        }),
      ),
    ]);
    await user.click(within(form).getByRole('radio', { name: 'Patients of one physician' }));
    await user.selectOptions(within(form).getByLabelText('Physician'), 'prov-1');
    await user.selectOptions(within(form).getByLabelText('New primary care physician'), 'prov-1');
    await user.click(within(form).getByRole('button', { name: 'Check count' }));

    expect(await within(form).findByRole('alert')).toHaveTextContent('Please correct the highlighted fields.');
    expect(within(form).getByLabelText('New primary care physician')).toHaveAccessibleDescription(
      'must differ from the filter’s physician',
    );
    expect(within(form).getByRole('button', { name: 'Change patients' })).toBeDisabled();
  });

  it('shows a problem about the request as a whole in the alert', async () => {
    const { user, form } = await openUpdate([
      updateMock(
        ORGANIZATION,
        { preferredLanguage: 'EN' },
        true,
        new GraphQLError('Invalid input', {
          extensions: {
            code: 'BAD_USER_INPUT',
            problems: [{ field: 'filter', message: 'must name at least one criterion' }],
          },
        }),
      ),
    ]);
    await user.selectOptions(within(form).getByLabelText('Preferred language'), 'English');
    await user.click(within(form).getByRole('button', { name: 'Check count' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('must name at least one criterion');
  });
});

describe('bulk patient change by a clinician', () => {
  it('changes one physician’s patients only, never the whole organization', async () => {
    const input = { preferredLanguage: 'ES' as const };
    const { user, form } = await openUpdate(
      [updateMock({ primaryCarePhysicianId: 'prov-1' }, input, true, { matchedCount: 4, changedCount: 3 })],
      CLINICIAN,
    );
    expect(within(form).queryByRole('radio', { name: 'All patients of my organization' })).not.toBeInTheDocument();
    await user.selectOptions(within(form).getByLabelText('Physician'), 'Dr. Maya Okafor (Family Medicine)');
    await user.selectOptions(within(form).getByLabelText('Preferred language'), 'Spanish');
    await user.click(within(form).getByRole('button', { name: 'Check count' }));
    expect(await within(form).findByText('Matching patients: 4. Patients that will change: 3.')).toBeInTheDocument();
  });
});
