import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { MockLink } from '@apollo/client/testing';
import type { UserEvent } from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { PatientInput } from '../__generated__/graphql';
import { patient, patientsMock, showPatients } from '../test/fixtures';
import { PatientsBulkCreateMutation } from './useCreatePatientMutation';

const lucia: PatientInput = {
  firstName: 'Lucía',
  lastName: 'Fernández',
  gender: 'FEMALE',
  dateOfBirth: '1990-05-17',
  preferredLanguage: 'EN',
};
const tomas: PatientInput = {
  firstName: 'Tomás',
  lastName: 'Ruiz',
  gender: 'MALE',
  dateOfBirth: '1975-11-02',
  mrn: 'MRN-0001',
  email: 'tomas@example.com',
  preferredLanguage: 'EN',
};

function createMock(inputs: PatientInput[], result: MockLink.MockedResponse['result']): MockLink.MockedResponse {
  return { request: { query: PatientsBulkCreateMutation, variables: { inputs } }, result };
}

async function openBulk(mocks: MockLink.MockedResponse[] = []) {
  const view = await showPatients(mocks);
  await view.user.click(screen.getByRole('button', { name: 'Add several patients' }));
  return view;
}

const row = (number: number) => screen.getByRole('group', { name: `Patient ${number}` });

async function fill(user: UserEvent, number: number, input: PatientInput) {
  const group = row(number);
  await user.type(within(group).getByLabelText('First name'), input.firstName);
  await user.type(within(group).getByLabelText('Last name'), input.lastName);
  await user.selectOptions(within(group).getByLabelText('Gender'), input.gender === 'MALE' ? 'Male' : 'Female');
  fireEvent.change(within(group).getByLabelText('Date of birth'), { target: { value: input.dateOfBirth } });
  if (input.mrn) await user.type(within(group).getByLabelText('MRN (optional)'), input.mrn);
  if (input.email) await user.type(within(group).getByLabelText('Email (optional)'), input.email);
  if (input.primaryCarePhysicianId) {
    const physician = within(group).getByLabelText('Primary care physician (optional)');
    await within(physician).findByRole('option', { name: 'Dr. Samuel Reyes' });
    await user.selectOptions(physician, input.primaryCarePhysicianId);
  }
  if (input.preferredLanguage === 'ES') {
    await user.selectOptions(within(group).getByLabelText('Preferred language'), 'Spanish');
  }
}

describe('adding several patients', () => {
  it('builds a list: rows are added (focus on the new one) and removed', async () => {
    const { user } = await openBulk();
    expect(screen.getByRole('heading', { name: 'Add several patients' })).toHaveFocus();
    expect(screen.getAllByRole('group', { name: /^Patient \d$/ })).toHaveLength(2);

    await user.click(screen.getByRole('button', { name: 'Add another patient' }));
    expect(within(row(3)).getByLabelText('First name')).toHaveFocus();

    await user.type(within(row(2)).getByLabelText('First name'), 'Second');
    await user.type(within(row(3)).getByLabelText('First name'), 'Third');
    await user.click(screen.getByRole('button', { name: 'Remove patient 2' }));

    expect(screen.getAllByRole('group', { name: /^Patient \d$/ })).toHaveLength(2);
    expect(within(row(2)).getByLabelText('First name')).toHaveValue('Third');
    expect(within(row(2)).getByLabelText('First name')).toHaveFocus();
  });

  it('checks every row with the add form’s rules before the review, skipping empty rows', async () => {
    const { user } = await openBulk();
    await fill(user, 1, lucia);
    await user.type(within(row(1)).getByLabelText('Phone (optional)'), '123');
    await user.click(screen.getByRole('button', { name: 'Add another patient' }));
    await fill(user, 3, { ...tomas, mrn: 'mrn-0001' });
    await user.clear(within(row(1)).getByLabelText('MRN (optional)'));
    await user.type(within(row(1)).getByLabelText('MRN (optional)'), 'MRN-0001');
    await user.click(screen.getByRole('button', { name: 'Review' }));

    expect(screen.getByRole('alert')).toHaveTextContent('Please correct the highlighted fields.');
    expect(within(row(1)).getByLabelText('Phone (optional)')).toHaveAccessibleDescription('Must have 7 to 15 digits.');
    expect(within(row(1)).getByLabelText('Phone (optional)')).toHaveFocus();
    // MRNs must differ within the list too (as the server checks, whatever the case).
    expect(within(row(3)).getByLabelText('MRN (optional)')).toHaveAccessibleDescription(
      'Generated when left empty. Used by another patient of this list.',
    );
    // The empty second row is not an error: it is skipped.
    expect(within(row(2)).getByLabelText('First name')).not.toHaveAttribute('aria-invalid');
    expect(screen.queryByRole('button', { name: /^Create/ })).not.toBeInTheDocument();
  });

  it('will not review an empty list', async () => {
    const { user } = await openBulk();
    await user.click(screen.getByRole('button', { name: 'Review' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Enter at least one patient.');
  });

  it('reviews the list, creates it in one call, then says how many and refreshes the list', async () => {
    const { user } = await openBulk([
      createMock([lucia, tomas], {
        data: {
          createPatients: [
            { __typename: 'Patient', id: 'pt-10' },
            { __typename: 'Patient', id: 'pt-11' },
          ],
        },
      }),
      patientsMock([
        patient({ id: 'pt-10', firstName: 'Lucía', lastName: 'Fernández', mrn: 'MRN-0099' }),
        patient(),
        patient({ id: 'pt-11', firstName: 'Tomás', lastName: 'Ruiz' }),
      ]),
    ]);
    await fill(user, 1, lucia);
    await fill(user, 2, tomas);
    await user.click(screen.getByRole('button', { name: 'Review' }));

    const heading = screen.getByRole('heading', { name: 'Review 2 patients' });
    expect(heading).toHaveFocus();
    const table = screen.getByRole('table', { name: 'Patients to create' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['Fernández, Lucía', 'Ruiz, Tomás']);
    expect(within(rows[0]!).getByText('Generated')).toBeInTheDocument();

    // Going back keeps everything typed.
    await user.click(screen.getByRole('button', { name: 'Back to editing' }));
    expect(within(row(2)).getByLabelText('Email (optional)')).toHaveValue('tomas@example.com');
    await user.click(screen.getByRole('button', { name: 'Review' }));

    await user.click(screen.getByRole('button', { name: 'Create 2 patients' }));

    expect(await screen.findByText('2 patients were added.')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Add several patients' })).not.toBeInTheDocument();
    expect(await screen.findByRole('rowheader', { name: 'Ruiz, Tomás' })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Add several patients' })).toHaveFocus());
  });

  it('puts the server’s problems back on their rows and fields, having created nothing', async () => {
    const { user } = await openBulk([
      createMock([lucia, tomas], {
        errors: [
          new GraphQLError('Invalid input', {
            extensions: {
              code: 'BAD_USER_INPUT',
              problems: [
                {
                  field: 'inputs[1].mrn',
                  message: 'is already used by another patient of the organization',
                  code: 'MRN_TAKEN',
                },
              ],
            },
          }),
        ],
      }),
    ]);
    await fill(user, 1, lucia);
    // A blank row between them: not sent, so the server's inputs[1] is the third row.
    await user.click(screen.getByRole('button', { name: 'Add another patient' }));
    await fill(user, 3, tomas);
    await user.click(screen.getByRole('button', { name: 'Review' }));
    await user.click(screen.getByRole('button', { name: 'Create 2 patients' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Nothing was created.');
    const mrn = within(row(3)).getByLabelText('MRN (optional)');
    expect(mrn).toHaveAccessibleDescription(
      'Generated when left empty. Another patient of your organization already has this MRN.',
    );
    await waitFor(() => expect(mrn).toHaveFocus());
    expect(within(row(1)).getByLabelText('MRN (optional)')).not.toHaveAttribute('aria-invalid');
    // Nothing typed is lost.
    expect(within(row(1)).getByLabelText('First name')).toHaveValue('Lucía');
    expect(within(row(3)).getByLabelText('Email (optional)')).toHaveValue('tomas@example.com');
  });

  it('stays on the review, list intact, when the request fails for another reason', async () => {
    const { user } = await openBulk([
      { request: { query: PatientsBulkCreateMutation, variables: { inputs: [lucia] } }, error: new Error('offline') },
    ]);
    await fill(user, 1, lucia);
    await user.click(screen.getByRole('button', { name: 'Review' }));
    await user.click(screen.getByRole('button', { name: 'Create 1 patient' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Something went wrong. Please try again.');
    expect(screen.getByRole('heading', { name: 'Review 1 patient' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Create 1 patient' })).toBeInTheDocument();
  });

  it('gives each row a physician and a language (shown in the review), not the optional groups', async () => {
    const rosa: PatientInput = { ...lucia, primaryCarePhysicianId: 'prov-2', preferredLanguage: 'ES' };
    const { user } = await openBulk([
      createMock([rosa], { data: { createPatients: [{ __typename: 'Patient', id: 'pt-10' }] } }),
      patientsMock([patient()]),
    ]);
    expect(within(row(1)).queryByText('Address (optional)')).not.toBeInTheDocument();
    await fill(user, 1, rosa);
    // A language chosen alone does not make a row count: row 2 is still skipped.
    await user.selectOptions(within(row(2)).getByLabelText('Preferred language'), 'Spanish');
    await user.selectOptions(within(row(2)).getByLabelText('Preferred language'), 'English');
    await user.click(screen.getByRole('button', { name: 'Review' }));

    const table = screen.getByRole('table', { name: 'Patients to create' });
    const [header, first] = within(table).getAllByRole('row');
    expect(
      within(header!)
        .getAllByRole('columnheader')
        .map((cell) => cell.textContent),
    ).toContain('Primary care physician');
    expect(within(first!).getByText('Dr. Samuel Reyes')).toBeInTheDocument();
    expect(within(first!).getByText('Spanish')).toBeInTheDocument();
    expect(within(first!).getByText('May 17, 1990')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Create 1 patient' }));
    expect(await screen.findByText('1 patient was added.')).toBeInTheDocument();
  });

  it('puts a server problem with a row’s physician on that row’s select', async () => {
    const withPhysician: PatientInput = { ...tomas, primaryCarePhysicianId: 'prov-2' };
    const { user } = await openBulk([
      createMock([lucia, withPhysician], {
        errors: [
          new GraphQLError('Invalid input', {
            extensions: {
              code: 'BAD_USER_INPUT',
              problems: [
                {
                  field: 'inputs[1].primaryCarePhysicianId',
                  message: "must be a provider of the patient's organization",
                },
                { field: 'inputs[0].address.city', message: 'must not be empty' },
              ],
            },
          }),
        ],
      }),
    ]);
    await fill(user, 1, lucia);
    await fill(user, 2, withPhysician);
    await user.click(screen.getByRole('button', { name: 'Review' }));
    await user.click(screen.getByRole('button', { name: 'Create 2 patients' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Nothing was created.');
    const physician = within(row(2)).getByLabelText('Primary care physician (optional)');
    await waitFor(() =>
      expect(physician).toHaveAccessibleDescription('This value was not accepted. Check it and try again.'),
    );
    await waitFor(() => expect(physician).toHaveFocus());
    // A field a row does not show is named in the row's message instead.
    expect(within(row(1)).getByText('City: This value was not accepted. Check it and try again.')).toBeInTheDocument();
  });

  it('keeps the focus on the busy Create button (aria-disabled) and ignores another press', async () => {
    let requests = 0;
    const { user } = await openBulk([
      {
        request: { query: PatientsBulkCreateMutation, variables: { inputs: [lucia] } },
        result: () => {
          requests += 1;
          return { data: { createPatients: [{ __typename: 'Patient', id: 'pt-10' }] } };
        },
        delay: 100,
        maxUsageCount: 2,
      },
      patientsMock([patient()]),
    ]);
    await fill(user, 1, lucia);
    await user.click(screen.getByRole('button', { name: 'Review' }));
    await user.click(screen.getByRole('button', { name: 'Create 1 patient' }));

    const busy = screen.getByRole('button', { name: 'Creating…' });
    expect(busy).toHaveAttribute('aria-disabled', 'true');
    expect(busy).toBeEnabled();
    expect(busy).toHaveFocus();
    expect(screen.getByRole('button', { name: 'Back to editing' })).toHaveAttribute('aria-disabled', 'true');
    await user.click(busy);
    await user.click(screen.getByRole('button', { name: 'Back to editing' }));

    expect(await screen.findByText('1 patient was added.')).toBeInTheDocument();
    expect(requests).toBe(1);
  });
});
