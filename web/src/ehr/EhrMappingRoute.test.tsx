import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CLINICIAN, setup } from '../test/setup-app';
import { ADMIN, PATIENTS, ROUTE, SYMPTOMS, pageMocks } from './fixtures';

async function open() {
  const view = setup({ route: ROUTE, user: ADMIN, mocks: pageMocks() });
  await screen.findByLabelText('Source, row 1');
  return view;
}

describe('EHR mapping tool: access and editor', { timeout: 20_000 }, () => {
  it('is refused to a clinician', async () => {
    setup({ route: ROUTE, user: CLINICIAN });
    expect(await screen.findByRole('heading', { name: 'Not available to your role' })).toBeInTheDocument();
    expect(screen.queryByLabelText('EHR system')).not.toBeInTheDocument();
  });

  it('opens on the organization’s EHR system, marked as current, with its mapping as rows', async () => {
    await open();
    const picker = screen.getByLabelText('EHR system');
    expect(picker).toHaveDisplayValue('Athena (current)');
    expect(within(picker).getByRole('option', { name: 'Allscripts' })).toBeInTheDocument();
    expect(screen.getByLabelText('Source, row 1')).toHaveValue('name');
    expect(screen.getByLabelText('Target, row 2')).toHaveValue('GENDER_OF_PATIENT');
    expect(screen.getByLabelText('Transform, row 3')).toHaveValue('DATE_FORMAT');
    expect(screen.getByLabelText('Date format, row 3')).toHaveValue('MM/DD/YYYY');
    expect(screen.getByText('No unpublished changes: this is version 3')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Publish' })).toBeDisabled();
  });

  it('adds, edits and removes rows, then discards the changes', async () => {
    const { user } = await open();

    await user.click(screen.getByRole('button', { name: 'Add row' }));
    const source = screen.getByLabelText('Source, row 4');
    expect(source).toHaveFocus();
    await user.selectOptions(source, 'symptoms');
    // The endpoint that receives the source's category is suggested.
    expect(screen.getByLabelText('Endpoint, row 4')).toHaveValue(SYMPTOMS);
    await user.selectOptions(screen.getByLabelText('Target, row 4'), 'SYMPTOMS_CURRENT_PATIENT');
    expect(screen.getByText('You have unpublished changes')).toBeInTheDocument();

    // Another endpoint drops a target it does not accept.
    await user.selectOptions(screen.getByLabelText('Endpoint, row 4'), PATIENTS);
    expect(screen.getByLabelText('Target, row 4')).toHaveValue('');

    await user.click(screen.getByRole('button', { name: 'Remove row 1' }));
    expect(screen.getByLabelText('Source, row 1')).toHaveValue('gender');
    expect(screen.queryByLabelText('Source, row 4')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Remove row 1' })).toHaveFocus();

    await user.click(screen.getByRole('button', { name: 'Discard changes' }));
    expect(screen.getByLabelText('Source, row 1')).toHaveValue('name');
    expect(screen.queryByLabelText('Source, row 4')).not.toBeInTheDocument();
    expect(screen.getByText('No unpublished changes: this is version 3')).toBeInTheDocument();
  });

  it('lists what the mapping leaves out, and maps it in one step', async () => {
    const { user } = await open();
    const coverage = screen.getByRole('region', { name: 'Coverage' });
    expect(within(coverage).getByText('As the server reports it for the published version 3.')).toBeInTheDocument();
    expect(within(coverage).getByRole('heading', { name: 'Canonical fields not mapped (2)' })).toBeInTheDocument();
    expect(within(coverage).getByText('Do you have a cough?')).toBeInTheDocument();

    await user.click(within(coverage).getByRole('button', { name: 'Map Symptoms' }));

    expect(screen.getByLabelText('Source, row 4')).toHaveValue('symptoms');
    expect(screen.getByLabelText('Source, row 4')).toHaveFocus();
    expect(screen.getByLabelText('Endpoint, row 4')).toHaveValue(SYMPTOMS);
    // The draft now covers the symptom questions through their category's canonical field.
    expect(within(coverage).getByText(/Computed in your browser from your draft/)).toBeInTheDocument();
    expect(within(coverage).getByRole('heading', { name: 'Canonical fields not mapped (1)' })).toBeInTheDocument();
    expect(within(coverage).queryByText('Do you have a cough?')).not.toBeInTheDocument();
  });
});
