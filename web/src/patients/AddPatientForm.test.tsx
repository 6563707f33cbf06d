import { fireEvent, screen } from '@testing-library/react';
import type { MockLink } from '@apollo/client/testing';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { patient, patientsMock, showPatients } from '../test/fixtures';
import { CreatePatientMutation } from './useCreatePatientMutation';

async function openForm(mocks: MockLink.MockedResponse[] = []) {
  const view = await showPatients(mocks);
  await view.user.click(screen.getByRole('button', { name: 'Add patient' }));
  return view;
}

const input = {
  firstName: 'Lucía',
  lastName: 'Fernández',
  gender: 'FEMALE',
  dateOfBirth: '1990-05-17',
  mrn: 'MRN-0001',
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

  it('shows the server’s problems next to their fields', async () => {
    const { user } = await openForm([
      {
        request: { query: CreatePatientMutation, variables: { input } },
        result: {
          errors: [
            new GraphQLError('Invalid input. mrn: is already used by another patient of the organization', {
              extensions: {
                code: 'BAD_USER_INPUT',
                problems: [{ field: 'mrn', message: 'is already used by another patient of the organization' }],
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
    await user.type(screen.getByLabelText('MRN (optional)'), input.mrn);
    await user.click(screen.getAllByRole('button', { name: 'Add patient' }).at(-1)!);

    expect(await screen.findByText('is already used by another patient of the organization')).toBeInTheDocument();
    expect(screen.getByLabelText('MRN (optional)')).toHaveAccessibleDescription(
      'Generated when left empty. is already used by another patient of the organization',
    );
    expect(screen.getByLabelText('First name')).not.toHaveAttribute('aria-invalid');
  });

  it('adds the patient, closes the form and refreshes the list', async () => {
    const created = { ...input, mrn: undefined };
    const { user } = await openForm([
      {
        request: { query: CreatePatientMutation, variables: { input: created } },
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

    expect(await screen.findByText('Lucía Fernández was added.')).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Add a patient' })).not.toBeInTheDocument();
    expect(await screen.findByRole('rowheader', { name: 'Fernández, Lucía' })).toBeInTheDocument();
  });
});
