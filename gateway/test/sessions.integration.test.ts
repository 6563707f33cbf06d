import { readFileSync } from 'node:fs';
import { silentLogger, type RunningService } from '@carebridge/common';
import { testSchemas, TEST_REDIS_URL } from '@carebridge/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_USERS } from '../src/auth/demo';
import { openGatewayDatabase } from '../src/auth/database';
import { SUPERGRAPH_SDL } from '../src/compose';
import { serveGateway, type GatewayOptions } from '../src/server';
import { createSharedState, SharedStateUnavailableError, type SharedState } from '../src/shared';
import { startLocalSupergraph, TEST_PASSWORD_PARAMS, type LocalSupergraph } from '../../scripts/lib/stack/inProcess';
import { deleteKeys, testPrefix } from './support/sharedState';

/**
 * Log-in throttling, per-address rate limits and access-token revocation through the real gateway
 * over HTTP (subgraphs in-process), with the in-process shared state and with a real Redis (fails,
 * never skips, without one), and the gateway over PostgreSQL across a restart.
 */

const CLINICIAN = 'clinician@riverside.test';

async function serve(options: Partial<GatewayOptions> = {}) {
  const local = await startLocalSupergraph({ demoUsers: true, ...options });
  const running = await local.serve();
  return { local, running, client: client(running.url.replace('/graphql', '')) };
}

function client(base: string) {
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const cookieOf = (response: Response) => response.headers.get('set-cookie')!.split(';')[0]!;
  return {
    post,
    cookieOf,
    login: async (email = CLINICIAN, headers: Record<string, string> = {}) => {
      const response = await post('/auth/login', { email, password: DEMO_PASSWORD }, headers);
      expect(response.status).toBe(200);
      const body = (await response.json()) as { accessToken: string };
      return { token: body.accessToken, cookie: cookieOf(response) };
    },
    refresh: async (cookie: string) => {
      const response = await post('/auth/refresh', {}, { cookie });
      const body = (await response.json()) as { accessToken?: string };
      return { status: response.status, token: body.accessToken, cookie: cookieOf(response) };
    },
    /** The status of a GraphQL request with the token (a query no subgraph is asked for). */
    graphql: async (token: string) =>
      (await post('/graphql', { query: '{ __typename }' }, { authorization: `Bearer ${token}` })).status,
  };
}

async function countAccounts(options: { url: string; schema: string }): Promise<number> {
  const database = await openGatewayDatabase(options);
  try {
    const row = await database.db
      .selectFrom('account')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    return Number(row.count);
  } finally {
    await database.close();
  }
}

async function stop(served: { local: LocalSupergraph; running: RunningService }) {
  await served.running.close();
  await served.local.stop();
}

describe.each([
  { name: 'in-process', redis: false },
  { name: 'Redis', redis: true },
])('sessions and revocation at the gateway ($name)', ({ redis }) => {
  let shared: SharedState;
  let served: Awaited<ReturnType<typeof serve>>;
  const prefix = testPrefix('gwsessions');
  beforeAll(async () => {
    shared = await createSharedState({
      logger: silentLogger,
      ...(redis ? { redisUrl: TEST_REDIS_URL, keyPrefix: prefix } : {}),
    });
    served = await serve({ sharedState: shared });
  });
  afterAll(async () => {
    await stop(served);
    await shared.close();
    if (redis) await deleteKeys(prefix);
  });

  it('refuses a burst of wrong passwords for one email with 429s and Retry-After', async () => {
    const responses = await Promise.all(
      Array.from({ length: 12 }, () =>
        served.client.post('/auth/login', { email: 'admin@lakeside.test', password: 'not the password!' }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
    for (const response of responses.filter((r) => r.status === 429)) {
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(await response.json()).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
    }
  });

  it('refuses every access token of a session after log-out, and not another session’s', async () => {
    const { client } = served;
    const session = await client.login();
    const refreshed = await client.refresh(session.cookie);
    const other = await client.login();
    expect([await client.graphql(session.token), await client.graphql(refreshed.token!)]).toEqual([200, 200]);
    const logout = await client.post(
      '/auth/logout',
      {},
      { cookie: refreshed.cookie, authorization: `Bearer ${session.token}` },
    );
    expect(logout.status).toBe(200);
    expect([await client.graphql(session.token), await client.graphql(refreshed.token!)]).toEqual([401, 401]);
    expect(await client.graphql(other.token)).toBe(200);
    expect((await client.refresh(refreshed.cookie)).status).toBe(401);
    // The REST endpoints that take a token refuse it too.
    const invite = await client.post('/auth/intake-links', {}, { authorization: `Bearer ${session.token}` });
    expect(invite.status).toBe(401);
  });

  it('refuses the session’s access tokens when a used refresh token is replayed', async () => {
    const { client } = served;
    const session = await client.login();
    const rotated = await client.refresh(session.cookie);
    const again = await client.refresh(rotated.cookie);
    expect([rotated.status, again.status]).toEqual([200, 200]);
    // Not the cookie the last rotation exchanged (whose grace is for concurrent refreshes): a replay.
    expect((await client.refresh(session.cookie)).status).toBe(401);
    const tokens = [session.token, rotated.token!, again.token!];
    expect(await Promise.all(tokens.map(client.graphql))).toEqual([401, 401, 401]);
    expect((await client.refresh(again.cookie)).status).toBe(401);
  });

  it('lets two refreshes sent at once with one cookie both continue the session with one new cookie', async () => {
    const { client } = served;
    const session = await client.login();
    const [a, b] = await Promise.all([client.refresh(session.cookie), client.refresh(session.cookie)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.cookie).toBe(b.cookie);
    expect(a.token).not.toBe(b.token);
    expect([await client.graphql(a.token!), await client.graphql(b.token!)]).toEqual([200, 200]);
    // The session goes on from the one new cookie.
    const next = await client.refresh(a.cookie);
    expect(next.status).toBe(200);
    expect(await client.graphql(next.token!)).toBe(200);
  });
});

describe('a burst of wrong passwords against one account', () => {
  let served: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    // The per-address rate limit raised out of the way, so the log-in throttle is what answers;
    // the peer is a trusted proxy, so X-Forwarded-For names each request's address.
    served = await serve({ rateLimits: { login: { limit: 10_000, windowMs: 60_000 } }, trustedProxies: ['127.0.0.1'] });
  });
  afterAll(() => stop(served));
  const from = (address: string) => ({ 'x-forwarded-for': address });
  const guess = (email: string, address: string) =>
    served.client.post('/auth/login', { email, password: 'not the password!' }, from(address));

  it('100 at once from one address: 5 checked, 95 refused with 429; the real user elsewhere signs in at once', async () => {
    const email = 'admin@riverside.test';
    const responses = await Promise.all(Array.from({ length: 100 }, () => guess(email, '198.51.100.20')));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(95);
    for (const response of responses.filter((r) => r.status === 429))
      expect(await response.json()).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
    // Only the 5 reached the per-email count (20 free): no wait for the real user from elsewhere.
    await served.client.login(email, from('203.0.113.50'));
  });

  it('spread over many addresses: the real user waits at most the per-email cap (1 minute), then signs in', async () => {
    const email = 'clinician@lakeside.test';
    await Promise.all(
      Array.from({ length: 30 }, (_, a) =>
        Promise.all(Array.from({ length: 5 }, () => guess(email, `198.51.100.${100 + a}`))),
      ),
    );
    const refused = await served.client.post('/auth/login', { email, password: DEMO_PASSWORD }, from('203.0.113.51'));
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
    await served.client.login(email, from('203.0.113.51'));
  });
});

describe('per-address rate limits', () => {
  let served: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    served = await serve({
      rateLimits: { login: { limit: 3, windowMs: 60_000 }, refresh: { limit: 2, windowMs: 60_000 } },
      trustedProxies: ['127.0.0.1'],
    });
  });
  afterAll(() => stop(served));

  it('answer 429 with Retry-After past the limit, per client address', async () => {
    const { client } = served;
    // The peer (127.0.0.1) is a trusted proxy here, so X-Forwarded-For names the client.
    const from = (address: string) => ({ 'x-forwarded-for': `203.0.113.9, ${address}` });
    const attempts = [];
    for (let i = 0; i < 4; i++)
      attempts.push(
        await client.post('/auth/login', { email: CLINICIAN, password: DEMO_PASSWORD }, from('198.51.100.1')),
      );
    expect(attempts.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    const refused = attempts[3]!;
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await refused.json()).toMatchObject({ code: 'RATE_LIMITED' });
    // Another address has its own allowance.
    expect(
      (await client.post('/auth/login', { email: CLINICIAN, password: DEMO_PASSWORD }, from('198.51.100.2'))).status,
    ).toBe(200);
    const refreshes = [];
    for (let i = 0; i < 3; i++) refreshes.push((await client.post('/auth/refresh', {}, from('198.51.100.3'))).status);
    expect(refreshes).toEqual([401, 401, 429]);
  });

  it('ignore X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    const untrusted = await serve({ rateLimits: { signup: { limit: 1, windowMs: 60_000 } } });
    try {
      const signup = (address: string) =>
        untrusted.client.post('/auth/signup', { email: 'x' }, { 'x-forwarded-for': address });
      expect((await signup('198.51.100.7')).status).toBe(400);
      // A different claimed address is still the same peer.
      expect((await signup('198.51.100.8')).status).toBe(429);
    } finally {
      await stop(untrusted);
    }
  });
});

describe('a deny-list that cannot be read', () => {
  it('fails closed: a GraphQL request answers 503 and is not let through', async () => {
    const state = await createSharedState({ logger: silentLogger });
    const broken: SharedState = {
      ...state,
      denyList: {
        revoke: () => Promise.reject(new SharedStateUnavailableError('revoking', new Error('down'))),
        isRevoked: () => Promise.reject(new SharedStateUnavailableError('checking', new Error('down'))),
      },
    };
    const served = await serve({ sharedState: broken });
    try {
      const session = await served.client.login();
      const response = await served.client.post(
        '/graphql',
        { query: '{ __typename }' },
        { authorization: `Bearer ${session.token}` },
      );
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
      // Log-out still ends the session.
      expect((await served.client.post('/auth/logout', {}, { cookie: session.cookie })).status).toBe(200);
      expect((await served.client.refresh(session.cookie)).status).toBe(401);
    } finally {
      await stop(served);
    }
  });
});

describe('the gateway over PostgreSQL', () => {
  const schemas = testSchemas('gwrestart');
  afterAll(() => schemas.drop());

  it('keeps accounts, sessions and its signing key across a restart, and seeds the demo log-ins once', async () => {
    const database = { url: schemas.url, schema: schemas.schema('gateway') };
    // No `keys`: the key comes from the database, as with DATABASE_URL and no AUTH_SIGNING_KEYS.
    // The query below asks no subgraph, so none runs.
    const start = async () => {
      const running = await serveGateway({
        supergraphSdl: readFileSync(SUPERGRAPH_SDL, 'utf8'),
        database,
        demoUsers: true,
        passwordParams: TEST_PASSWORD_PARAMS,
        port: 0,
        logger: silentLogger,
      });
      return { running, client: client(running.url.replace('/graphql', '')) };
    };
    const first = await start();
    const session = await first.client.login();
    await first.running.close();
    const second = await start();
    try {
      expect(await second.client.graphql(session.token)).toBe(200);
      // Two refreshes at once, as two tabs send them: on PostgreSQL too both continue the session.
      const [a, b] = await Promise.all([second.client.refresh(session.cookie), second.client.refresh(session.cookie)]);
      expect([a.status, b.status, a.cookie === b.cookie]).toEqual([200, 200, true]);
      expect((await second.client.refresh(a.cookie)).status).toBe(200);
      await second.client.login();
    } finally {
      await second.running.close();
    }
    const rows = await countAccounts(database);
    expect(rows).toBe(DEMO_USERS.length);
  });
});
