import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import type { Fetcher } from '@apollo/utils.fetcher';
import { createLogger, freePort, type RunningService } from '@carebridge/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/auth/demo';
import { generateSigningJwk, keyRingFromJwks, type KeyRing } from '../src/auth/keys';
import { SUPERGRAPH_SDL } from '../src/compose';
import { serveGateway } from '../src/server';
import {
  inProcessFetcher,
  RIVERSIDE_CLINICIAN,
  startLocalSupergraph,
  TEST_PASSWORD_PARAMS,
  type LocalSupergraph,
} from '../../scripts/lib/stack/inProcess';

type SubgraphName = 'patient' | 'clinical' | 'ehr';
type GatewayServeOptions = Parameters<typeof serveGateway>[0];

/**
 * The gateway's protections over HTTP: serveGateway on a free port, with the real subgraphs
 * in-process behind it (so every subgraph request is counted), except where a test puts a subgraph
 * behind a port of its own that refuses, hangs or fails.
 */
let graph: LocalSupergraph;
let keys: KeyRing;
let token: string;
let dev: RunningService;
/** Headers of every request a gateway of this file sent to an in-process subgraph. */
const subgraphRequests: Record<string, string>[] = [];
const logLines: Record<string, unknown>[] = [];
const logger = createLogger('gateway', {}, (line) => logLines.push(JSON.parse(line) as Record<string, unknown>));
const running: RunningService[] = [];

function inProcess(except: SubgraphName[] = []): Record<string, Fetcher> {
  const all: Record<SubgraphName, Fetcher> = {
    patient: inProcessFetcher(graph.services.patient, subgraphRequests),
    clinical: inProcessFetcher(graph.services.clinical, subgraphRequests),
    ehr: inProcessFetcher(graph.services.ehr, subgraphRequests),
  };
  return Object.fromEntries(Object.entries(all).filter(([name]) => !except.includes(name as SubgraphName)));
}

async function serve(options: Partial<GatewayServeOptions> = {}): Promise<RunningService> {
  const gateway = await serveGateway({
    supergraphSdl: readFileSync(SUPERGRAPH_SDL, 'utf8'),
    keys,
    passwordParams: TEST_PASSWORD_PARAMS,
    demoUsers: true,
    secureCookies: false,
    fetchers: inProcess(),
    port: 0,
    logger,
    ...options,
  });
  running.push(gateway);
  return gateway;
}

const postJson = async (url: string, body: unknown, headers: Record<string, string> = {}) => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
};

/** A subgraph stand-in on its own port; `handle` decides what each request gets. */
async function fakeSubgraph(handle: (request: IncomingMessage, response: ServerResponse) => void) {
  const server: Server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Hands a request that reached a fake subgraph on to the real, in-process one. */
async function forward(target: Fetcher, request: IncomingMessage, response: ServerResponse) {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(request.headers)) if (typeof value === 'string') headers[key] = value;
  const answer = await target('http://in-process/graphql', {
    method: 'POST',
    headers,
    body: Buffer.concat(chunks).toString('utf8'),
  });
  response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
  response.end(await answer.text());
}

beforeAll(async () => {
  keys = await keyRingFromJwks([await generateSigningJwk()]);
  graph = await startLocalSupergraph({ keys });
  token = await graph.tokenFor(RIVERSIDE_CLINICIAN);
  dev = await serve();
});
afterAll(async () => {
  await Promise.all(running.map((r) => r.close()));
  await graph.stop();
});

describe('request limits over HTTP', () => {
  it('answers 400 OPERATION_LIMIT for an alias flood, calls no subgraph, and serves the next request', async () => {
    const before = subgraphRequests.length;
    const flood = Array.from({ length: 200 }, (_, i) => `o${i}: organizations { id }`).join(' ');
    const refused = await postJson(dev.url, { query: `{ ${flood} }` });
    expect(refused.status).toBe(400);
    expect(refused.body['errors'][0].extensions).toEqual({
      code: 'OPERATION_LIMIT',
      limit: 'aliases',
      value: 200,
      max: 30,
    });
    expect(subgraphRequests.length).toBe(before);

    const next = await postJson(dev.url, { query: '{ organizations { id } }' });
    expect(next.status).toBe(200);
    expect(next.body['data'].organizations).toEqual([{ id: 'org-riverside' }]);
  });

  it('refuses a body over MAX_BODY_BYTES with 413 and accepts one under it', async () => {
    const small = await serve({ maxBodyBytes: 4_096 });
    const padding = 'x'.repeat(8_000);
    const over = await fetch(small.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ organizations { id } }', variables: { padding } }),
    });
    expect(over.status).toBe(413);
    const under = await postJson(small.url, { query: '{ organizations { id } }' });
    expect(under.status).toBe(200);
  });

  it('refuses a batched array of operations with 400 without calling any subgraph', async () => {
    const before = subgraphRequests.length;
    const batch = await postJson(dev.url, [{ query: '{ organizations { id } }' }, { query: '{ ehrSystems { id } }' }]);
    expect(batch.status).toBe(400);
    expect(batch.body['errors'][0].extensions.code).toBe('BAD_REQUEST');
    expect(subgraphRequests.length).toBe(before);
  });

  it('answers 400 to a JSON array posted to /auth/login', async () => {
    const response = await fetch(dev.url.replace('/graphql', '/auth/login'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ email: 'clinician@riverside.test', password: DEMO_PASSWORD }]),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { accessToken?: string }).accessToken).toBeUndefined();
  });
});

describe('production mode', () => {
  let production: RunningService;
  beforeAll(async () => {
    production = await serve({ production: true });
  });
  const INTROSPECTION = '{ __schema { types { name } } }';
  const TYPO = '{ patients(first: 1) { nodes { firstNam } } }';

  it('refuses introspection in production and answers it in development', async () => {
    const refused = await postJson(production.url, { query: INTROSPECTION });
    expect(refused.status).toBe(400);
    expect(refused.body['errors'][0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(refused.body['data']).toBeUndefined();

    const answered = await postJson(dev.url, { query: INTROSPECTION });
    expect(answered.status).toBe(200);
    expect(answered.body['data'].__schema.types.length).toBeGreaterThan(10);
  });

  it('gives no "Did you mean" suggestion for a typo in production, and does in development', async () => {
    const prod = await postJson(production.url, { query: TYPO });
    expect(prod.body['errors'][0].message).toBe('Cannot query field "firstNam" on type "Patient".');
    const development = await postJson(dev.url, { query: TYPO });
    expect(development.body['errors'][0].message).toMatch(/Did you mean "firstName"/);
  });

  it('serves no landing page in production, and Sandbox in development', async () => {
    const prod = await fetch(production.url, { headers: { accept: 'text/html' } });
    expect(prod.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
    expect(await prod.text()).not.toMatch(/sandbox/i);
    const development = await fetch(dev.url, { headers: { accept: 'text/html' } });
    expect(await development.text()).toMatch(/sandbox/i);
  });
});

describe('CSRF prevention', () => {
  const QUERY = '{ organizations { id } }';
  const get = (query: string, headers: Record<string, string> = {}) =>
    fetch(`${dev.url}?query=${encodeURIComponent(query)}`, {
      headers: { authorization: `Bearer ${token}`, ...headers },
    });
  const post = (body: string, contentType: string) =>
    fetch(dev.url, {
      method: 'POST',
      headers: { 'content-type': contentType, authorization: `Bearer ${token}` },
      body,
    });
  const expectCsrfRefusal = async (response: Response) => {
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: { message: string }[] }).errors[0]?.message).toMatch(/CSRF/);
  };

  it('refuses a GET query without a preflight-forcing header', async () => {
    const before = subgraphRequests.length;
    await expectCsrfRefusal(await get(QUERY));
    expect(subgraphRequests.length).toBe(before);
  });

  it('refuses a text/plain POST', async () => {
    await expectCsrfRefusal(await post(JSON.stringify({ query: QUERY }), 'text/plain'));
  });

  it('refuses a form-encoded POST', async () => {
    await expectCsrfRefusal(await post(`query=${encodeURIComponent(QUERY)}`, 'application/x-www-form-urlencoded'));
  });

  it('accepts a JSON POST', async () => {
    const response = await post(JSON.stringify({ query: QUERY }), 'application/json');
    expect(response.status).toBe(200);
  });

  it('accepts a GET query with apollo-require-preflight, but never a mutation over GET', async () => {
    const query = await get(QUERY, { 'apollo-require-preflight': 'true' });
    expect(query.status).toBe(200);
    expect(((await query.json()) as { data: unknown }).data).toEqual({ organizations: [{ id: 'org-riverside' }] });

    const before = subgraphRequests.length;
    const mutation = await get('mutation { resendPatientToEhr(patientId: "pt-00001") { id } }', {
      'apollo-require-preflight': 'true',
    });
    expect(mutation.status).toBe(405);
    expect(subgraphRequests.length).toBe(before);
  });
});

describe('a subgraph that is down, slow or failing', () => {
  /** Organizations come from ehr; the questionnaire and the patient's history from clinical. */
  const MIXED = /* GraphQL */ `
    {
      organizations {
        id
      }
      questionnaire(id: "qn-intake-v1") {
        id
      }
      patient(id: "pt-00001") {
        id
        clinicalHistory {
          allergies
        }
      }
    }
  `;

  it('answers promptly with the other subgraphs’ data and SUBGRAPH_UNAVAILABLE where a refused subgraph’s data was', async () => {
    const closedPort = await freePort();
    const gateway = await serve({
      fetchers: inProcess(['clinical']),
      subgraphUrls: { clinical: `http://127.0.0.1:${closedPort}/graphql` },
    });
    const started = performance.now();
    const result = await postJson(gateway.url, { query: MIXED });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(result.status).toBe(200);
    // Fields a subgraph adds to Patient are nullable, so the patient still arrives without its history.
    expect(result.body['data']).toEqual({
      organizations: [{ id: 'org-riverside' }],
      questionnaire: null,
      patient: { id: 'pt-00001', clinicalHistory: null },
    });
    expect(result.body['errors']).toEqual([
      {
        message: 'The clinical service is unavailable.',
        path: ['questionnaire'],
        extensions: { code: 'SUBGRAPH_UNAVAILABLE' },
      },
      {
        message: 'The clinical service is unavailable.',
        path: ['patient', 'clinicalHistory'],
        extensions: { code: 'SUBGRAPH_UNAVAILABLE' },
      },
    ]);
    expect(JSON.stringify(result.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|fetch failed/);
    expect(logLines).toContainEqual(
      expect.objectContaining({
        event: 'subgraph.unavailable',
        service: 'gateway',
        subgraph: 'clinical',
        reason: 'network',
      }),
    );
  });

  it('answers within a second when a subgraph hangs for 30 s, then gets complete answers once it is back', async () => {
    let hang = true;
    const clinical = inProcessFetcher(graph.services.clinical);
    const slow = await fakeSubgraph((request, response) => {
      if (!hang) {
        void forward(clinical, request, response);
        return;
      }
      const timer = setTimeout(() => response.end('{"data":{}}'), 30_000);
      response.on('close', () => clearTimeout(timer));
    });
    try {
      const gateway = await serve({
        fetchers: inProcess(['clinical']),
        subgraphUrls: { clinical: slow.url },
        subgraphTimeoutMs: 300,
      });
      const started = performance.now();
      const partial = await postJson(gateway.url, { query: MIXED });
      expect(performance.now() - started).toBeLessThan(1_000);
      expect(partial.body['data'].organizations).toEqual([{ id: 'org-riverside' }]);
      expect(partial.body['errors'][0]).toEqual({
        message: 'The clinical service did not answer in time.',
        path: ['questionnaire'],
        extensions: { code: 'SUBGRAPH_UNAVAILABLE' },
      });

      hang = false;
      const complete = await postJson(gateway.url, { query: MIXED });
      expect(complete.body['errors']).toBeUndefined();
      expect(complete.body['data'].questionnaire).toEqual({ id: 'qn-intake-v1' });
      expect(complete.body['data'].patient.clinicalHistory.allergies).toEqual(expect.any(Array));
    } finally {
      await slow.close();
    }
  });

  it('sends a mutation to a failing subgraph exactly once', async () => {
    let received = 0;
    const failing = await fakeSubgraph((request) => {
      received++;
      // Cut the connection mid-request: the one failure a retrying client would retry.
      request.socket.destroy();
    });
    try {
      const gateway = await serve({ fetchers: inProcess(['clinical']), subgraphUrls: { clinical: failing.url } });
      const result = await postJson(gateway.url, {
        query: 'mutation ($input: QuestionnaireResponseInput!) { submitQuestionnaireResponse(input: $input) { id } }',
        variables: { input: { patientId: 'pt-00001', questionnaireId: 'qn-intake-v1', language: 'EN', answers: [] } },
      });
      expect(result.body['errors']).toEqual([
        {
          message: 'The clinical service is unavailable.',
          path: ['submitQuestionnaireResponse'],
          extensions: { code: 'SUBGRAPH_UNAVAILABLE' },
        },
      ]);
      // Give a retry, had there been one, time to arrive.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(received).toBe(1);
    } finally {
      await failing.close();
    }
  });
});
