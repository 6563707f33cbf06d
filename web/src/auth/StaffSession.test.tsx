import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { patient, patientsMock } from '../test/fixtures';
import { setup } from '../test/setup-app';

describe('the staff session in the app', () => {
  it('empties the cache when the session ends under the user, not only on log-out', async () => {
    const { cache, session } = setup({ mocks: [patientsMock([patient()])] });
    await screen.findByRole('rowheader', { name: 'García, Ana' });
    expect(Object.keys(cache.extract())).not.toHaveLength(0);
    session.expire();
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    await waitFor(() => expect(cache.extract()).toEqual({}));
  });

  it('never restores a staff session on the patient’s intake page', async () => {
    const { fetch } = setup({ route: '/intake/not-a-token', user: null });
    expect(await screen.findByRole('heading', { level: 1 })).toBeInTheDocument();
    expect(fetch.mock.calls.map(([path]) => path)).not.toContain('/auth/refresh');
  });

  it('titles each page and moves the focus to its content on navigation', async () => {
    const { user } = setup({ mocks: [patientsMock([patient()])] });
    await screen.findByRole('rowheader', { name: 'García, Ana' });
    expect(document.title).toBe('Patients – Carebridge');
    await user.click(screen.getByRole('link', { name: 'Delivery monitor' }));
    await waitFor(() => expect(document.title).toBe('Delivery monitor – Carebridge'));
    expect(screen.getByRole('main')).toHaveFocus();
  });
});
