import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { describe, expect, it, vi } from 'vitest';
import { AuthSession } from '../auth/session';
import { CLINICIAN } from '../test/setup-app';
import { PatientsQuery } from '../patients/PatientsRoute';
import { bearer, createLink } from './client';

const ok = {
  data: {
    patients: {
      __typename: 'PatientConnection',
      totalCount: 0,
      pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
      nodes: [],
    },
  },
};
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function harness(graphqlStatuses: number[], refreshStatus: number) {
  const authFetch = vi.fn((path: string) =>
    Promise.resolve(
      path === '/auth/refresh' && refreshStatus === 200
        ? json(200, { accessToken: 'new-token', user: CLINICIAN })
        : json(refreshStatus, {}),
    ),
  );
  const session = new AuthSession(authFetch, { accessToken: 'old-token', user: CLINICIAN });
  const authorizations: (string | null)[] = [];
  const graphqlFetch = vi.fn((_uri: RequestInfo | URL, init?: RequestInit) => {
    authorizations.push(new Headers(init?.headers).get('authorization'));
    const status = graphqlStatuses.shift() ?? 200;
    return Promise.resolve(
      status === 200
        ? json(200, ok)
        : json(status, { errors: [{ message: 'no', extensions: { code: 'UNAUTHENTICATED' } }] }),
    );
  });
  const client = new ApolloClient({
    link: createLink(session, new HttpLink({ uri: '/graphql', fetch: graphqlFetch })),
    cache: new InMemoryCache(),
  });
  const query = (context?: Record<string, unknown>) =>
    client.query({
      query: PatientsQuery,
      variables: { first: 1, filter: {} },
      fetchPolicy: 'network-only',
      ...(context ? { context } : {}),
    });
  return { session, authFetch, authorizations, query };
}

describe('Apollo link chain', () => {
  it('sends the bearer token', async () => {
    const { query, authorizations } = harness([200], 200);
    await query();
    expect(authorizations).toEqual(['Bearer old-token']);
  });

  it('on a 401 refreshes once and retries with the new token', async () => {
    const { query, authorizations, authFetch, session } = harness([401, 200], 200);
    const result = await query();
    expect(result.data?.patients.totalCount).toBe(0);
    expect(authorizations).toEqual(['Bearer old-token', 'Bearer new-token']);
    expect(authFetch).toHaveBeenCalledTimes(1);
    expect(session.getState().status).toBe('signedIn');
  });

  it('ends the session when the retry is refused too (no loop)', async () => {
    const { query, authorizations, authFetch, session } = harness([401, 401, 200], 200);
    await expect(query()).rejects.toThrow();
    expect(authorizations).toHaveLength(2);
    expect(authFetch).toHaveBeenCalledTimes(1);
    expect(session.getState()).toEqual({ status: 'signedOut', expired: true });
  });

  it('ends the session when the refresh is refused', async () => {
    const { query, authorizations, session } = harness([401], 401);
    await expect(query()).rejects.toThrow();
    expect(authorizations).toHaveLength(1);
    expect(session.getState()).toEqual({ status: 'signedOut', expired: true });
    expect(session.accessToken).toBeNull();
  });

  it('shares one refresh between concurrent 401s (the cookie rotates on every use)', async () => {
    const { session, authFetch } = harness([], 200);
    const [a, b] = await Promise.all([session.refresh(), session.refresh()]);
    expect([a, b]).toEqual([true, true]);
    expect(authFetch).toHaveBeenCalledTimes(1);
  });

  it("sends an operation's own credential instead of the staff token, and a 401 then refreshes nothing", async () => {
    const { query, authorizations, authFetch, session } = harness([200, 401], 200);
    await query(bearer('intake-token'));
    await expect(query(bearer('intake-token'))).rejects.toThrow();
    expect(authorizations).toEqual(['Bearer intake-token', 'Bearer intake-token']);
    expect(authFetch).not.toHaveBeenCalled();
    expect(session.getState().status).toBe('signedIn');
  });
});
