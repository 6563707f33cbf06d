import type { MockLink } from '@apollo/client/testing';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { PatientFilter } from '../__generated__/graphql';
import { detailMock, questionnairesMock } from '../patientDetail/fixtures';
import { patient, patientsMock } from '../test/fixtures';
import { providersMock, setup } from '../test/setup-app';
import { PAGE_SIZE } from './PatientsRoute';

const gary = patient({ id: 'pt-9', firstName: 'Gary', lastName: 'Garner' });
/** Each step waits for its own request: allow for a busy machine. */
const SLOW = 4000;
const NARROWED: PatientFilter = { search: 'gar', primaryCarePhysicianId: 'prov-1' };

/** `patientsMock` asking for `pages` pages at once (the list the address names, coming back). */
function pagesMock(patients: Parameters<typeof patientsMock>[0], filter: PatientFilter, pages: number) {
  const mock = patientsMock(patients, { filter });
  const variables = { ...mock.request.variables, first: PAGE_SIZE * pages };
  return { ...mock, request: { ...mock.request, variables } } satisfies MockLink.MockedResponse;
}

describe('patient list: search, filters and pages in the address', () => {
  it('opens on the list the address names: its search, its physician and its loaded pages', async () => {
    setup({ route: '/?q=gar&pcp=prov-1&pages=2', mocks: [providersMock(), pagesMock([gary], NARROWED, 2)] });

    expect(await screen.findByRole('rowheader', { name: 'Garner, Gary' })).toBeInTheDocument();
    expect(screen.getByLabelText('Search patients')).toHaveValue('gar');
    expect(await screen.findByRole('option', { name: 'Dr. Maya Okafor' })).toBeInTheDocument();
    expect(screen.getByLabelText('Primary care physician')).toHaveDisplayValue('Dr. Maya Okafor');
  });

  it(
    'comes back from a patient’s page to the same list, with the same search and filter',
    { timeout: 20_000 },
    async () => {
      const ana = patient();
      const ben = patient({ id: 'pt-2', firstName: 'Ben', lastName: 'Okafor' });
      const { user } = setup({
        mocks: [
          providersMock(),
          patientsMock([ana, ben]),
          patientsMock([ana], { filter: { search: 'gar' } }),
          patientsMock([ana], { filter: NARROWED }),
          detailMock(),
          questionnairesMock,
          // Back on the list: refreshed from the server (the cached one shows meanwhile).
          patientsMock([ana], { filter: NARROWED }),
        ],
      });
      await screen.findByRole('rowheader', { name: 'Okafor, Ben' });
      await user.type(screen.getByLabelText('Search patients'), 'gar');
      await waitFor(() => expect(screen.queryByRole('rowheader', { name: 'Okafor, Ben' })).not.toBeInTheDocument(), {
        timeout: SLOW,
      });
      await screen.findByRole('option', { name: 'Dr. Maya Okafor' });
      await user.selectOptions(screen.getByLabelText('Primary care physician'), 'Dr. Maya Okafor');
      // The narrowed list has loaded once the count says so (its own request).
      await screen.findByText('1 patient', {}, { timeout: SLOW });
      await user.click(await screen.findByRole('link', { name: 'García, Ana' }, { timeout: SLOW }));

      await screen.findByRole('heading', { level: 1, name: 'Ana García' }, { timeout: SLOW });
      await user.click(screen.getByRole('link', { name: 'Back to patients' }));

      expect(await screen.findByRole('rowheader', { name: 'García, Ana' }, { timeout: SLOW })).toBeInTheDocument();
      expect(screen.queryByRole('rowheader', { name: 'Okafor, Ben' })).not.toBeInTheDocument();
      expect(screen.getByLabelText('Search patients')).toHaveValue('gar');
      expect(screen.getByLabelText('Primary care physician')).toHaveDisplayValue('Dr. Maya Okafor');
    },
  );

  describe('a search typed and a patient opened within the debounce', () => {
    const ana = patient();
    const ben = patient({ id: 'pt-2', firstName: 'Ben', lastName: 'Okafor' });
    /** Types "gar" and opens Ana at once: nothing in between lets the debounce's timer run. */
    async function typeAndOpen() {
      const view = setup({
        mocks: [
          providersMock(),
          patientsMock([ana, ben]),
          detailMock(),
          questionnairesMock,
          // Back on the list: the typed search's.
          patientsMock([ana], { filter: { search: 'gar' } }),
        ],
      });
      await screen.findByRole('rowheader', { name: 'Okafor, Ben' });
      fireEvent.change(screen.getByLabelText('Search patients'), { target: { value: 'gar' } });
      expect(view.router.state.location.search).toBe('');
      fireEvent.click(screen.getByRole('link', { name: 'García, Ana' }));
      await screen.findByRole('heading', { level: 1, name: 'Ana García' }, { timeout: SLOW });
      return view;
    }

    it('keeps the search in the address: Back returns to the list with it', { timeout: 20_000 }, async () => {
      const { router } = await typeAndOpen();
      await act(() => router.navigate(-1));

      expect(router.state.location.pathname).toBe('/');
      expect(router.state.location.search).toBe('?q=gar');
      expect(screen.getByLabelText('Search patients')).toHaveValue('gar');
      expect(await screen.findByRole('rowheader', { name: 'García, Ana' }, { timeout: SLOW })).toBeInTheDocument();
      expect(screen.queryByRole('rowheader', { name: 'Okafor, Ben' })).not.toBeInTheDocument();
    });

    it('keeps it for the patient page’s “Back to patients” link too', { timeout: 20_000 }, async () => {
      const { user, router } = await typeAndOpen();
      await user.click(screen.getByRole('link', { name: 'Back to patients' }));

      expect(router.state.location.search).toBe('?q=gar');
      expect(await screen.findByLabelText('Search patients')).toHaveValue('gar');
    });
  });

  it('ignores a page count it cannot read, starting from the first page', async () => {
    setup({ route: '/?pages=lots', mocks: [providersMock(), patientsMock([patient()])] });
    expect(await screen.findByRole('rowheader', { name: 'García, Ana' })).toBeInTheDocument();
  });
});
