import { fireEvent, screen, within } from '@testing-library/react';
import type { MockLink } from '@apollo/client/testing';
import type { UserEvent } from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { PatientInput } from '../__generated__/graphql';
import { patient, patientsMock, showPatients } from '../test/fixtures';
import { PatientsCreateMutation } from './useCreatePatientMutation';

async function openForm(mocks: MockLink.MockedResponse[] = []) {
  const view = await showPatients(mocks);
  await view.user.click(screen.getByRole('button', { name: 'Add patient' }));
  return view;
}

const input: PatientInput = {
  firstName: 'Lucía',
  lastName: 'Fernández',
  gender: 'FEMALE',
  dateOfBirth: '1990-05-17',
  mrn: 'MRN-0001',
  preferredLanguage: 'EN',
};

/** The required fields of `input`, valid. */
async function fillCore(user: UserEvent) {
  await user.type(screen.getByLabelText('First name'), input.firstName);
  await user.type(screen.getByLabelText('Last name'), input.lastName);
  await user.selectOptions(screen.getByLabelText('Gender'), 'Female');
  fireEvent.change(screen.getByLabelText('Date of birth'), { target: { value: input.dateOfBirth } });
}

/** An optional group's fold (`<details>`), found by its summary. */
const fold = (summary: string) => screen.getByText(summary).closest('details')!;
const submitButton = () =>
  within(screen.getByRole('form', { name: 'Add a patient' })).getByRole('button', { name: /^Add/ });

function createMock(variables: PatientInput, result: MockLink.MockedResponse['result']): MockLink.MockedResponse {
  return { request: { query: PatientsCreateMutation, variables: { input: variables } }, result };
}
const created = {
  data: { createPatient: { __typename: 'Patient', id: 'pt-new', firstName: 'Lucía', lastName: 'Fernández' } },
};

describe('add-patient form', () => {
  it('shows an error next to each invalid field and sends nothing', async () => {
    const { user } = await openForm();
    const form = screen.getByRole('form', { name: 'Add a patient' });
    fireEvent.change(screen.getByLabelText('Date of birth'), { target: { value: '2999-01-01' } });
    await user.type(screen.getByLabelText('Phone (optional)'), '123');
    await user.type(screen.getByLabelText('Email (optional)'), 'lucia@');
    await user.click(screen.getAllByRole('button', { name: 'Add patient' }).at(-1)!);

    expect(screen.getByRole('alert')).toHaveTextContent('Please correct the highlighted fields.');
    expect(screen.getByLabelText('First name')).toHaveAccessibleDescription('Must be 1 to 100 characters.');
    expect(screen.getByLabelText('Last name')).toHaveAccessibleDescription('Must be 1 to 100 characters.');
    expect(screen.getByLabelText('Gender')).toHaveAccessibleDescription('This field is required.');
    expect(screen.getByLabelText('Date of birth')).toHaveAccessibleDescription('Must not be in the future.');
    expect(screen.getByLabelText('Phone (optional)')).toHaveAccessibleDescription('Must have 7 to 15 digits.');
    expect(screen.getByLabelText('Email (optional)')).toHaveAccessibleDescription(
      'Enter an email address such as name@example.com.',
    );
    expect(screen.getByLabelText('MRN (optional)')).not.toHaveAttribute('aria-invalid');
    expect(form).toBeInTheDocument();
  });

  it('shows the server’s problems next to their fields, worded from their code', async () => {
    const { user } = await openForm([
      {
        request: { query: PatientsCreateMutation, variables: { input } },
        result: {
          errors: [
            new GraphQLError('Invalid input. mrn: is already used by another patient of the organization', {
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
      },
    ]);
    await user.type(screen.getByLabelText('First name'), input.firstName);
    await user.type(screen.getByLabelText('Last name'), input.lastName);
    await user.selectOptions(screen.getByLabelText('Gender'), 'Female');
    fireEvent.change(screen.getByLabelText('Date of birth'), { target: { value: input.dateOfBirth } });
    await user.type(screen.getByLabelText('MRN (optional)'), 'MRN-0001');
    await user.click(screen.getAllByRole('button', { name: 'Add patient' }).at(-1)!);

    // In the UI language, from the problem's code: never the server's English reason.
    expect(await screen.findByText('Another patient of your organization already has this MRN.')).toBeInTheDocument();
    expect(screen.getByLabelText('MRN (optional)')).toHaveAccessibleDescription(
      'Generated when left empty. Another patient of your organization already has this MRN.',
    );
    expect(screen.queryByText(/already used by another patient/)).not.toBeInTheDocument();
    expect(screen.getByLabelText('First name')).not.toHaveAttribute('aria-invalid');
  });

  it('adds the patient, closes the form and refreshes the list', async () => {
    const created = { ...input, mrn: undefined };
    const { user } = await openForm([
      {
        request: { query: PatientsCreateMutation, variables: { input: created } },
        result: {
          data: { createPatient: { __typename: 'Patient', id: 'pt-new', firstName: 'Lucía', lastName: 'Fernández' } },
        },
      },
      patientsMock([patient(), patient({ id: 'pt-new', firstName: 'Lucía', lastName: 'Fernández', mrn: 'MRN-0099' })]),
    ]);
    await user.type(screen.getByLabelText('First name'), input.firstName);
    await user.type(screen.getByLabelText('Last name'), input.lastName);
    await user.selectOptions(screen.getByLabelText('Gender'), 'Female');
    fireEvent.change(screen.getByLabelText('Date of birth'), { target: { value: input.dateOfBirth } });
    await user.click(screen.getAllByRole('button', { name: 'Add patient' }).at(-1)!);

    const notice = await screen.findByText('Lucía Fernández was added.', { exact: false });
    expect(screen.queryByRole('form', { name: 'Add a patient' })).not.toBeInTheDocument();
    // The notice links to the new patient, whose row stands out in the refreshed list.
    expect(within(notice).getByRole('link', { name: 'Open the patient’s page' })).toHaveAttribute(
      'href',
      '/patients/pt-new',
    );
    const row = (await screen.findByRole('rowheader', { name: 'Fernández, Lucía' })).closest('tr')!;
    expect(row).toHaveClass('table__row--new');
    expect(within(row).getByText('New')).toBeInTheDocument();
    expect(screen.getByRole('rowheader', { name: 'García, Ana' }).closest('tr')).not.toHaveClass('table__row--new');
  });

  it('offers the physician and the preferred language, and folds the optional groups away', async () => {
    const { user } = await openForm();
    const physician = screen.getByLabelText('Primary care physician (optional)');
    expect(physician).toHaveDisplayValue('None');
    expect(await within(physician).findByRole('option', { name: 'Dr. Samuel Reyes' })).toBeInTheDocument();
    const language = screen.getByLabelText('Preferred language');
    expect(language).toHaveDisplayValue('English');
    expect(
      within(language)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['English', 'Spanish']);

    for (const summary of ['Address (optional)', 'Emergency contact (optional)', 'Insurance (optional)']) {
      expect(fold(summary)).not.toHaveAttribute('open');
    }
    await user.click(screen.getByText('Address (optional)'));
    expect(fold('Address (optional)')).toHaveAttribute('open');
    expect(screen.getByRole('group', { name: 'Address (optional)' })).toHaveAccessibleDescription(
      'Leave every field empty, or fill in at least those not marked optional.',
    );
  });

  it('checks a started group with the server’s rules, unfolding it to show the problems', async () => {
    const { user } = await openForm();
    await fillCore(user);
    await user.click(screen.getByText('Address (optional)'));
    await user.type(screen.getByLabelText('City'), 'Springfield');
    await user.type(screen.getByLabelText('Country code (optional)'), 'XX');
    await user.click(screen.getByText('Emergency contact (optional)'));
    await user.type(screen.getByLabelText('Contact phone'), '123');
    await user.click(screen.getByText('Insurance (optional)'));
    await user.type(screen.getByLabelText('Insurer'), 'Blue Shield');
    await user.click(screen.getByLabelText('Policy number'));
    await user.paste('X'.repeat(65));
    // Folded again before sending: a group with a problem unfolds by itself.
    await user.click(screen.getByText('Address (optional)'));
    expect(fold('Address (optional)')).not.toHaveAttribute('open');
    await user.click(submitButton());

    expect(screen.getByRole('alert')).toHaveTextContent('Please correct the highlighted fields.');
    expect(fold('Address (optional)')).toHaveAttribute('open');
    const required = 'This field is required.';
    expect(screen.getByLabelText('Street and number')).toHaveAccessibleDescription(required);
    expect(screen.getByLabelText('Street and number')).toHaveFocus();
    expect(screen.getByLabelText('State or region')).toHaveAccessibleDescription(required);
    expect(screen.getByLabelText('Postal code')).toHaveAccessibleDescription(required);
    expect(screen.getByLabelText('Country code (optional)')).toHaveAccessibleDescription(
      'Two letters, such as US. US when left empty. Enter a two-letter country code such as US.',
    );
    expect(screen.getByLabelText('City')).not.toHaveAttribute('aria-invalid');
    expect(screen.getByLabelText('Apartment, suite or unit (optional)')).not.toHaveAttribute('aria-invalid');
    expect(screen.getByLabelText('Contact name')).toHaveAccessibleDescription(required);
    expect(screen.getByLabelText('Relationship')).toHaveAccessibleDescription(required);
    expect(screen.getByLabelText('Contact phone')).toHaveAccessibleDescription('Must have 7 to 15 digits.');
    expect(screen.getByLabelText('Insurer')).not.toHaveAttribute('aria-invalid');
    expect(screen.getByLabelText('Policy number')).toHaveAccessibleDescription('Must be at most 64 characters.');
  });

  it('sends the physician, the language and the filled groups, leaving out the empty ones', async () => {
    const { user } = await openForm([
      createMock(
        {
          firstName: 'Lucía',
          lastName: 'Fernández',
          gender: 'FEMALE',
          dateOfBirth: '1990-05-17',
          primaryCarePhysicianId: 'prov-2',
          preferredLanguage: 'ES',
          address: { line1: '12 Elm Street', city: 'Springfield', state: 'IL', postalCode: '62701', country: 'MX' },
          insurance: { provider: 'Blue Shield', policyNumber: 'BS-123456' },
        },
        created,
      ),
      patientsMock([patient()]),
    ]);
    await fillCore(user);
    const physician = screen.getByLabelText('Primary care physician (optional)');
    await within(physician).findByRole('option', { name: 'Dr. Samuel Reyes' });
    await user.selectOptions(physician, 'Dr. Samuel Reyes');
    await user.selectOptions(screen.getByLabelText('Preferred language'), 'Spanish');
    await user.click(screen.getByText('Address (optional)'));
    await user.type(screen.getByLabelText('Street and number'), ' 12 Elm Street ');
    await user.type(screen.getByLabelText('City'), 'Springfield');
    await user.type(screen.getByLabelText('State or region'), 'IL');
    await user.type(screen.getByLabelText('Postal code'), '62701');
    await user.type(screen.getByLabelText('Country code (optional)'), 'mx');
    await user.click(screen.getByText('Insurance (optional)'));
    await user.type(screen.getByLabelText('Insurer'), 'Blue Shield');
    await user.type(screen.getByLabelText('Policy number'), 'BS-123456');
    // Opened, but left empty: not sent.
    await user.click(screen.getByText('Emergency contact (optional)'));
    await user.click(submitButton());

    expect(await screen.findByText('Lucía Fernández was added.')).toBeInTheDocument();
  });

  it('puts a server problem of a group on its field, unfolding the group', async () => {
    const { user } = await openForm([
      createMock(
        {
          ...input,
          mrn: undefined,
          emergencyContact: { name: 'Luis García', relationship: 'Spouse', phone: '+1 555 010 2031' },
        },
        {
          errors: [
            new GraphQLError('Invalid input', {
              extensions: {
                code: 'BAD_USER_INPUT',
                problems: [{ field: 'emergencyContact.relationship', message: 'is not a relationship we know' }],
              },
            }),
          ],
        },
      ),
    ]);
    await fillCore(user);
    await user.click(screen.getByText('Emergency contact (optional)'));
    await user.type(screen.getByLabelText('Contact name'), 'Luis García');
    await user.type(screen.getByLabelText('Relationship'), 'Spouse');
    await user.type(screen.getByLabelText('Contact phone'), '+1 555 010 2031');
    await user.click(screen.getByText('Emergency contact (optional)'));
    await user.click(submitButton());

    const relationship = await screen.findByLabelText('Relationship');
    // A problem without a code known here: a general message, not the server's English.
    await screen.findByText('This value was not accepted. Check it and try again.');
    expect(relationship).toHaveAccessibleDescription('This value was not accepted. Check it and try again.');
    expect(relationship).toHaveFocus();
    expect(fold('Emergency contact (optional)')).toHaveAttribute('open');
    expect(screen.getByRole('alert')).toHaveTextContent('Please correct the highlighted fields.');
  });

  it('keeps the focus on the busy submit button (aria-disabled) and ignores another press', async () => {
    let requests = 0;
    const { user } = await openForm([
      {
        request: { query: PatientsCreateMutation, variables: { input: { ...input, mrn: undefined } } },
        result: () => {
          requests += 1;
          return created;
        },
        delay: 100,
        maxUsageCount: 2,
      },
      patientsMock([patient()]),
    ]);
    await fillCore(user);
    await user.click(submitButton());

    const busy = submitButton();
    expect(busy).toHaveTextContent('Adding…');
    expect(busy).toHaveAttribute('aria-disabled', 'true');
    expect(busy).toBeEnabled();
    expect(busy).toHaveFocus();
    await user.click(busy);
    await user.keyboard('{Enter}');

    expect(await screen.findByText('Lucía Fernández was added.')).toBeInTheDocument();
    expect(requests).toBe(1);
  });
});
