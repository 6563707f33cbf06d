import { screen, waitFor, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { PatientsFilterProvidersQuery } from './PatientFilters';
import { PAGE_SIZE, PatientsQuery } from './PatientsRoute';
import { editPatientQueryMock, patient, patientsMock, showPatients } from '../test/fixtures';
import { providersMock, setup } from '../test/setup-app';
import { ageOn } from '../lib/format';

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
            lastEhrTransaction: null,
          }),
          patient({
            id: 'pt-3',
            firstName: 'Carla',
            lastName: 'Ruiz',
            mrn: 'MRN-0003',
            dateOfBirth: '2001-12-31',
            lastEhrTransaction: { __typename: 'EhrTransaction', id: 'tx-9', status: 'FAILED' },
          }),
        ]),
      ],
    });
    expect(screen.getByRole('status', { busy: true })).toHaveTextContent('Loading…');

    const ana = (await screen.findByRole('rowheader', { name: 'García, Ana' })).closest('tr')!;
    const age = ageOn('1980-02-29');
    // Seven columns that fit a 1280 px screen: values that go together share a cell.
    expect(screen.getAllByRole('columnheader').map((th) => th.textContent)).toEqual([
      'Name',
      'MRN',
      'Date of birth',
      'Phone and email',
      'Primary care physician',
      'Last delivery',
      'Actions',
    ]);
    expect(cellsOf(ana)).toEqual([
      'MRN-0001',
      `Feb 29, 1980${age} years, Female`, // in the UI language; a machine reads <time dateTime>
      '(555) 010-2030ana@example.com', // the phone for people (national format), not E.164
      'Dr. Maya Okafor',
      'DeliveredAthena', // the status of her last transaction, and where it went
    ]);
    expect(within(ana).getByText('Feb 29, 1980')).toHaveAttribute('datetime', '1980-02-29');
    const ben = screen.getByRole('rowheader', { name: 'Okafor, Ben' }).closest('tr')!;
    // A subgraph that is down (null fields), or no delivery yet, shows as a dash, not a crash.
    expect(cellsOf(ben)).toEqual(['MRN-0002', `Feb 29, 1980${age} years, Male`, '——', '—', '——']);
    const carla = screen.getByRole('rowheader', { name: 'Ruiz, Carla' }).closest('tr')!;
    expect(cellsOf(carla).at(1)).toMatch(/^Dec 31, 2001/);
    expect(cellsOf(carla).at(-1)).toBe('RetryingAthena');
    // On a phone each row is a card: every value is named after its column.
    expect(within(ana).getByText('Dr. Maya Okafor')).toHaveAttribute('data-label', 'Primary care physician');
    expect(screen.getByText('3 patients')).toBeInTheDocument();
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

  it('loads the next page after the current one, says how many came and focuses the first', async () => {
    const { user } = setup({
      mocks: [
        providersMock(),
        patientsMock([patient()], { hasNextPage: true, endCursor: 'c1', totalCount: 2 }),
        patientsMock([patient({ id: 'pt-2', firstName: 'Zoe', lastName: 'Zimmer' })], {
          after: 'c1',
          totalCount: 2,
          delay: 50,
        }),
      ],
    });
    await screen.findByRole('rowheader', { name: 'García, Ana' });

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    // Busy, the button keeps the focus (aria-disabled, not disabled) and ignores another press.
    const busy = screen.getByRole('button', { name: 'Loading more…' });
    expect(busy).toHaveAttribute('aria-disabled', 'true');
    expect(busy).toBeEnabled();
    expect(busy).toHaveFocus();
    await user.click(busy);

    expect(await screen.findByRole('rowheader', { name: 'Zimmer, Zoe' })).toBeInTheDocument();
    expect(screen.getByRole('rowheader', { name: 'García, Ana' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Load/ })).not.toBeInTheDocument();
    // The button is gone with the last page: the focus is on the first new patient, and it is said.
    await waitFor(() => expect(screen.getByRole('link', { name: 'Zimmer, Zoe' })).toHaveFocus());
    expect(screen.getByText('1 more patient loaded.')).toHaveAttribute('role', 'status');
    // The second press fetched nothing more (it would have failed: there is no mock for it).
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('says so when the next page cannot be loaded, and can try again', async () => {
    const { user } = setup({
      mocks: [
        providersMock(),
        patientsMock([patient()], { hasNextPage: true, endCursor: 'c1', totalCount: 2 }),
        {
          request: { query: PatientsQuery, variables: { first: PAGE_SIZE, filter: {}, after: 'c1' } },
          error: new Error('offline'),
        },
        patientsMock([patient({ id: 'pt-2', firstName: 'Zoe', lastName: 'Zimmer' })], { after: 'c1', totalCount: 2 }),
      ],
    });
    await screen.findByRole('rowheader', { name: 'García, Ana' });
    await user.click(screen.getByRole('button', { name: 'Load more' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('More patients could not be loaded.');
    expect(screen.getByRole('rowheader', { name: 'García, Ana' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByRole('rowheader', { name: 'Zimmer, Zoe' })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('formats dates of birth in the chosen language', async () => {
    window.localStorage.setItem('carebridge.language', 'es');
    setup({ mocks: [providersMock(), patientsMock([patient()])] });
    const ana = (await screen.findByRole('rowheader', { name: 'García, Ana' })).closest('tr')!;
    expect(within(ana).getByText('29 feb 1980')).toHaveAttribute('datetime', '1980-02-29');
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
    const { user } = await showPatients([
      patientsMock([], { filter: { primaryCarePhysicianId: 'prov-1' } }),
      patientsMock([patient({ lastEhrTransaction: { __typename: 'EhrTransaction', id: 'tx-3', status: 'DEAD' } })], {
        delay: 50,
      }),
    ]);
    await screen.findByRole('option', { name: 'Dr. Maya Okafor' });
    await user.selectOptions(screen.getByLabelText('Primary care physician'), 'Dr. Maya Okafor');
    expect(await screen.findByRole('heading', { name: 'No patients match these filters' })).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));

    // The unfiltered list is still cached: it shows at once…
    const ana = screen.getByRole('rowheader', { name: 'García, Ana' }).closest('tr')!;
    expect(within(ana).getByText('Delivered')).toBeInTheDocument();
    expect(screen.getByLabelText('Primary care physician')).toHaveDisplayValue('All physicians');
    expect(screen.getByLabelText('Search patients')).toHaveFocus();
    // …and is refreshed from the server, so a delivery status does not stay as it was cached.
    expect(await within(ana).findByText('Failed')).toBeInTheDocument();
  });

  it('clears the search too, at once', async () => {
    const { user } = await showPatients([patientsMock([], { filter: { search: 'zzz' } }), patientsMock([patient()])]);
    await user.type(screen.getByLabelText('Search patients'), 'zzz');
    await screen.findByRole('heading', { name: 'No patients match “zzz”' });
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(screen.getByRole('rowheader', { name: 'García, Ana' })).toBeInTheDocument();
    expect(screen.getByLabelText('Search patients')).toHaveValue('');
  });

  it('names the organization, the only one a staff member may see, rather than offering a choice', async () => {
    await showPatients();
    expect(await screen.findByText('Patients of Riverside Hospital')).toBeInTheDocument();
    expect(screen.queryByLabelText('Organization')).not.toBeInTheDocument();
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

  describe('a form with unsaved changes', () => {
    const typeInAddForm = async (user: UserEvent) => {
      await user.click(screen.getByRole('button', { name: 'Add patient' }));
      await user.type(screen.getByLabelText('First name'), 'Lucía');
    };

    it('asks before another form replaces it; keeping it returns to the button, nothing lost', async () => {
      const { user } = await showPatients([editPatientQueryMock()]);
      await typeInAddForm(user);
      const edit = screen.getByRole('button', { name: 'Edit García, Ana' });
      await user.click(edit);

      const dialog = screen.getByRole('alertdialog', { name: 'Discard your changes?' });
      expect(dialog).toHaveAccessibleDescription(
        'The open form has changes that are not saved. Discard them to open the other form?',
      );
      await waitFor(() => expect(within(dialog).getByRole('button', { name: 'Keep editing' })).toHaveFocus());
      await user.click(within(dialog).getByRole('button', { name: 'Keep editing' }));

      expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
      expect(screen.getByLabelText('First name')).toHaveValue('Lucía');
      expect(screen.queryByRole('form', { name: 'Edit Ana García' })).not.toBeInTheDocument();
      expect(edit).toHaveFocus();
    });

    it('opens the other form once the changes are discarded', async () => {
      const { user } = await showPatients([editPatientQueryMock()]);
      await typeInAddForm(user);
      await user.click(screen.getByRole('button', { name: 'Edit García, Ana' }));
      await user.click(screen.getByRole('button', { name: 'Discard changes' }));

      expect(await screen.findByRole('form', { name: 'Edit Ana García' })).toBeInTheDocument();
      expect(screen.queryByRole('form', { name: 'Add a patient' })).not.toBeInTheDocument();
      expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    });

    it('Escape keeps the form too', async () => {
      const { user } = await showPatients([editPatientQueryMock()]);
      await typeInAddForm(user);
      await user.click(screen.getByRole('button', { name: 'Edit García, Ana' }));
      await user.keyboard('{Escape}');
      expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
      expect(screen.getByLabelText('First name')).toHaveValue('Lucía');
    });

    it('guards a bulk list that has something typed in it', async () => {
      const { user } = await showPatients([editPatientQueryMock()]);
      await user.click(screen.getByRole('button', { name: 'Add several patients' }));
      const first = within(screen.getByRole('group', { name: 'Patient 1' }));
      await user.type(first.getByLabelText('Last name'), 'Ruiz');
      await user.click(screen.getByRole('button', { name: 'Edit García, Ana' }));
      expect(screen.getByRole('alertdialog', { name: 'Discard your changes?' })).toBeInTheDocument();
    });

    it('does not ask when nothing was typed, or when changes were undone', async () => {
      const { user } = await showPatients([editPatientQueryMock(), editPatientQueryMock()]);
      await typeInAddForm(user);
      await user.clear(screen.getByLabelText('First name'));
      await user.click(screen.getByRole('button', { name: 'Edit García, Ana' }));
      expect(await screen.findByRole('form', { name: 'Edit Ana García' })).toBeInTheDocument();
      expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    });

    it('asks when an edited patient’s form would give way to another patient’s', async () => {
      const ben = patient({ id: 'pt-2', firstName: 'Ben', lastName: 'Okafor', mrn: 'MRN-0002' });
      const { user } = await showPatients([editPatientQueryMock()], [patient(), ben]);
      await user.click(screen.getByRole('button', { name: 'Edit García, Ana' }));
      await screen.findByRole('form', { name: 'Edit Ana García' });
      await user.type(screen.getByLabelText('Last name'), '-Ruiz');
      // Its own Edit button again: nothing to replace, nothing asked.
      await user.click(screen.getByRole('button', { name: 'Edit García, Ana' }));
      expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
      await user.click(screen.getByRole('button', { name: 'Edit Okafor, Ben' }));
      expect(screen.getByRole('alertdialog', { name: 'Discard your changes?' })).toBeInTheDocument();
    });
  });
});
