import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PAGE_SIZE, PatientsQuery } from './PatientsRoute';
import { patient, patientsMock } from '../test/fixtures';
import { setup } from '../test/setup-app';

describe('patient page', () => {
  it('shows a loading state, then one row per patient with every column', async () => {
    setup({
      mocks: [
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
    expect(
      within(ana)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual([
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
    expect(
      within(ben)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['MRN-0002', '1980-02-29', 'Male', '—', '—', '—', '—', '—']);
    expect(screen.getByText('2 patients')).toBeInTheDocument();
  });

  it('has a designed empty state', async () => {
    setup({ mocks: [patientsMock([])] });
    expect(await screen.findByRole('heading', { name: 'No patients yet' })).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('has an error state with a retry', async () => {
    const { user } = setup({
      mocks: [
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
    const { user } = setup({ mocks: [patientsMock([patient()]), patientsMock([], { filter: { search: 'zzz' } })] });
    await screen.findByRole('rowheader', { name: 'García, Ana' });
    await user.type(screen.getByLabelText('Search patients'), 'zzz');
    expect(await screen.findByRole('heading', { name: 'No patients match “zzz”' })).toBeInTheDocument();
  });

  it('loads the next page after the current one', async () => {
    const { user } = setup({
      mocks: [
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
});
