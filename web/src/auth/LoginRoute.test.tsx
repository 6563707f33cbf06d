import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { INACTIVITY_TIMEOUT_MS } from './useInactivityLogout';
import { patientsMock, patient } from '../test/fixtures';
import { CLINICIAN, setup } from '../test/setup-app';

describe('log-in page', () => {
  it('validates the fields before calling the server', async () => {
    const { user, fetch } = setup({ route: '/login', user: null });
    await user.click(await screen.findByRole('button', { name: 'Sign in' }));

    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription('This field is required.');
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('This field is required.');
    expect(screen.getByLabelText('Email')).toHaveAttribute('aria-invalid', 'true');
    // Announced, and the focus is on the first field to correct.
    expect(screen.getByRole('alert')).toHaveTextContent('Please correct the highlighted fields.');
    await waitFor(() => expect(screen.getByLabelText('Email')).toHaveFocus());
    expect(document.title).toBe('Sign in – Carebridge');

    await user.type(screen.getByLabelText('Email'), 'not-an-email');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription(
      'Enter an email address such as name@example.com.',
    );
    // Only the session restore on load reached the server.
    expect(fetch.mock.calls.map(([path]) => path)).toEqual(['/auth/refresh']);
  });

  it('says the credentials are wrong on a 401', async () => {
    const { user, fetch } = setup({
      route: '/login',
      user: null,
      auth: () => ({ status: 401, body: { error: 'Email or password is incorrect.', code: 'UNAUTHENTICATED' } }),
    });
    await user.type(await screen.findByLabelText('Email'), 'clinician@riverside.test');
    await user.type(screen.getByLabelText('Password'), 'wrong-password-123');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Email or password is incorrect.');
    const [path, init] = fetch.mock.calls.at(-1)!;
    expect(path).toBe('/auth/login');
    expect(init).toMatchObject({ method: 'POST', credentials: 'include' });
    expect(JSON.parse(init.body as string)).toEqual({
      email: 'clinician@riverside.test',
      password: 'wrong-password-123',
    });
  });

  it.each([
    [429, { code: 'TOO_MANY_ATTEMPTS' }, '30', 'Too many attempts. Try again in 30 seconds.'],
    [503, { code: 'TOO_BUSY' }, '2', 'The service is busy. Try again in 2 seconds.'],
    [503, { code: 'SERVICE_UNAVAILABLE' }, undefined, 'The service is busy. Try again in 5 seconds.'],
  ])('says how long to wait on a %i (%o, Retry-After %s)', async (status, body, retryAfter, message) => {
    const { user } = setup({
      route: '/login',
      user: null,
      auth: (path) =>
        path === '/auth/login'
          ? { status, body, headers: retryAfter ? { 'retry-after': retryAfter } : undefined }
          : { status: 401, body: {} },
    });
    await user.type(await screen.findByLabelText('Email'), 'clinician@riverside.test');
    await user.type(screen.getByLabelText('Password'), 'wrong-password-123');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(message);
  });

  it('signs in, keeps the token in memory only and opens the patient page', async () => {
    const { user, session } = setup({
      route: '/login',
      user: null,
      mocks: [patientsMock([patient()])],
      auth: (path) =>
        path === '/auth/login'
          ? { status: 200, body: { accessToken: 'fresh-token', user: CLINICIAN } }
          : { status: 401, body: {} },
    });
    await user.type(await screen.findByLabelText('Email'), CLINICIAN.email);
    await user.type(screen.getByLabelText('Password'), 'demo-password-123');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('heading', { name: 'Patients' })).toBeInTheDocument();
    expect(await within(screen.getByRole('banner')).findByText('Riverside Hospital')).toBeInTheDocument();
    expect(session.accessToken).toBe('fresh-token');
    expect(JSON.stringify({ ...window.localStorage })).not.toContain('fresh-token');
  });

  it('restores the session through the refresh cookie on load', async () => {
    setup({
      route: '/',
      user: null,
      mocks: [patientsMock([patient()])],
      auth: (path) =>
        path === '/auth/refresh'
          ? { status: 200, body: { accessToken: 'restored', user: CLINICIAN } }
          : { status: 500 },
    });
    expect(await screen.findByRole('rowheader', { name: 'García, Ana' })).toBeInTheDocument();
  });

  it('sends a visitor without a session to the log-in page', async () => {
    setup({ route: '/', user: null });
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
  });

  it('logs out: the session ends, the cache is emptied and the log-in page shows', async () => {
    const { user, fetch, cache, session } = setup({ mocks: [patientsMock([patient()])] });
    await screen.findByRole('rowheader', { name: 'García, Ana' });
    expect(Object.keys(cache.extract())).not.toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Log out' }));

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(fetch.mock.calls.map(([path]) => path)).toContain('/auth/logout');
    expect(session.accessToken).toBeNull();
    await waitFor(() => expect(cache.extract()).toEqual({}));
  });

  it('logs out after 15 minutes without activity and says why', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const { fetch, session } = setup({ mocks: [patientsMock([patient()])] });
      await screen.findByRole('rowheader', { name: 'García, Ana' });
      vi.advanceTimersByTime(INACTIVITY_TIMEOUT_MS + 60_000);
      expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
      expect(screen.getByText(/signed out after 15 minutes without activity/)).toBeInTheDocument();
      expect(fetch.mock.calls.map(([path]) => path)).toContain('/auth/logout');
      expect(session.accessToken).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });
});
