import { screen, waitFor, within } from '@testing-library/react';
import type { MockLink } from '@apollo/client/testing';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { patient, showPatients } from '../test/fixtures';
import { PatientsDeleteMutation } from './DeletePatientDialog';

const ben = patient({ id: 'pt-2', firstName: 'Ben', lastName: 'Okafor', mrn: 'MRN-0002' });

function deleteMock(result: MockLink.MockedResponse['result']): MockLink.MockedResponse {
  return { request: { query: PatientsDeleteMutation, variables: { id: 'pt-1' } }, result };
}

async function openDialog(mocks: MockLink.MockedResponse[] = []) {
  const view = await showPatients(mocks, [patient(), ben]);
  const trigger = screen.getByRole('button', { name: 'Delete García, Ana' });
  await view.user.click(trigger);
  const dialog = screen.getByRole('alertdialog', { name: 'Delete Ana García?' });
  return { ...view, dialog, trigger };
}

describe('deleting a patient', () => {
  it('asks first, in a modal dialog that names the patient and starts on Cancel', async () => {
    const { dialog } = await openDialog();
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    expect(dialog).toHaveAccessibleDescription(
      'The record of Ana García (MRN MRN-0001) will be removed from Carebridge. This cannot be undone.',
    );
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
  });

  it('keeps the focus inside the dialog', async () => {
    const { user, dialog } = await openDialog();
    await user.tab();
    expect(within(dialog).getByRole('button', { name: 'Delete patient' })).toHaveFocus();
    await user.tab({ shift: true });
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
  });

  it('deletes on confirmation: the row goes, the count follows, the page says so', async () => {
    const { user, dialog } = await openDialog([deleteMock({ data: { deletePatient: 'pt-1' } })]);
    expect(screen.getByText('2 patients')).toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Delete patient' }));

    expect(await screen.findByText('Ana García was deleted.')).toBeInTheDocument();
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(screen.queryByRole('rowheader', { name: 'García, Ana' })).not.toBeInTheDocument();
    expect(screen.getByRole('rowheader', { name: 'Okafor, Ben' })).toBeInTheDocument();
    expect(screen.getByText('1 patient')).toBeInTheDocument();
    // Its button is gone with the row, so the focus goes to the page title.
    await waitFor(() => expect(screen.getByRole('heading', { level: 1, name: 'Patients' })).toHaveFocus());
  });

  it('cancels with the Cancel button, the focus back on the row’s Delete button', async () => {
    const { user, dialog, trigger } = await openDialog();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(screen.getByRole('rowheader', { name: 'García, Ana' })).toBeInTheDocument();
    expect(trigger).toHaveFocus();
  });

  it('cancels with Escape', async () => {
    const { user, trigger } = await openDialog();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(screen.getByRole('rowheader', { name: 'García, Ana' })).toBeInTheDocument();
    expect(trigger).toHaveFocus();
  });

  it('shows a refusal in the dialog and keeps the patient', async () => {
    const { user, dialog } = await openDialog([
      deleteMock({ errors: [new GraphQLError('Forbidden', { extensions: { code: 'FORBIDDEN' } })] }),
    ]);
    await user.click(within(dialog).getByRole('button', { name: 'Delete patient' }));

    expect(await within(dialog).findByRole('alert')).toHaveTextContent('You may not delete this patient.');
    expect(screen.getByRole('alertdialog')).toBeInTheDocument();
    expect(screen.getByRole('rowheader', { name: 'García, Ana' })).toBeInTheDocument();
    expect(screen.getByText('2 patients')).toBeInTheDocument();
  });

  it('says so when the network fails, and can try again', async () => {
    const { user, dialog } = await openDialog([
      { request: { query: PatientsDeleteMutation, variables: { id: 'pt-1' } }, error: new Error('offline') },
      deleteMock({ data: { deletePatient: 'pt-1' } }),
    ]);
    await user.click(within(dialog).getByRole('button', { name: 'Delete patient' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Something went wrong. Please try again.');

    await user.click(within(dialog).getByRole('button', { name: 'Delete patient' }));
    expect(await screen.findByText('Ana García was deleted.')).toBeInTheDocument();
  });
});
