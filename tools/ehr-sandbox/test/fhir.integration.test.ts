import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSandbox, type RunningSandbox, type Sandbox } from '../src/server';
import { allergyEntry, coverageEntry, MRN_SYSTEM, patientEntry, transaction } from './support/fhirBundles';

/** The sandbox's FHIR R4 server over real HTTP on port 0. */

let sandbox: Sandbox;
let running: RunningSandbox;

beforeAll(async () => {
  sandbox = createSandbox();
  running = await sandbox.listen(0);
});
afterAll(() => running.close());

beforeEach(() => {
  sandbox.faults.update({ failureRate: 0, retryAfterRate: 0, lostResponseRate: 0, delayMs: 0 });
  sandbox.store.reset();
});

async function fhir(method: string, path: string, body?: unknown, contentType = 'application/fhir+json') {
  const response = await fetch(`${running.url}/fhir/r4${path}`, {
    method,
    headers: { 'content-type': contentType, accept: 'application/fhir+json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
}

const delivery = () => transaction(patientEntry(), allergyEntry(), coverageEntry());

describe('FHIR R4 sandbox over HTTP', () => {
  it('applies a transaction and answers a transaction-response Bundle in application/fhir+json', async () => {
    const answer = await fhir('POST', '', delivery());
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/fhir+json; charset=utf-8');
    expect(answer.json.type).toBe('transaction-response');
    expect(answer.json.entry[0].response).toMatchObject({
      status: '201 Created',
      location: 'Patient/pat-000001/_history/1',
      etag: 'W/"1"',
    });
    expect((await fhir('POST', '', delivery(), 'application/json')).status).toBe(200);
    expect((await fhir('POST', '', delivery(), 'text/plain')).status).toBe(415);
  });

  it('reads back by identifier, by patient, by id, and everything about a patient', async () => {
    await fhir('POST', '', delivery());
    const byIdentifier = await fhir('GET', `/Patient?identifier=${encodeURIComponent(`${MRN_SYSTEM}|MRN-0001`)}`);
    expect(byIdentifier.json).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 1 });
    expect(byIdentifier.json.entry[0].fullUrl).toBe(`${running.url}/fhir/r4/Patient/pat-000001`);
    expect((await fhir('GET', '/Patient?identifier=other|MRN-0001')).json.total).toBe(0);

    const allergies = await fhir('GET', '/AllergyIntolerance?patient=pat-000001');
    expect(allergies.json.entry.map((entry: { resource: { id: string } }) => entry.resource.id)).toEqual([
      'alg-000001',
    ]);
    expect((await fhir('GET', '/Coverage?beneficiary=Patient/pat-000001')).json.total).toBe(1);
    expect((await fhir('GET', '/Condition?subject=Patient/pat-000001')).json.total).toBe(0);

    const read = await fhir('GET', '/Patient/pat-000001');
    expect(read.json).toMatchObject({ resourceType: 'Patient', id: 'pat-000001', meta: { versionId: '1' } });
    expect(read.headers.get('etag')).toBe('W/"1"');
    expect((await fhir('GET', '/Patient/pat-000001/_history/1')).json.id).toBe('pat-000001');

    const everything = await fhir('GET', '/Patient/pat-000001/$everything');
    expect(
      everything.json.entry.map((entry: { resource: { resourceType: string } }) => entry.resource.resourceType),
    ).toEqual(['Patient', 'Coverage', 'AllergyIntolerance']);
    expect(sandbox.store.fhir.counts()).toEqual({ Patient: 1, AllergyIntolerance: 1, Coverage: 1 });
  });

  it('answers OperationOutcomes: 404 unknown, 400 bad JSON or search, 405 wrong method, 422 invalid', async () => {
    const missing = await fhir('GET', '/Patient/pat-424242');
    expect(missing).toMatchObject({ status: 404, json: { resourceType: 'OperationOutcome' } });
    expect((await fhir('GET', '/Appointment?patient=x')).status).toBe(404);
    const badJson = await fhir('POST', '', '{"resourceType":');
    expect(badJson).toMatchObject({ status: 400, json: { issue: [{ severity: 'error', code: 'structure' }] } });
    expect((await fhir('GET', '/Patient?name=Maria')).status).toBe(400);
    const wrongMethod = await fhir('DELETE', '/Patient/pat-000001');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET');
    const invalid = await fhir(
      'POST',
      '',
      transaction({ resource: { resourceType: 'Coverage' }, request: { method: 'POST', url: 'Coverage' } }),
    );
    expect(invalid.status).toBe(422);
    expect(invalid.json.issue.map((entry: { expression: string[] }) => entry.expression[0])).toEqual([
      'Bundle.entry[0].resource.status',
      'Bundle.entry[0].resource.beneficiary',
      'Bundle.entry[0].resource.payor',
    ]);
    expect(sandbox.store.stats()['fhir']).toMatchObject({ patients: 0, acceptedWrites: 0, rejected: 6 });
  });

  it('serves a CapabilityStatement', async () => {
    const metadata = await fhir('GET', '/metadata');
    expect(metadata.json).toMatchObject({
      resourceType: 'CapabilityStatement',
      fhirVersion: '4.0.1',
      kind: 'instance',
    });
    expect(metadata.json.rest[0].resource.map((resource: { type: string }) => resource.type)).toContain('Patient');
  });

  it('a lost response: the Bundle was applied, the answer dropped, and the retry makes no second Patient', async () => {
    sandbox.faults.update({ lostResponseRate: 1 });
    await expect(fhir('POST', '', delivery())).rejects.toThrow();
    expect(sandbox.store.fhir.list('Patient')).toHaveLength(1);

    sandbox.faults.update({ lostResponseRate: 0 });
    const retried = await fhir('POST', '', delivery());
    expect(retried.json.entry.map((entry: { response: { status: string } }) => entry.response.status)).toEqual([
      '200 OK',
      '200 OK',
      '200 OK',
    ]);
    expect(retried.json.entry[0].response.location).toBe('Patient/pat-000001/_history/2');
    expect(sandbox.store.fhir.counts()).toEqual({ Patient: 1, AllergyIntolerance: 1, Coverage: 1 });
    expect(sandbox.store.stats()['fhir']).toMatchObject({ patients: 1, acceptedWrites: 2, injectedFailures: 1 });
  });

  it('injected failures answer a transient OperationOutcome and apply nothing', async () => {
    sandbox.faults.update({ retryAfterRate: 1, retryAfterSeconds: 4 });
    const refused = await fhir('POST', '', delivery());
    expect(refused).toMatchObject({ status: 503, json: { issue: [{ code: 'transient' }] } });
    expect(refused.headers.get('retry-after')).toBe('4');
    sandbox.faults.update({ retryAfterRate: 0, failureRate: 1 });
    expect((await fhir('POST', '', delivery())).status).toBe(500);
    expect(sandbox.store.fhir.counts()).toEqual({});
  });

  it('shows the resources through the control API and forgets them on reset', async () => {
    await fhir('POST', '', delivery());
    const control = (path: string, method = 'GET') => fetch(`${running.url}/_sandbox${path}`, { method });
    expect(await (await control('/fhir')).json()).toEqual({ Patient: 1, AllergyIntolerance: 1, Coverage: 1 });
    const patients = (await (await control('/fhir/Patient')).json()) as { id: string }[];
    expect(patients.map((resource) => resource.id)).toEqual(['pat-000001']);
    expect((await control('/fhir/Appointment')).status).toBe(404);
    expect(((await (await control('/stats')).json()) as Record<string, unknown>)['fhir']).toMatchObject({
      patients: 1,
      acceptedWrites: 1,
    });
    await control('/reset', 'POST');
    expect(await (await control('/fhir')).json()).toEqual({});
  });
});
