import { describe, expect, it, vi } from 'vitest';
import { AuthSession, type User } from './session';

const USER: User = {
  id: 'user-1',
  email: 'clinician@riverside.test',
  name: 'Casey Clinician',
  organizationId: 'org-riverside',
  role: 'CLINICIAN',
};

type Reply = { status: number; body?: unknown };

/** A fetch that answers each call with the next reply, recording path, headers and body. */
function fakeFetch(...replies: Reply[]) {
  return vi.fn((_path: string, _init: RequestInit) => {
    const reply = replies.shift() ?? { status: 500 };
    return Promise.resolve(new Response(reply.body === undefined ? null : JSON.stringify(reply.body), reply));
  });
}

const created = { status: 201, body: { token: 'tok', path: '/intake/tok', expiresAt: '2026-03-04T09:00:00.000Z' } };
const refreshed = { status: 200, body: { accessToken: 'fresh-token', user: USER } };

describe('AuthSession.createIntakeLink', () => {
  it('posts the patient and questionnaire with the staff token and answers the full URL', async () => {
    const fetch = fakeFetch(created);
    const session = new AuthSession(fetch, { accessToken: 'staff-token', user: USER });

    const result = await session.createIntakeLink('pt-1', 'q-1', 'https://app.example');

    expect(result).toEqual({ ok: true, url: 'https://app.example/intake/tok', expiresAt: created.body.expiresAt });
    const [path, init] = fetch.mock.calls[0]!;
    expect(path).toBe('/auth/intake-links');
    expect(init.method).toBe('POST');
    expect(init.headers).toMatchObject({ authorization: 'Bearer staff-token', 'content-type': 'application/json' });
    expect(JSON.parse(init.body as string)).toEqual({ patientId: 'pt-1', questionnaireId: 'q-1' });
  });

  it('refreshes once on a 401 and retries with the new token', async () => {
    const fetch = fakeFetch({ status: 401, body: { code: 'UNAUTHENTICATED' } }, refreshed, created);
    const session = new AuthSession(fetch, { accessToken: 'old-token', user: USER });

    const result = await session.createIntakeLink('pt-1', 'q-1', 'https://app.example');

    expect(result.ok).toBe(true);
    expect(fetch.mock.calls.map(([path]) => path)).toEqual([
      '/auth/intake-links',
      '/auth/refresh',
      '/auth/intake-links',
    ]);
    expect(fetch.mock.calls[2]![1].headers).toMatchObject({ authorization: 'Bearer fresh-token' });
  });

  it('ends the session when the retry is refused too, and when the refresh is', async () => {
    const twice = new AuthSession(fakeFetch({ status: 401 }, refreshed, { status: 401 }), {
      accessToken: 'old-token',
      user: USER,
    });
    expect(await twice.createIntakeLink('pt-1', 'q-1', '')).toEqual({ ok: false, reason: 'unauthenticated' });
    expect(twice.getState()).toEqual({ status: 'signedOut', expired: true });

    const refused = fakeFetch({ status: 401 }, { status: 401 });
    const session = new AuthSession(refused, { accessToken: 'old-token', user: USER });
    expect(await session.createIntakeLink('pt-1', 'q-1', '')).toEqual({ ok: false, reason: 'unauthenticated' });
    expect(refused).toHaveBeenCalledTimes(2);
    expect(session.getState()).toEqual({ status: 'signedOut', expired: true });
  });

  it('says why there is no link', async () => {
    const reasons = await Promise.all(
      [
        { status: 404, body: { code: 'NOT_FOUND' } },
        { status: 400, body: { code: 'BAD_USER_INPUT' } },
        { status: 502 },
      ].map(async (reply) => {
        const result = await new AuthSession(fakeFetch(reply), { accessToken: 't', user: USER }).createIntakeLink(
          'pt-1',
          'q-1',
          '',
        );
        return result.ok ? 'ok' : result.reason;
      }),
    );
    expect(reasons).toEqual(['notFound', 'badInput', 'error']);

    const offline = new AuthSession(
      vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))),
      { accessToken: 't', user: USER },
    );
    expect(await offline.createIntakeLink('pt-1', 'q-1', '')).toEqual({ ok: false, reason: 'error' });
  });
});
