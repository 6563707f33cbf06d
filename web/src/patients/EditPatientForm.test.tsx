import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { MockLink } from '@apollo/client/testing';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { PatientUpdateInput } from '../__generated__/graphql';
import {
  editablePatient,
  editPatientQueryMock,
  patient,
  PATIENT_DETAILS,
  patientsMock,
  showPatients,
} from '../test/fixtures';
import { PatientsEditUpdateMutation } from './EditPatientForm';

function updateMock(input: PatientUpdateInput, result: MockLink.MockedResponse['result']): MockLink.MockedResponse {
  return {
    request: { query: PatientsEditUpdateMutation, variables: { id: 'pt-1', input, expectedVersion: 3 } },
    result,
  };
}

async function openEdit(mocks: MockLink.MockedResponse[] = [], value = editablePatient()) {
  const view = await showPatients([editPatientQueryMock(value), ...mocks]);
  await view.user.click(screen.getByRole('button', { name: 'Edit García, Ana' }));
  const form = await screen.findByRole('form', { name: 'Edit Ana García' });
  return { ...view, form };
}

describe('edit-patient form', () => {
  it('opens prefilled with the patient’s current details, the focus on its title', async () => {
    const { form } = await openEdit();
    const heading = within(form).getByRole('heading', { name: 'Edit Ana García' });
    await waitFor(() => expect(heading).toHaveFocus());
    expect(screen.getByLabelText('First name')).toHaveValue('Ana');
    expect(screen.getByLabelText('Last name')).toHaveValue('García');
    expect(screen.getByLabelText('Gender')).toHaveDisplayValue('Female');
    expect(screen.getByLabelText('Date of birth')).toHaveValue('1980-02-29');
    // An existing patient's MRN cannot be cleared: not optional here.
    expect(screen.getByLabelText('MRN')).toHaveValue('MRN-0001');
    expect(screen.getByLabelText('Phone (optional)')).toHaveValue('+1 555 010 2030');
    expect(screen.getByLabelText('Email (optional)')).toHaveValue('ana@example.com');
    // Her physician shows at once, before the physician list has loaded.
    expect(screen.getByLabelText('Primary care physician (optional)')).toHaveDisplayValue('Dr. Maya Okafor');
    expect(screen.getByLabelText('Preferred language')).toHaveDisplayValue('English');
    // She has no address, emergency contact or insurance: folded away.
    expect(screen.getByText('Address (optional)').closest('details')).not.toHaveAttribute('open');
  });

  it('checks the same rules as adding, and sends nothing while a field is wrong', async () => {
    const { user } = await openEdit();
    await user.clear(screen.getByLabelText('First name'));
    await user.clear(screen.getByLabelText('MRN'));
    await user.clear(screen.getByLabelText('Email (optional)'));
    await user.type(screen.getByLabelText('Email (optional)'), 'ana@');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(screen.getByRole('alert')).toHaveTextContent('Please correct the highlighted fields.');
    expect(screen.getByLabelText('First name')).toHaveAccessibleDescription('Must be 1 to 100 characters.');
    expect(screen.getByLabelText('First name')).toHaveFocus();
    expect(screen.getByLabelText('MRN')).toHaveAccessibleDescription('This field is required.');
    expect(screen.getByLabelText('Email (optional)')).toHaveAccessibleDescription(
      'Enter an email address such as name@example.com.',
    );
    expect(screen.getByLabelText('Last name')).not.toHaveAttribute('aria-invalid');
  });

  it('says so when nothing changed, without a request', async () => {
    const { user } = await openEdit();
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Nothing has changed');
  });

  it('sends only the changed fields (an emptied optional one as null), then shows the saved row', async () => {
    const saved = editablePatient({ version: 4, lastName: 'García-Ruiz', phone: null });
    const { user } = await openEdit([
      updateMock({ lastName: 'García-Ruiz', phone: null }, { data: { updatePatient: saved } }),
      // Saving sends the patient to the EHR again: the list fetches the new last delivery.
      patientsMock(
        [
          patient({
            lastName: 'García-Ruiz',
            phone: null,
            lastEhrTransaction: { __typename: 'EhrTransaction', id: 'tx-3', status: 'PENDING' },
          }),
        ],
        { delay: 50 },
      ),
    ]);
    await user.type(screen.getByLabelText('Last name'), '-Ruiz');
    await user.clear(screen.getByLabelText('Phone (optional)'));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText('Changes to Ana García-Ruiz were saved.')).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: /^Edit/ })).not.toBeInTheDocument();
    // The cache holds the saved patient, so the list shows it while its deliveries reload.
    const row = screen.getByRole('rowheader', { name: 'García-Ruiz, Ana' }).closest('tr')!;
    // Phone and email share a cell: the cleared phone is a dash above the email.
    expect(within(row).getAllByRole('cell')[2]).toHaveTextContent('—ana@example.com');
    expect(within(row).getByText('Delivered')).toBeInTheDocument();
    // The focus goes back to the row's Edit button.
    await waitFor(() => expect(screen.getByRole('button', { name: 'Edit García-Ruiz, Ana' })).toHaveFocus());
    // Then the new delivery shows, the focus still there.
    expect(await within(row).findByText('Pending')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Edit García-Ruiz, Ana' })).toHaveFocus();
  });

  it('unfolds the groups the patient has; sends a changed group whole and a cleared one as null', async () => {
    const saved = editablePatient({
      version: 4,
      preferredLanguage: 'ES',
      primaryCarePhysician: null,
      emergencyContact: PATIENT_DETAILS.emergencyContact,
      insurance: { ...PATIENT_DETAILS.insurance, policyNumber: 'BS-999' },
    });
    const { user } = await openEdit(
      [
        updateMock(
          {
            primaryCarePhysicianId: null,
            preferredLanguage: 'ES',
            address: null,
            insurance: { provider: 'Blue Shield', policyNumber: 'BS-999' },
          },
          { data: { updatePatient: saved } },
        ),
        patientsMock([patient({ primaryCarePhysician: null })]),
      ],
      editablePatient(PATIENT_DETAILS),
    );
    for (const summary of ['Address (optional)', 'Emergency contact (optional)', 'Insurance (optional)']) {
      expect(screen.getByText(summary).closest('details')).toHaveAttribute('open');
    }
    expect(screen.getByLabelText('Street and number')).toHaveValue('12 Elm Street');
    expect(screen.getByLabelText('Apartment, suite or unit (optional)')).toHaveValue('Apt 4');
    expect(screen.getByLabelText('Country code (optional)')).toHaveValue('US');
    expect(screen.getByLabelText('Contact phone')).toHaveValue('+15550102031');
    expect(screen.getByLabelText('Policy number')).toHaveValue('BS-123456');

    // Clearing the address empties all its fields; the focus stays in the group.
    await user.click(screen.getByRole('button', { name: 'Clear the address' }));
    expect(screen.getByLabelText('Street and number')).toHaveValue('');
    expect(screen.getByLabelText('Country code (optional)')).toHaveValue('');
    await waitFor(() => expect(screen.getByLabelText('Street and number')).toHaveFocus());
    expect(screen.queryByRole('button', { name: 'Clear the address' })).not.toBeInTheDocument();
    await user.clear(screen.getByLabelText('Policy number'));
    await user.type(screen.getByLabelText('Policy number'), 'BS-999');
    // None takes her physician away (null); the emergency contact, unchanged, is not sent.
    await user.selectOptions(screen.getByLabelText('Primary care physician (optional)'), 'None');
    await user.selectOptions(screen.getByLabelText('Preferred language'), 'Spanish');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText('Changes to Ana García were saved.')).toBeInTheDocument();
  });

  it('a group field changed back to what it was is no change', async () => {
    const { user } = await openEdit([], editablePatient(PATIENT_DETAILS));
    await user.clear(screen.getByLabelText('City'));
    await user.type(screen.getByLabelText('City'), 'Springfield');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Nothing has changed');
  });

  it('shows the server’s problems on their fields', async () => {
    const { user } = await openEdit([
      updateMock(
        { mrn: 'MRN-0002' },
        {
          errors: [
            new GraphQLError('Invalid input', {
              extensions: {
                code: 'BAD_USER_INPUT',
                problems: [
                  {
                    field: 'mrn',
                    message: 'is already used by another patient of the organization',
                    code: 'MRN_TAKEN',
                  },
                ],
              },
            }),
          ],
        },
      ),
    ]);
    await user.clear(screen.getByLabelText('MRN'));
    await user.type(screen.getByLabelText('MRN'), 'MRN-0002');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Please correct the highlighted fields.');
    expect(screen.getByLabelText('MRN')).toHaveAccessibleDescription(
      'Another patient of your organization already has this MRN.',
    );
    await waitFor(() => expect(screen.getByLabelText('MRN')).toHaveFocus());
  });

  const conflict = (input: PatientUpdateInput) =>
    updateMock(input, {
      errors: [
        new GraphQLError('Patient pt-1 is at version 5, not 3', {
          extensions: { code: 'VERSION_CONFLICT', expectedVersion: 3, currentVersion: 5 },
        }),
      ],
    });

  it('on a version conflict, reloads the latest details with the user’s own edits kept on top', async () => {
    // Someone else renamed her and changed her email and date of birth meanwhile.
    const latest = editablePatient({
      version: 5,
      firstName: 'Anabel',
      email: 'anabel@example.com',
      dateOfBirth: '1980-03-02',
    });
    const { user } = await openEdit([
      conflict({ dateOfBirth: '1980-03-01', phone: '+1 555 010 7777' }),
      { ...editPatientQueryMock(latest), delay: 50 },
    ]);
    fireEvent.change(screen.getByLabelText('Date of birth'), { target: { value: '1980-03-01' } });
    await user.clear(screen.getByLabelText('Phone (optional)'));
    await user.type(screen.getByLabelText('Phone (optional)'), '+1 555 010 7777');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Someone else changed this patient after you opened the form');
    const reload = within(alert).getByRole('button', { name: 'Reload latest' });
    await user.click(reload);
    // Busy, it keeps the focus (aria-disabled, not disabled).
    expect(reload).toHaveTextContent('Reloading…');
    expect(reload).toHaveAttribute('aria-disabled', 'true');
    expect(reload).toHaveFocus();

    const form = await screen.findByRole('form', { name: 'Edit Anabel García' });
    // Their changes where the user changed nothing; the user's own edits on top of the rest.
    expect(within(form).getByLabelText('First name')).toHaveValue('Anabel');
    expect(within(form).getByLabelText('Email (optional)')).toHaveValue('anabel@example.com');
    expect(within(form).getByLabelText('Phone (optional)')).toHaveValue('+1 555 010 7777');
    expect(within(form).getByLabelText('Date of birth')).toHaveValue('1980-03-01');
    // What someone else changed is listed, and marked on its fields.
    expect(within(form).getByRole('status')).toHaveTextContent(
      'Someone else changed: First name, Date of birth, Email.',
    );
    expect(within(form).getByLabelText('First name')).toHaveAccessibleDescription('Changed by someone else.');
    expect(within(form).getByLabelText('Date of birth')).toHaveAccessibleDescription(
      'Changed by someone else too: your value is kept.',
    );
    expect(within(form).getByLabelText('Phone (optional)')).not.toHaveAccessibleDescription();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('after the reload, saves the kept edits against the latest version', async () => {
    const latest = editablePatient({ version: 5, firstName: 'Anabel' });
    const saved = editablePatient({ version: 6, firstName: 'Anabel', lastName: 'García-Ruiz' });
    const { user } = await openEdit([
      conflict({ lastName: 'García-Ruiz' }),
      editPatientQueryMock(latest),
      {
        request: {
          query: PatientsEditUpdateMutation,
          variables: { id: 'pt-1', input: { lastName: 'García-Ruiz' }, expectedVersion: 5 },
        },
        result: { data: { updatePatient: saved } },
      },
      patientsMock([patient({ firstName: 'Anabel', lastName: 'García-Ruiz' })]),
    ]);
    await user.type(screen.getByLabelText('Last name'), '-Ruiz');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await user.click(within(await screen.findByRole('alert')).getByRole('button', { name: 'Reload latest' }));
    const form = await screen.findByRole('form', { name: 'Edit Anabel García' });
    expect(within(form).getByLabelText('Last name')).toHaveValue('García-Ruiz');

    await user.click(within(form).getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Changes to Anabel García-Ruiz were saved.')).toBeInTheDocument();
  });

  it('cancels back to the row it was opened from', async () => {
    const { user } = await openEdit();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('form', { name: 'Edit Ana García' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Edit García, Ana' })).toHaveFocus();
  });
});
