import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import type { RunningService } from '@carebridge/common';
import { EHR_SYSTEMS_READER } from '../src/auth/graph';
import { CREATE_EHR_SYSTEM, newEhrSystemInput, RIVERSIDE_ADMIN, SEEDED_EHR_SYSTEMS } from './support/ehrSystems';
import { startLocalSupergraph, type LocalSupergraph } from '../../scripts/lib/stack/inProcess';

/**
 * `GET /auth/ehr-systems`, the sign-up page's list, through the real gateway over HTTP with the
 * real subgraphs in-process behind it. The cache's clock is the test's.
 */
describe('GET /auth/ehr-systems', () => {
  let graph: LocalSupergraph;
  let http: RunningService;
  let now = Date.now();
  const base = () => http.url.replace('/graphql', '');
  const ehrSystems = async (init: RequestInit = {}, path = '/auth/ehr-systems') => {
    const response = await fetch(`${base()}${path}`, init);
    return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, any> };
  };

  beforeAll(async () => {
    graph = await startLocalSupergraph({ ehrSystemsCache: { now: () => now } });
    http = await graph.serve();
  });
  afterAll(async () => {
    await http.close();
    await graph.stop();
  });

  it('answers every EHR system’s id and name, ordered by name, with no token', async () => {
    const result = await ehrSystems();
    expect(result.status).toBe(200);
    expect(result.headers.get('content-type')).toMatch(/^application\/json/);
    expect(result.headers.get('cache-control')).toBe('public, max-age=60');
    // Exactly these keys: no base URL, endpoints, mappings or organizations leave.
    expect(result.body).toEqual({ ehrSystems: SEEDED_EHR_SYSTEMS });
  });

  it('asks the graph with a CLINICIAN token it minted for an organization that does not exist', async () => {
    now += 60_000;
    const before = graph.subgraphRequests.length;
    expect((await ehrSystems()).status).toBe(200);
    const sent = graph.subgraphRequests.slice(before);
    expect(sent).toHaveLength(1);
    const claims = decodeJwt(/^Bearer (.+)$/.exec(sent[0]!['authorization'] ?? '')![1]!);
    expect(claims).toMatchObject({ sub: EHR_SYSTEMS_READER, role: 'CLINICIAN' });
    expect(claims['org']).toMatch(/^org-[0-9a-f-]{36}$/);
  });

  it('serves from its cache for 60 s, whatever the query string, and never lists an organization’s own system', async () => {
    now += 60_000;
    await ehrSystems();
    const before = graph.subgraphRequests.length;
    const created = await graph.query(CREATE_EHR_SYSTEM, { input: newEhrSystemInput('Apex EHR') }, RIVERSIDE_ADMIN);
    expect(created.data).toEqual({ createEhrSystem: { id: 'ehr-apex-ehr' } });
    const afterCreate = graph.subgraphRequests.length;

    now += 59_000;
    const cached = await Promise.all([ehrSystems(), ehrSystems({}, '/auth/ehr-systems?fresh=1')]);
    expect(cached.map((r) => r.body)).toEqual([{ ehrSystems: SEEDED_EHR_SYSTEMS }, { ehrSystems: SEEDED_EHR_SYSTEMS }]);
    expect(graph.subgraphRequests.length).toBe(afterCreate);
    expect(afterCreate - before).toBe(1);

    // Read again after the TTL: Riverside's new system is Riverside's alone, not offered at sign-up.
    now += 1_000;
    expect((await ehrSystems()).body).toEqual({ ehrSystems: SEEDED_EHR_SYSTEMS });
    expect(graph.subgraphRequests.length).toBe(afterCreate + 1);
  });

  it('is GET only, and ignores a body or a token', async () => {
    const post = await ehrSystems({ method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect([post.status, post.headers.get('allow')]).toEqual([405, 'GET']);
    const withToken = await ehrSystems({ headers: { authorization: 'Bearer not-a-token' } });
    expect(withToken.status).toBe(200);
  });
});

describe('GET /auth/ehr-systems with the ehr subgraph down', () => {
  let graph: LocalSupergraph;
  let http: RunningService;
  let calls = 0;

  beforeAll(async () => {
    graph = await startLocalSupergraph({
      fetchers: {
        ehr: () => {
          calls += 1;
          return Promise.reject(new Error('connect ECONNREFUSED'));
        },
      },
    });
    http = await graph.serve();
  });
  afterAll(async () => {
    await http.close();
    await graph.stop();
  });

  it('answers 503 with retry-after, and leaves the subgraph alone meanwhile', async () => {
    const url = `${http.url.replace('/graphql', '')}/auth/ehr-systems`;
    const responses = await Promise.all([fetch(url), fetch(url)]);
    const again = await fetch(url);
    expect([...responses, again].map((r) => r.status)).toEqual([503, 503, 503]);
    expect(Number(again.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await again.json()).toEqual({
      error: 'The EHR systems cannot be listed right now. Try again shortly.',
      code: 'SUBGRAPH_UNAVAILABLE',
    });
    expect(calls).toBe(1);
  });
});
