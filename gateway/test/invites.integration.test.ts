import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '@carebridge/common';
import { generateSigningJwk, keyRingFromJwks } from '../src/auth/keys';
import { DEMO_PASSWORD } from '../src/auth/demo';
import { startLocalSupergraph, type LocalSupergraph } from '../../scripts/lib/stack/inProcess';

/** The invites' endpoints through the real gateway over HTTP: create, list and revoke, ADMINs of one organization only. */
describe('invites over HTTP', () => {
  let graph: LocalSupergraph;
  let http: RunningService;
  const base = () => http.url.replace('/graphql', '');

  beforeAll(async () => {
    graph = await startLocalSupergraph({
      keys: await keyRingFromJwks([await generateSigningJwk()]),
      demoUsers: true,
      secureCookies: false,
    });
    http = await graph.serve();
  });
  afterAll(async () => {
    await http.close();
    await graph.stop();
  });

  const call = async (method: 'GET' | 'POST', path: string, token?: string, body?: unknown) => {
    const response = await fetch(`${base()}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };
  const login = async (email: string) =>
    (await call('POST', '/auth/login', undefined, { email, password: DEMO_PASSWORD })).body['accessToken'] as string;
  const codes = (list: { body: Record<string, any> }) =>
    (list.body['invites'] as { code: string }[]).map((i) => i.code);

  it('lists the organization’s pending invites to its ADMINs, and revokes one so it cannot be used', async () => {
    const admin = await login('admin@riverside.test');
    const first = await call('POST', '/auth/invites', admin, { role: 'CLINICIAN' });
    const second = await call('POST', '/auth/invites', admin, { role: 'ADMIN' });
    expect(first.status).toBe(201);
    const list = await call('GET', '/auth/invites', admin);
    expect(list.status).toBe(200);
    expect(list.body['invites']).toEqual(expect.arrayContaining([first.body, second.body]));

    expect(await call('POST', '/auth/invites/revoke', admin, { code: first.body['code'] })).toEqual({
      status: 200,
      body: { status: 'ok' },
    });
    expect(codes(await call('GET', '/auth/invites', admin))).not.toContain(first.body['code']);
    const signup = await call('POST', '/auth/signup', undefined, {
      email: 'late@riverside.test',
      password: 'a long enough password',
      name: 'Late Joiner',
      inviteCode: first.body['code'],
    });
    expect([signup.status, signup.body['problems']]).toEqual([
      400,
      [
        {
          field: 'inviteCode',
          message: 'is not a valid invite code, or it was used or has expired',
          code: 'INVITE_INVALID',
        },
      ],
    ]);
    // Revoked already: nothing to revoke.
    expect((await call('POST', '/auth/invites/revoke', admin, { code: first.body['code'] })).status).toBe(404);
  });

  it('keeps another organization’s ADMIN, a CLINICIAN and an anonymous caller out', async () => {
    const admin = await login('admin@riverside.test');
    const code = (await call('POST', '/auth/invites', admin, { role: 'CLINICIAN' })).body['code'] as string;
    const otherAdmin = await login('admin@lakeside.test');
    const clinician = await login('clinician@riverside.test');

    expect(codes(await call('GET', '/auth/invites', otherAdmin))).not.toContain(code);
    expect((await call('POST', '/auth/invites/revoke', otherAdmin, { code })).status).toBe(404);
    expect([
      (await call('GET', '/auth/invites', clinician)).status,
      (await call('POST', '/auth/invites/revoke', clinician, { code })).status,
      (await call('GET', '/auth/invites')).body['code'],
      (await call('POST', '/auth/invites/revoke', undefined, { code })).status,
    ]).toEqual([403, 403, 'UNAUTHENTICATED', 401]);
    // None of the refusals touched it.
    expect(codes(await call('GET', '/auth/invites', admin))).toContain(code);
  });

  it('answers a revoke without a code with a field problem', async () => {
    const admin = await login('admin@riverside.test');
    expect(await call('POST', '/auth/invites/revoke', admin, {})).toEqual({
      status: 400,
      body: {
        error: 'Invalid input. code: is required',
        code: 'BAD_USER_INPUT',
        problems: [{ field: 'code', message: 'is required', code: 'REQUIRED' }],
      },
    });
  });
});
