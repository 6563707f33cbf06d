import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { User } from '../auth/session';
import { patientsMock } from '../test/fixtures';
import { setup, type AuthHandler } from '../test/setup-app';
import type { Invite } from './api';

const ADMIN: User = {
  id: 'user-admin',
  email: 'admin@riverside.test',
  name: 'Ada Admin',
  organizationId: 'org-riverside',
  role: 'ADMIN',
};

const PENDING: Invite[] = [
  { code: 'code-clinician-1', role: 'CLINICIAN', expiresAt: '2026-12-10T10:00:00.000Z' },
  { code: 'code-admin-2', role: 'ADMIN', expiresAt: '2026-12-09T10:00:00.000Z' },
];

/** The gateway's invites endpoints over a list that changes as the page creates and revokes. */
function invitesServer(initial: Invite[] = PENDING) {
  let invites = [...initial];
  const handler: AuthHandler = (path, body) => {
    const request = body as Record<string, string>;
    if (path === '/auth/invites' && Object.keys(request).length === 0) return { status: 200, body: { invites } };
    if (path === '/auth/invites') {
      const created: Invite = {
        code: 'code-new-3',
        role: request['role'] as Invite['role'],
        expiresAt: '2026-12-11T10:00:00.000Z',
      };
      invites = [created, ...invites];
      return { status: 201, body: created };
    }
    if (path === '/auth/invites/revoke') {
      invites = invites.filter((i) => i.code !== request['code']);
      return { status: 200, body: { status: 'ok' } };
    }
    return { status: 401, body: { code: 'UNAUTHENTICATED' } };
  };
  return handler;
}

const rows = () => within(screen.getByRole('table')).getAllByRole('row').slice(1);

describe('invites page', () => {
  it('lists the pending invites with their role and expiry, and is reached from the header', async () => {
    const { user } = setup({ route: '/', user: ADMIN, auth: invitesServer(), mocks: [patientsMock([])] });
    await user.click(screen.getByRole('link', { name: 'Invites' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Invites' })).toBeInTheDocument();
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(
      rows().map((row) =>
        within(row)
          .getAllByRole('cell')
          .map((cell) => cell.textContent),
      ),
    ).toEqual([
      ['Clinician', 'Dec 10, 2026, 10:00 AM', 'CopyRevoke'],
      ['Administrator', 'Dec 9, 2026, 10:00 AM', 'CopyRevoke'],
    ]);
    expect(within(rows()[0]!).getByRole('rowheader')).toHaveTextContent('code-clinician-1');
    expect(document.title).toBe('Invites – Carebridge');
  });

  it('creates a code for the chosen role, shows it and adds it to the list', async () => {
    const { user, fetch } = setup({ route: '/invites', user: ADMIN, auth: invitesServer() });
    await waitFor(() => expect(rows()).toHaveLength(2));
    await user.selectOptions(screen.getByLabelText('Role'), 'ADMIN');
    await user.click(screen.getByRole('button', { name: 'Create invite code' }));

    expect(await screen.findByText(/New invite code for the Administrator role: code-new-3\./)).toBeInTheDocument();
    expect(rows()).toHaveLength(3);
    const [path, init] = fetch.mock.calls.at(-1)!;
    expect([
      path,
      init.method,
      JSON.parse(init.body as string),
      new Headers(init.headers).get('authorization'),
    ]).toEqual(['/auth/invites', 'POST', { role: 'ADMIN' }, 'Bearer test-token']);
  });

  it('copies a code to the clipboard', async () => {
    const { user } = setup({ route: '/invites', user: ADMIN, auth: invitesServer() });
    await user.click(await screen.findByRole('button', { name: 'Copy invite code code-admin-2' }));
    expect(await screen.findByText('Invite code copied to the clipboard.')).toBeInTheDocument();
    expect(await navigator.clipboard.readText()).toBe('code-admin-2');
  });

  it('asks before revoking, keeps the invite on Cancel and removes it on confirming', async () => {
    const { user, fetch } = setup({ route: '/invites', user: ADMIN, auth: invitesServer() });
    const revoke = await screen.findByRole('button', { name: 'Revoke invite code code-clinician-1' });
    await user.click(revoke);
    const dialog = screen.getByRole('alertdialog', { name: 'Revoke this invite?' });
    expect(dialog).toHaveAccessibleDescription(/The code code-clinician-1 \(Clinician\) stops working at once/);
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(revoke).toHaveFocus();
    expect(fetch.mock.calls.map(([path]) => path)).not.toContain('/auth/invites/revoke');

    await user.click(revoke);
    await user.click(screen.getByRole('button', { name: 'Revoke invite' }));
    expect(await screen.findByText('The invite code code-clinician-1 was revoked.')).toBeInTheDocument();
    expect(rows()).toHaveLength(1);
    expect(screen.getByRole('heading', { name: 'Pending invites' })).toHaveFocus();
    expect(JSON.parse(fetch.mock.calls.at(-1)![1].body as string)).toEqual({ code: 'code-clinician-1' });
  });

  it('says when there is no pending invite', async () => {
    setup({ route: '/invites', user: ADMIN, auth: invitesServer([]) });
    expect(await screen.findByRole('heading', { name: 'No pending invites' })).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('says the list failed to load, in the user’s words for the code, and loads it again on retry', async () => {
    let fail = true;
    const server = invitesServer();
    const { user } = setup({
      route: '/invites',
      user: ADMIN,
      auth: (path, body) =>
        fail && path === '/auth/invites'
          ? { status: 503, body: { error: 'Sign-in checks are unavailable right now.', code: 'SUBGRAPH_UNAVAILABLE' } }
          : server(path, body),
    });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The invites could not be loaded');
    expect(alert).toHaveTextContent('This is unavailable right now. Try again in a moment.');
    expect(alert).not.toHaveTextContent('Sign-in checks');
    fail = false;
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(rows()).toHaveLength(2));
  });

  it('is for ADMINs only, with no link for a CLINICIAN', async () => {
    setup({ route: '/invites', auth: invitesServer() });
    expect(await screen.findByRole('heading', { name: 'Not available to your role' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Invites' })).not.toBeInTheDocument();
  });
});
