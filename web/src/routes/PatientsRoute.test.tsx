import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PatientsFilterProvidersQuery } from '../patients/PatientFilters';
import { PAGE_SIZE, PatientsQuery } from './PatientsRoute';
import { patient, patientsMock, providersMock, showPatients } from '../test/fixtures';
import { setup } from '../test/setup-app';

/** The text of a row's cells, without the last one (its edit and delete buttons). */
const cellsOf = (row: HTMLElement) =>
  within(row)
    .getAllByRole('cell')
    .slice(0, -1)
    .map((cell) => cell.textContent);

describe('patient page', () => {
  it('shows a loading state, then one row per patient with every column', async () => {
    setup({
      mocks: [
        providersMock(),
        patientsMock([
          patient(),
          patient({
            id: 'pt-2',
            firstName: 'Ben',
            lastName: 'Okafor',
            mrn: 'MRN-0002',
            gender: 'MALE',
            phone: null,
            email: null,
            primaryCarePhysician: null,
            ehrSystem: null,
            ehrTransactions: null,
          }),
        ]),
      ],
    });
    expect(screen.getByRole('status', { busy: true })).toHaveTextContent('Loading…');

    const ana = (await screen.findByRole('rowheader', { name: 'García, Ana' })).closest('tr')!;
    expect(cellsOf(ana)).toEqual([
      'MRN-0001',
      '1980-02-29',
      'Female',
      '+1 555 010 2030',
      'ana@example.com',
      'Dr. Maya Okafor',
      'Athena',
      'Delivered', // the newest transaction, not the older DEAD one
    ]);
    const ben = screen.getByRole('rowheader', { name: 'Okafor, Ben' }).closest('tr')!;
    // A subgraph that is down (null fields) shows as a dash, not a crash.
    expect(cellsOf(ben)).toEqual(['MRN-0002', '1980-02-29', 'Male', '—', '—', '—', '—', '—']);
    expect(screen.getByText('2 patients')).toBeInTheDocument();
    // The name opens the patient's page; the actions name the patient they act on.
    expect(within(ana).getByRole('link', { name: 'García, Ana' })).toHaveAttribute('href', '/patients/pt-1');
    expect(within(ana).getByRole('button', { name: 'Edit García, Ana' })).toHaveTextContent('Edit');
    expect(within(ben).getByRole('button', { name: 'Delete Okafor, Ben' })).toHaveTextContent('Delete');
  });

  it('has a designed empty state', async () => {
    setup({ mocks: [providersMock(), patientsMock([])] });
    expect(await screen.findByRole('heading', { name: 'No patients yet' })).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('has an error state with a retry', async () => {
    const { user } = setup({
      mocks: [
        providersMock(),
        { request: { query: PatientsQuery, variables: { first: PAGE_SIZE, filter: {} } }, error: new Error('down') },
        patientsMock([patient()]),
      ],
    });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The patient list could not be loaded');

    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('rowheader', { name: 'García, Ana' })).toBeInTheDocument();
  });

  it('searches with the filter once typing pauses', async () => {
    const { user } = setup({
      mocks: [
        providersMock(),
        patientsMock([patient()]),
        patientsMock([patient({ id: 'pt-9', firstName: 'Gary', lastName: 'Garner' })], { filter: { search: 'gar' } }),
      ],
    });
    await screen.findByRole('rowheader', { name: 'García, Ana' });

    await user.type(screen.getByLabelText('Search patients'), 'gar');

    expect(await screen.findByRole('rowheader', { name: 'Garner, Gary' })).toBeInTheDocument();
    expect(screen.queryByRole('rowheader', { name: 'García, Ana' })).not.toBeInTheDocument();
  });

  it('says so when a search matches nobody', async () => {
    const { user } = setup({
      mocks: [providersMock(), patientsMock([patient()]), patientsMock([], { filter: { search: 'zzz' } })],
    });
    await screen.findByRole('rowheader', { name: 'García, Ana' });
    await user.type(screen.getByLabelText('Search patients'), 'zzz');
    expect(await screen.findByRole('heading', { name: 'No patients match “zzz”' })).toBeInTheDocument();
  });

  it('loads the next page after the current one', async () => {
    const { user } = setup({
      mocks: [
        providersMock(),
        patientsMock([patient()], { hasNextPage: true, endCursor: 'c1', totalCount: 2 }),
        patientsMock([patient({ id: 'pt-2', firstName: 'Zoe', lastName: 'Zimmer' })], { after: 'c1', totalCount: 2 }),
      ],
    });
    await screen.findByRole('rowheader', { name: 'García, Ana' });

    await user.click(screen.getByRole('button', { name: 'Load more' }));

    expect(await screen.findByRole('rowheader', { name: 'Zimmer, Zoe' })).toBeInTheDocument();
    expect(screen.getByRole('rowheader', { name: 'García, Ana' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });

  it('filters by primary care physician, each filter with its own list', async () => {
    const { user } = await showPatients([
      patientsMock([patient({ id: 'pt-3', firstName: 'Rosa', lastName: 'Reyes' })], {
        filter: { primaryCarePhysicianId: 'prov-2' },
      }),
      patientsMock([], { filter: { search: 'ros', primaryCarePhysicianId: 'prov-2' } }),
    ]);
    const physician = screen.getByLabelText('Primary care physician');
    expect(physician).toHaveDisplayValue('All physicians');
    expect(await within(physician).findByRole('option', { name: 'Dr. Samuel Reyes' })).toBeInTheDocument();

    await user.selectOptions(physician, 'Dr. Samuel Reyes');
    expect(await screen.findByRole('rowheader', { name: 'Reyes, Rosa' })).toBeInTheDocument();
    expect(screen.queryByRole('rowheader', { name: 'García, Ana' })).not.toBeInTheDocument();
    expect(screen.getByText('1 patient')).toBeInTheDocument();

    // The search and the physician narrow together.
    await user.type(screen.getByLabelText('Search patients'), 'ros');
    expect(await screen.findByRole('heading', { name: 'No patients match these filters' })).toBeInTheDocument();
  });

  it('clears every filter from the empty state, back to the whole list', async () => {
    const { user } = await showPatients([patientsMock([], { filter: { primaryCarePhysicianId: 'prov-1' } })]);
    await screen.findByRole('option', { name: 'Dr. Maya Okafor' });
    await user.selectOptions(screen.getByLabelText('Primary care physician'), 'Dr. Maya Okafor');
    expect(await screen.findByRole('heading', { name: 'No patients match these filters' })).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));

    // The unfiltered list is still cached: no request, no mock needed.
    expect(await screen.findByRole('rowheader', { name: 'García, Ana' })).toBeInTheDocument();
    expect(screen.getByLabelText('Primary care physician')).toHaveDisplayValue('All physicians');
    expect(screen.getByLabelText('Search patients')).toHaveFocus();
  });

  it('clears the search too, at once', async () => {
    const { user } = await showPatients([patientsMock([], { filter: { search: 'zzz' } })]);
    await user.type(screen.getByLabelText('Search patients'), 'zzz');
    await screen.findByRole('heading', { name: 'No patients match “zzz”' });
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(screen.getByRole('rowheader', { name: 'García, Ana' })).toBeInTheDocument();
    expect(screen.getByLabelText('Search patients')).toHaveValue('');
  });

  it('shows the organization, the only one a staff member may see, and says why it cannot change', async () => {
    await showPatients();
    const organization = screen.getByLabelText('Organization');
    await within(organization).findByRole('option', { name: 'Riverside Hospital' });
    expect(organization).toBeDisabled();
    expect(organization).toHaveDisplayValue('Riverside Hospital');
    expect(organization).toHaveAccessibleDescription('You can see the patients of your own organization only.');
  });

  it('still lists patients when the physicians cannot be loaded', async () => {
    setup({
      mocks: [
        patientsMock([patient()]),
        { request: { query: PatientsFilterProvidersQuery }, error: new Error('down') },
      ],
    });
    await screen.findByRole('rowheader', { name: 'García, Ana' });
    expect(await screen.findByText('The physician list could not be loaded.')).toBeInTheDocument();
    expect(screen.getByLabelText('Primary care physician')).toHaveDisplayValue('All physicians');
  });
});
