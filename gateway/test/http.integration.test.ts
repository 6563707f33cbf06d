import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenVerifier, freePort, serveService, silentLogger, type RunningService } from '@carebridge/common';
import { createHttpPatientDirectory } from '@carebridge/clinical-subgraph/src/data/patients';
import { createService as createClinical } from '@carebridge/clinical-subgraph/src/server';
import { createService as createEhr } from '@carebridge/ehr-subgraph/src/server';
import { createService as createPatient } from '@carebridge/patient-subgraph/src/server';
import { DEMO_PASSWORD } from '../src/auth/demo';
import { generateSigningJwk, keyRingFromJwks } from '../src/auth/keys';
import { SUPERGRAPH_SDL } from '../src/compose';
import { serveGateway } from '../src/server';
import { TEST_PASSWORD_PARAMS } from '../../scripts/lib/stack/inProcess';

/** Every service on its own port, talking HTTP as in production, subgraphs fetching the gateway's JWKS. */
describe('supergraph over HTTP', () => {
  const running: RunningService[] = [];
  let gatewayUrl: string;
  let token: string;

  beforeAll(async () => {
    // The subgraphs verify tokens against the gateway's JWKS, so the gateway's port comes first.
    const gatewayPort = await freePort();
    const verifier = createTokenVerifier({ jwks: `http://127.0.0.1:${gatewayPort}/.well-known/jwks.json` });
    const graphUrl = `http://127.0.0.1:${gatewayPort}/graphql`;
    const [patient, clinical, ehr] = await Promise.all([
      serveService(createPatient({ verifier }), { port: 0 }),
      serveService(createClinical({ verifier, patients: createHttpPatientDirectory({ graphUrl }) }), { port: 0 }),
      serveService(createEhr({ verifier }), { port: 0 }),
    ]);
    const gateway = await serveGateway({
      supergraphSdl: readFileSync(SUPERGRAPH_SDL, 'utf8'),
      subgraphUrls: { patient: patient.url, clinical: clinical.url, ehr: ehr.url },
      keys: await keyRingFromJwks([await generateSigningJwk()]),
      passwordParams: TEST_PASSWORD_PARAMS,
      demoUsers: true,
      port: gatewayPort,
      logger: silentLogger,
    });
    running.push(patient, clinical, ehr, gateway);
    gatewayUrl = gateway.url;
    const login = await fetch(gatewayUrl.replace('/graphql', '/auth/login'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'clinician@riverside.test', password: DEMO_PASSWORD }),
    });
    token = ((await login.json()) as { accessToken: string }).accessToken;
  });
  afterAll(async () => {
    await Promise.all(running.map((r) => r.close()));
  });

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
      body: JSON.stringify(body),
    });

  it('answers a query that joins all three subgraphs, each verifying the token', async () => {
    const response = await post({
      query:
        '{ patients(first: 3) { totalCount nodes { id organization { name } ehrSystem { name } clinicalHistory { allergies } } } }',
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      data: { patients: { totalCount: number; nodes: { organization: { name: string } }[] } };
    };
    expect(body.data.patients.totalCount).toBe(120);
    expect(body.data.patients.nodes.map((n) => n.organization.name)).toEqual(Array(3).fill('Riverside Hospital'));
  });

  it('lets the clinical subgraph check over HTTP that a patient is the caller’s before storing answers', async () => {
    const SUBMIT = `mutation ($input: QuestionnaireResponseInput!) { submitQuestionnaireResponse(input: $input) { id } }`;
    const input = (patientId: string) => ({ patientId, questionnaireId: 'qn-intake-v1', language: 'EN', answers: [] });
    const other = (await (await post({ query: SUBMIT, variables: { input: input('pt-00004') } })).json()) as {
      errors: { extensions: { code: string } }[];
    };
    expect(other.errors[0]?.extensions.code).toBe('FORBIDDEN');
    // Its own patient passes the directory check and reaches validation (required answers missing).
    const own = (await (await post({ query: SUBMIT, variables: { input: input('pt-00001') } })).json()) as {
      errors: { extensions: { code: string } }[];
    };
    expect(own.errors[0]?.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('answers 401 without a token', async () => {
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ organizations { id } }' }),
    });
    expect(response.status).toBe(401);
  });

  it('echoes the caller’s request id so one request can be traced across services', async () => {
    const response = await post({ query: '{ organizations { id } }' }, { 'x-request-id': 'trace-me-1' });
    expect(response.headers.get('x-request-id')).toBe('trace-me-1');
  });

  it('keeps CSRF prevention on: a GET without a preflight header is refused', async () => {
    const response = await fetch(`${gatewayUrl}?query=${encodeURIComponent('{ organizations { id } }')}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(400);
  });

  it('serves the Apollo Sandbox landing page to a browser', async () => {
    const response = await fetch(gatewayUrl, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('sandbox');
  });
});
