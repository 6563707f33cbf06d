import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SignupResult } from './session';
import { setup, type AuthHandler, type FakeResponse } from '../test/setup-app';

/** What the gateway lists: a system added with `createEhrSystem` (Apex EHR) among the seeded ones. */
const EHR_SYSTEMS = [
  { id: 'ehr-allscripts', name: 'Allscripts' },
  { id: 'ehr-apex-ehr', name: 'Apex EHR' },
  { id: 'ehr-athena', name: 'Athena' },
];

const LISTED: FakeResponse = { status: 200, body: { ehrSystems: EHR_SYSTEMS } };
const UNAVAILABLE: FakeResponse = {
  status: 503,
  body: { error: 'The EHR systems cannot be listed right now. Try again shortly.', code: 'SUBGRAPH_UNAVAILABLE' },
  headers: { 'retry-after': '5' },
};

/** The gateway's auth endpoints: no session to restore, the EHR systems listed, sign-up accepted. */
function gateway(ehrSystems: () => FakeResponse = () => LISTED): AuthHandler {
  return (path) => {
    switch (path) {
      case '/auth/ehr-systems':
        return ehrSystems();
      case '/auth/signup':
        return { status: 201, body: { status: 'ok', message: 'If this email can be registered…' } };
      default:
        return { status: 401, body: { code: 'UNAUTHENTICATED' } };
    }
  };
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * The sign-up page, signed out. The session's calls go to `setup`'s fake fetch; the page reads the
 * EHR systems with the browser's `fetch` (there is no session yet), stubbed here to answer from the
 * same `auth` handler. `hold` delays that answer, to see the loading state.
 */
function openSignup(auth: AuthHandler, hold?: Promise<void>) {
  const pageFetch = vi.fn(async (path: string, init: RequestInit) => {
    await hold;
    const { status, body, headers } = auth(path, JSON.parse((init.body as string | undefined) ?? '{}'));
    return new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', ...headers },
    });
  });
  vi.stubGlobal('fetch', pageFetch);
  return { ...setup({ route: '/signup', user: null, auth }), pageFetch };
}

const optionNames = (select: HTMLElement) =>
  within(select)
    .getAllByRole('option')
    .map((option) => option.textContent);

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('sign-up page', () => {
  it('lists the EHR systems the gateway answers, with a loading state meanwhile', async () => {
    const hold = deferred();
    const { pageFetch } = openSignup(gateway(), hold.promise);

    const select = await screen.findByRole('combobox', { name: 'EHR system' });
    expect(select).toHaveAttribute('aria-busy', 'true');
    expect(optionNames(select)).toEqual(['Loading EHR systems…']);

    hold.resolve();
    await waitFor(() =>
      expect(optionNames(select)).toEqual(['Choose an EHR system', 'Allscripts', 'Apex EHR', 'Athena']),
    );
    expect(select).not.toHaveAttribute('aria-busy');
    expect(select).toHaveValue('');
    // A plain GET: no token (there is none before sign-up), no cookie, no body.
    expect(pageFetch.mock.calls.map(([path, init]) => [path, init.method, init.credentials, init.body])).toEqual([
      ['/auth/ehr-systems', 'GET', 'omit', undefined],
    ]);
    expect(JSON.stringify(pageFetch.mock.calls[0]![1].headers)).not.toMatch(/authorization/i);
  });

  it('says when the list cannot be loaded, and loads it again on retry', async () => {
    const answers = [UNAVAILABLE, LISTED];
    const { user, pageFetch } = openSignup(gateway(() => answers.shift() ?? LISTED));

    expect(await screen.findByRole('alert')).toHaveTextContent('The list of EHR systems could not be loaded.');
    const select = screen.getByRole('combobox', { name: 'EHR system' });
    expect(optionNames(select)).toEqual(['Choose an EHR system']);

    await user.click(screen.getByRole('button', { name: 'Load the EHR systems again' }));
    expect(select).toHaveFocus();
    await waitFor(() =>
      expect(optionNames(select)).toEqual(['Choose an EHR system', 'Allscripts', 'Apex EHR', 'Athena']),
    );
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Load the EHR systems again' })).not.toBeInTheDocument();
    expect(pageFetch).toHaveBeenCalledTimes(2);
  });

  it('on an invalid submit, announces the error summary and moves focus to the first invalid field', async () => {
    const { user, fetch } = openSignup(gateway());
    await user.click(await screen.findByRole('button', { name: 'Create account' }));

    expect(screen.getByRole('alert')).toHaveTextContent('Please correct the highlighted fields.');
    expect(screen.getByLabelText('Your name')).toHaveFocus();
    expect(screen.getByRole('combobox', { name: 'EHR system' })).toHaveAttribute('aria-invalid', 'true');

    await user.type(screen.getByLabelText('Your name'), 'Pat Founder');
    await user.type(screen.getByLabelText('Email'), 'founder@pinecrest.test');
    await user.type(screen.getByLabelText('Password'), 'too short');
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    expect(screen.getByRole('alert')).toHaveTextContent('Please correct the highlighted fields.');
    expect(screen.getByLabelText('Password')).toHaveFocus();
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription(expect.stringContaining('12 to 128'));
    // Only the session restore on load reached the session's endpoints: nothing was posted.
    expect(fetch.mock.calls.map(([path]) => path)).toEqual(['/auth/refresh']);
  });

  it('refuses a common password, one of spaces only and the person’s own name before posting, as the gateway does', async () => {
    const { user, fetch } = openSignup(gateway());
    await user.click(await screen.findByLabelText('Register a new clinic'));
    await user.type(screen.getByLabelText('Your name'), 'Pat Founder');
    await user.type(screen.getByLabelText('Email'), 'founder@pinecrest.test');
    const password = screen.getByLabelText('Password');
    for (const [typed, message] of [
      ['Password1234!', 'Too common or too easy to guess: choose a longer phrase of your own.'],
      [' '.repeat(12), 'Must not be only spaces.'],
      ['PatFounder2024', 'Must not be your email address or name.'],
    ] as const) {
      await user.clear(password);
      await user.type(password, typed);
      await user.click(screen.getByRole('button', { name: 'Create account' }));
      expect(password).toHaveAccessibleDescription(expect.stringContaining(message));
    }
    expect(fetch.mock.calls.map(([path]) => path)).toEqual(['/auth/refresh']);
  });

  it('registers the clinic on the chosen EHR system, ignoring clicks while it is being created', async () => {
    const { user, fetch, session } = openSignup(gateway());
    const hold = deferred();
    const signup = session.signup.bind(session);
    const spy = vi.spyOn(session, 'signup').mockImplementation(async (body): Promise<SignupResult> => {
      await hold.promise;
      return signup(body);
    });

    await user.click(await screen.findByLabelText('Register a new clinic'));
    await user.type(screen.getByLabelText('Your name'), 'Pat Founder');
    await user.type(screen.getByLabelText('Email'), 'founder@pinecrest.test');
    await user.type(screen.getByLabelText('Password'), 'a long enough password');
    await user.type(screen.getByLabelText('Organization name'), 'Pinecrest Pediatrics');
    await user.selectOptions(screen.getByLabelText('Kind of organization'), 'CLINIC');
    const select = screen.getByLabelText('EHR system');
    await screen.findByRole('option', { name: 'Apex EHR' });
    await user.selectOptions(select, screen.getByRole('option', { name: 'Apex EHR' }));
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    // While it runs the button keeps the focus: aria-disabled, not disabled, and a second click does nothing.
    const busy = screen.getByRole('button', { name: 'Creating account…' });
    expect(busy).toHaveAttribute('aria-disabled', 'true');
    expect(busy).toBeEnabled();
    expect(busy).toHaveFocus();
    await user.click(busy);
    expect(spy).toHaveBeenCalledTimes(1);

    hold.resolve();
    expect(await screen.findByText('Your account is ready: sign in to continue.')).toBeInTheDocument();
    // The log-in form has the email just registered; the password is typed again.
    expect(
      [screen.getByLabelText('Email'), screen.getByLabelText('Password')].map((i) => (i as HTMLInputElement).value),
    ).toEqual(['founder@pinecrest.test', '']);
    const posts = fetch.mock.calls.filter(([path]) => path === '/auth/signup');
    expect(posts).toHaveLength(1);
    expect(JSON.parse(posts[0]![1].body as string)).toEqual({
      name: 'Pat Founder',
      email: 'founder@pinecrest.test',
      password: 'a long enough password',
      organization: { name: 'Pinecrest Pediatrics', kind: 'CLINIC', ehrSystemId: 'ehr-apex-ehr' },
    });
  });

  it.each([
    [429, 'RATE_LIMITED', 'Too many requests from here. Try again in 30 seconds.'],
    [503, 'TOO_BUSY', 'The service is busy. Try again in 30 seconds.'],
  ])(
    'says how long to wait when the gateway answers %i %s, in the catalogue’s words',
    async (status, code, message) => {
      const listing = gateway();
      const { user } = openSignup((path, body) =>
        path === '/auth/signup'
          ? { status, body: { error: 'Too many requests. Try again in 30 s.', code }, headers: { 'retry-after': '30' } }
          : listing(path, body),
      );
      await user.click(await screen.findByLabelText('Register a new clinic'));
      await user.type(screen.getByLabelText('Your name'), 'Pat Founder');
      await user.type(screen.getByLabelText('Email'), 'founder@pinecrest.test');
      await user.type(screen.getByLabelText('Password'), 'a long enough password');
      await user.type(screen.getByLabelText('Organization name'), 'Pinecrest Pediatrics');
      await screen.findByRole('option', { name: 'Athena' });
      await user.selectOptions(screen.getByLabelText('EHR system'), screen.getByRole('option', { name: 'Athena' }));
      await user.click(screen.getByRole('button', { name: 'Create account' }));

      expect(await screen.findByRole('alert')).toHaveTextContent(message);
    },
  );

  it('says a refused invite code in the catalogue’s words, by its code, never the gateway’s English', async () => {
    const listing = gateway();
    const { user } = openSignup((path, body) =>
      path === '/auth/signup'
        ? {
            status: 400,
            body: {
              code: 'BAD_USER_INPUT',
              problems: [
                {
                  field: 'inviteCode',
                  message: 'is not a valid invite code, or it was used or has expired',
                  code: 'INVITE_INVALID',
                },
                { field: 'name', message: 'must be 1 to 100 characters', code: 'INVALID_LENGTH' },
              ],
            },
          }
        : listing(path, body),
    );
    await user.click(await screen.findByLabelText('Join with an invite code'));
    await user.type(screen.getByLabelText('Your name'), 'Nia Nurse');
    await user.type(screen.getByLabelText('Email'), 'nia@riverside.test');
    await user.type(screen.getByLabelText('Password'), 'a long enough password');
    await user.type(screen.getByLabelText('Invite code'), 'used-code');
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Please correct the highlighted fields.');
    expect(screen.getByLabelText('Invite code')).toHaveAccessibleDescription(
      'This invite code is not valid, or it was used or has expired. Ask your administrator for a new one.',
    );
    expect(screen.getByLabelText('Your name')).toHaveAccessibleDescription('Must be 1 to 100 characters.');
    expect(document.body).not.toHaveTextContent('is not a valid invite code');
  });

  it('puts the language switcher in a banner and the form in the main landmark', async () => {
    openSignup(gateway());
    expect(within(await screen.findByRole('banner')).getByLabelText('Language')).toBeInTheDocument();
    expect(within(screen.getByRole('main')).getByRole('heading', { name: 'Create an account' })).toBeInTheDocument();
  });
});
