import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveService, silentLogger, type RunningService } from '@carebridge/common';
import { createService as createClinical } from '@carebridge/clinical-subgraph/src/server';
import { createService as createEhr } from '@carebridge/ehr-subgraph/src/server';
import { createService as createPatient } from '@carebridge/patient-subgraph/src/server';
import { SUPERGRAPH_SDL } from '../src/compose';
import { serveGateway } from '../src/server';

/** Every service on its own port (0: any free one), talking HTTP as in production. */
describe('supergraph over HTTP', () => {
  const running: RunningService[] = [];
  let gatewayUrl: string;

  beforeAll(async () => {
    const [patient, clinical, ehr] = await Promise.all([
      serveService(createPatient(), { port: 0 }),
      serveService(createClinical(), { port: 0 }),
      serveService(createEhr(), { port: 0 }),
    ]);
    running.push(patient, clinical, ehr);
    const gateway = await serveGateway({
      supergraphSdl: readFileSync(SUPERGRAPH_SDL, 'utf8'),
      subgraphUrls: { patient: patient.url, clinical: clinical.url, ehr: ehr.url },
      port: 0,
      logger: silentLogger,
    });
    running.push(gateway);
    gatewayUrl = gateway.url;
  });
  afterAll(async () => {
    await Promise.all(running.map((r) => r.close()));
  });

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('answers a query that joins all three subgraphs', async () => {
    const response = await post({
      query:
        '{ patients(first: 3) { totalCount nodes { id organization { name } ehrSystem { name } clinicalHistory { allergies } } } }',
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: { patients: { totalCount: number; nodes: unknown[] } } };
    expect(body.data.patients.totalCount).toBe(240);
    expect(body.data.patients.nodes).toHaveLength(3);
  });

  it('echoes the caller’s request id so one request can be traced across services', async () => {
    const response = await post({ query: '{ organizations { id } }' }, { 'x-request-id': 'trace-me-1' });
    expect(response.headers.get('x-request-id')).toBe('trace-me-1');
  });

  it('keeps CSRF prevention on: a GET without a preflight header is refused', async () => {
    const response = await fetch(`${gatewayUrl}?query=${encodeURIComponent('{ organizations { id } }')}`);
    expect(response.status).toBe(400);
  });

  it('serves the Apollo Sandbox landing page to a browser', async () => {
    const response = await fetch(gatewayUrl, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('sandbox');
  });
});
