import { ApolloServer } from '@apollo/server';
import { createMetrics, serveHttp, silentLogger } from '@carebridge/common';
import { metricValue, parseMetrics, type MetricSample } from '@carebridge/common/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startInProcessStack, type InProcessStack } from '../../scripts/lib/stack/inProcess';

const TOKEN = 'metrics-test-token-0123456789';
const N = 5;
const PATIENTS = 'query Patients { patients(first: 2) { totalCount nodes { id } } }';
const CREATE = `mutation CreatePatients($inputs: [PatientInput!]!) { createPatients(inputs: $inputs) { id } }`;

const metricsUrl = (graphqlUrl: string) => graphqlUrl.replace('/graphql', '/metrics');

async function scrape(graphqlUrl: string): Promise<MetricSample[]> {
  const response = await fetch(metricsUrl(graphqlUrl), { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return parseMetrics(await response.text());
}

async function post(url: string, body: unknown, token?: string): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
}

describe('/metrics through the real stack', () => {
  let stack: InProcessStack;
  beforeAll(async () => {
    // Read when each service makes its registry: every service of this stack requires the token.
    vi.stubEnv('METRICS_TOKEN', TOKEN);
    stack = await startInProcessStack();
  });
  afterAll(async () => {
    await stack?.stop();
    vi.unstubAllEnvs();
  });

  it('counts a known load at the gateway and at the patient subgraph', async () => {
    const token = await stack.login('clinician@riverside.test');
    const gatewayBefore = await scrape(stack.urls.gateway);
    const patientBefore = await scrape(stack.urls.patient);

    for (let i = 0; i < N; i++) {
      const response = await post(stack.urls.gateway, { query: PATIENTS, operationName: 'Patients' }, token);
      expect(response.status).toBe(200);
    }
    // One failing operation (a field that does not exist), and one failed log-in.
    const failing = await post(stack.urls.gateway, { query: 'query Broken { nope }', operationName: 'Broken' }, token);
    expect(failing.status).toBe(400);
    const wrong = await post(stack.urls.gateway.replace('/graphql', '/auth/login'), {
      email: 'clinician@riverside.test',
      password: 'not-the-password',
    });
    expect(wrong.status).toBe(401);

    const gateway = await scrape(stack.urls.gateway);
    const moved = (before: MetricSample[], after: MetricSample[], name: string, labels: Record<string, string> = {}) =>
      metricValue(after, name, labels) - metricValue(before, name, labels);

    expect(moved(gatewayBefore, gateway, 'carebridge_graphql_operations_total', { operation: 'Patients' })).toBe(N);
    expect(moved(gatewayBefore, gateway, 'carebridge_graphql_errors_total', { operation: 'Patients' })).toBe(0);
    expect(moved(gatewayBefore, gateway, 'carebridge_graphql_errors_total', { operation: 'Broken' })).toBe(1);
    expect(
      moved(gatewayBefore, gateway, 'carebridge_graphql_operation_duration_seconds_count', { operation: 'Patients' }),
    ).toBe(N);
    expect(moved(gatewayBefore, gateway, 'carebridge_http_requests_total', { route: 'graphql', status: '2xx' })).toBe(
      N,
    );
    expect(moved(gatewayBefore, gateway, 'carebridge_http_requests_total', { route: 'graphql', status: '4xx' })).toBe(
      1,
    );
    expect(
      moved(gatewayBefore, gateway, 'carebridge_gateway_subgraph_fetch_duration_seconds_count', {
        subgraph: 'patient',
      }),
    ).toBe(N);
    expect(moved(gatewayBefore, gateway, 'carebridge_gateway_subgraph_fetch_errors_total')).toBe(0);
    expect(moved(gatewayBefore, gateway, 'carebridge_auth_login_failures_total')).toBe(1);
    expect(metricValue(gateway, 'carebridge_http_requests_total', { service: 'gateway' })).toBeGreaterThan(0);
    expect(gateway.some((s) => s.name === 'process_resident_memory_bytes')).toBe(true);

    // The subgraph served one fetch per gateway operation, and nothing of the failing one.
    const patient = await scrape(stack.urls.patient);
    expect(moved(patientBefore, patient, 'carebridge_graphql_operations_total', { service: 'patient' })).toBe(N);
    expect(moved(patientBefore, patient, 'carebridge_http_requests_total', { route: 'graphql', status: '2xx' })).toBe(
      N,
    );
    // No patient id in any label of any service.
    const ids = new Set(
      ((await stack.graphql(token, PATIENTS)) as { patients: { nodes: { id: string }[] } }).patients.nodes.map(
        (node) => node.id,
      ),
    );
    for (const sample of [...gateway, ...patient])
      for (const value of Object.values(sample.labels)) expect(ids.has(value)).toBe(false);
  });

  it('shows the outbox and the delivery queue as the stores have them', async () => {
    const token = await stack.login('clinician@riverside.test');
    const inputs = [0, 1, 2].map((i) => ({
      firstName: `Metric${i}`,
      lastName: 'Case',
      gender: 'UNKNOWN',
      dateOfBirth: `1980-01-1${i}`,
    }));
    const before = await scrape(stack.urls.patient);
    await stack.graphql(token, CREATE, { inputs });
    await stack.settled();

    const patient = await scrape(stack.urls.patient);
    expect(metricValue(patient, 'carebridge_outbox_pending_events')).toBe(0);
    expect(
      metricValue(patient, 'carebridge_outbox_events_sent_total') -
        metricValue(before, 'carebridge_outbox_events_sent_total'),
    ).toBe(3);

    const ehr = await scrape(stack.urls.ehr);
    const counts = await stack.transactions.counts();
    expect(counts.DELIVERED).toBeGreaterThan(0);
    for (const status of ['PENDING', 'FAILED', 'DELIVERED', 'DEAD'] as const)
      expect(metricValue(ehr, 'carebridge_ehr_queue_transactions', { status })).toBe(counts[status]);
    expect(metricValue(ehr, 'carebridge_ehr_deliveries_total')).toBe(counts.DELIVERED);
    const systems = new Set(
      ehr.filter((s) => s.name === 'carebridge_ehr_deliveries_total').map((s) => s.labels['ehr_system']),
    );
    expect([...systems].every((system) => system?.startsWith('ehr-'))).toBe(true);
  });

  it('counts a fetch to a subgraph that is down as an error of that subgraph', async () => {
    const token = await stack.login('clinician@riverside.test');
    const errors = 'carebridge_gateway_subgraph_fetch_errors_total';
    const before = await scrape(stack.urls.gateway);
    await stack.stopEhr();
    try {
      const response = await post(stack.urls.gateway, { query: 'query Systems { ehrSystems { id } }' }, token);
      expect(((await response.json()) as { errors?: unknown[] }).errors).toBeDefined();
    } finally {
      await stack.startEhr();
    }
    const after = await scrape(stack.urls.gateway);
    expect(metricValue(after, errors, { subgraph: 'ehr' }) - metricValue(before, errors, { subgraph: 'ehr' })).toBe(1);
    expect(metricValue(after, errors, { subgraph: 'ehr', reason: 'network' })).toBe(1);
    expect(metricValue(after, 'carebridge_graphql_errors_total', { operation: 'Systems' })).toBe(1);
  });

  it('refuses a scrape without the token, or with a wrong one', async () => {
    for (const url of Object.values(stack.urls)) {
      expect((await fetch(metricsUrl(url))).status).toBe(401);
      const wrong = await fetch(metricsUrl(url), { headers: { authorization: 'Bearer wrong-token' } });
      expect(wrong.status).toBe(401);
      expect(await wrong.text()).not.toContain('carebridge_');
    }
  });
});

describe('/metrics in production', () => {
  async function serve(env: Record<string, string>) {
    const server = new ApolloServer({ typeDefs: 'type Query { ok: Boolean }' });
    await server.start();
    return serveHttp({
      server,
      logger: silentLogger,
      port: 0,
      metrics: createMetrics({ service: 'test', env }),
      context: () => Promise.resolve({}),
    });
  }

  it('serves nothing without METRICS_TOKEN, and only with it when it is set', async () => {
    const open = await serve({ NODE_ENV: 'production' });
    try {
      expect((await fetch(metricsUrl(open.url))).status).toBe(404);
      expect((await fetch(metricsUrl(open.url), { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
    } finally {
      await open.close();
    }
    const guarded = await serve({ NODE_ENV: 'production', METRICS_TOKEN: TOKEN });
    try {
      expect((await fetch(metricsUrl(guarded.url))).status).toBe(401);
      expect((await fetch(metricsUrl(guarded.url), { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(
        200,
      );
    } finally {
      await guarded.close();
    }
  });
});
