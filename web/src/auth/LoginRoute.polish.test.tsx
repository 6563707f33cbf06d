import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { LoginResult } from './session';
import { patient, patientsMock } from '../test/fixtures';
import { CLINICIAN, setup, type AuthHandler } from '../test/setup-app';

/** Wrong credentials on the first log-in, the right ones after. */
const secondTimeLucky = (): AuthHandler => {
  let attempts = 0;
  return (path) => {
    if (path !== '/auth/login') return { status: 401, body: {} };
    attempts += 1;
    return attempts === 1
      ? { status: 401, body: { error: 'Email or password is incorrect.', code: 'UNAUTHENTICATED' } }
      : { status: 200, body: { accessToken: 'fresh-token', user: CLINICIAN } };
  };
};

describe('log-in page, submitting', () => {
  it('sends one log-in for a double click and opens the patient page, never the sign-up link below', async () => {
    const { user, fetch } = setup({
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
    await user.dblClick(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('heading', { name: 'Patients' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Create an account' })).not.toBeInTheDocument();
    expect(fetch.mock.calls.filter(([path]) => path === '/auth/login')).toHaveLength(1);
  });

  it('keeps the last refusal in place while the next attempt runs, so nothing moves under the pointer', async () => {
    const { user, session } = setup({
      route: '/login',
      user: null,
      mocks: [patientsMock([patient()])],
      auth: secondTimeLucky(),
    });
    await user.type(await screen.findByLabelText('Email'), CLINICIAN.email);
    await user.type(screen.getByLabelText('Password'), 'wrong-password-123');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Email or password is incorrect.');

    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const login = session.login.bind(session);
    const spy = vi.spyOn(session, 'login').mockImplementation(async (email, password): Promise<LoginResult> => {
      await held;
      return login(email, password);
    });
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    const busy = screen.getByRole('button', { name: 'Signing in…' });
    expect(busy).toHaveAttribute('aria-disabled', 'true');
    expect(screen.getByRole('alert')).toHaveTextContent('Email or password is incorrect.');
    await user.click(busy);
    expect(spy).toHaveBeenCalledTimes(1);
    release();
    expect(await screen.findByRole('heading', { name: 'Patients' })).toBeInTheDocument();
  });

  it('moves the focus to the main area of the page it opens', async () => {
    const { user } = setup({
      route: '/login',
      user: null,
      mocks: [patientsMock([patient()])],
      auth: secondTimeLucky(),
    });
    await user.type(await screen.findByLabelText('Email'), CLINICIAN.email);
    await user.type(screen.getByLabelText('Password'), 'demo-password-123');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await user.click(await screen.findByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('heading', { name: 'Patients' })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('main')).toHaveFocus());
  });

  it('says a refusal by its code, in Spanish too', async () => {
    const { user } = setup({
      route: '/login',
      user: null,
      auth: (path) =>
        path === '/auth/login'
          ? {
              status: 429,
              body: { error: 'Too many requests. Try again in 12 s.', code: 'RATE_LIMITED' },
              headers: { 'retry-after': '12' },
            }
          : { status: 401, body: {} },
    });
    await user.selectOptions(await screen.findByLabelText('Language'), 'es');
    await user.type(screen.getByLabelText('Correo electrónico'), CLINICIAN.email);
    await user.type(screen.getByLabelText('Contraseña'), 'demo-password-123');
    await user.click(screen.getByRole('button', { name: 'Iniciar sesión' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Demasiadas solicitudes desde aquí. Inténtelo de nuevo en 12 segundos.',
    );
  });

  it('puts the language switcher in a banner and the form in the main landmark', async () => {
    setup({ route: '/login', user: null });
    expect(within(await screen.findByRole('banner')).getByLabelText('Language')).toBeInTheDocument();
    expect(within(screen.getByRole('main')).getByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
  });
});
