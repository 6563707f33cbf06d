import { lookup } from 'node:dns/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@carebridge/common';
import { graphql } from '../../scripts/lib/stack';
import { startInProcessStack, type InProcessStack } from '../../scripts/lib/stack/inProcess';
import { newEhrSystemInput, SEEDED_EHR_SYSTEMS } from './support/ehrSystems';

/**
 * Issue 12: a self-registered clinic's ADMIN must not make the platform send requests (and
 * patients) where it likes. Through the real gateway over HTTP, with the real ehr subgraph and its
 * delivery worker: internal base URLs are refused, look-alike names too, a clinic's own system is
 * its own, a host name that resolves to loopback is refused at send time, and a failing EHR's
 * answer never reaches `lastError`.
 */

const CREATE_SYSTEM = `mutation ($input: EhrSystemInput!) { createEhrSystem(input: $input) { id name shared } }`;
const SWITCH = `mutation ($id: ID!) { setOrganizationEhrSystem(ehrSystemId: $id) { id ehrSystem { id } } }`;
const LIST = '{ ehrSystems { id } }';
const CREATE_PATIENTS = `mutation ($inputs: [PatientInput!]!) { createPatients(inputs: $inputs) { id } }`;
const TRANSACTIONS = '{ ehrTransactions { nodes { status attempts lastError ehrSystem { id } } } }';
const RESEND = 'mutation ($id: ID!) { resendPatientToEhr(patientId: $id) { id } }';

/** What the failing EHR puts in its error answers: what it was sent, and a secret. */
const SECRET = 'secret-7f3a echoing Quinn Alder';

/** The minimal new system of the gateway's tests, at another base URL. */
const systemInput = (name: string, baseUrl: string) => ({ ...newEhrSystemInput(name), baseUrl });

describe('EHR systems a clinic creates, through the gateway', () => {
  let stack: InProcessStack;
  let ehr: Server;
  let ehrOrigin: string;
  let closedPort: number;
  const received: string[] = [];
  let gatewayUrl: string;
  let alder: string;
  let birch: string;

  const post = async (path: string, body: unknown) => {
    const response = await fetch(gatewayUrl.replace('/graphql', path), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };
  /** Signs up a new clinic on Athena and answers its founder's (ADMIN) access token. */
  const signUp = async (slug: string) => {
    const password = 'a long enough password';
    const signup = await post('/auth/signup', {
      email: `founder@${slug}.test`,
      password,
      name: 'Pat Founder',
      organization: { name: `${slug} Clinic`, kind: 'CLINIC', ehrSystemId: 'ehr-athena' },
    });
    expect(signup.status).toBe(201);
    return (await post('/auth/login', { email: `founder@${slug}.test`, password })).body['accessToken'] as string;
  };
  const run = async (token: string, query: string, variables: Record<string, unknown> = {}) =>
    graphql<Record<string, any>>(gatewayUrl, token, query, variables);

  beforeAll(async () => {
    // A local EHR on the operator's allow-list: 500 twice, then 422, each echoing a secret.
    let failures = 0;
    ehr = createServer((request, response) => {
      received.push(request.url ?? '');
      request.resume();
      failures += 1;
      response
        .writeHead(failures <= 2 ? 500 : 422, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: SECRET }));
    });
    await new Promise<void>((resolve) => ehr.listen(0, '127.0.0.1', resolve));
    ehrOrigin = `http://127.0.0.1:${(ehr.address() as AddressInfo).port}`;
    closedPort = await freePort();
    stack = await startInProcessStack({
      destinations: {
        allowedOrigins: [ehrOrigin],
        // A public-looking name that resolves to this machine; every other name as DNS answers it.
        resolve: (hostname) =>
          hostname === 'ehr-rebind.test'
            ? Promise.resolve([{ address: '127.0.0.1', family: 4 }])
            : lookup(hostname, { all: true }),
      },
    });
    gatewayUrl = stack.gatewayUrl;
    alder = await signUp('alder');
    birch = await signUp('birch');
  });
  afterAll(async () => {
    await stack?.stop();
    ehr.closeAllConnections();
    await new Promise((resolve) => ehr.close(resolve));
  });

  it('refuses base URLs on this machine or the metadata service, in any spelling, creating nothing', async () => {
    for (const baseUrl of [
      `http://127.0.0.1:${closedPort}/`,
      'http://169.254.169.254/latest/',
      'http://[::ffff:127.0.0.1]/',
      'http://2130706433/',
    ]) {
      const result = await run(alder, CREATE_SYSTEM, { input: systemInput('Alder Probe', baseUrl) });
      expect(result.errors?.map((e) => [e.extensions?.['code'], e.extensions?.['problems']])).toEqual([
        [
          'BAD_USER_INPUT',
          [
            {
              field: 'baseUrl',
              message: 'must point at a public address, not a loopback, private, link-local or reserved one',
            },
          ],
        ],
      ]);
      expect(JSON.stringify(result.errors)).not.toContain(baseUrl.replace(/\/$/, ''));
    }
    expect((await run(alder, LIST)).data).toEqual({ ehrSystems: SEEDED_EHR_SYSTEMS.map(({ id }) => ({ id })) });
  });

  it('refuses a look-alike of a shared system’s name', async () => {
    for (const [name, message] of [
      ['Athen\u0430', 'must be written in one script (not, e.g., Latin mixed with Cyrillic)'],
      ['Athe\u200Bna', 'must not contain control or invisible characters'],
    ]) {
      const result = await run(alder, CREATE_SYSTEM, { input: systemInput(name!, `${ehrOrigin}/fail`) });
      expect(result.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        problems: [{ field: 'name', message }],
      });
    }
    expect((await run(alder, LIST)).data?.['ehrSystems']).toHaveLength(SEEDED_EHR_SYSTEMS.length);
  });

  it('keeps a clinic’s own system to itself: not listed to another clinic or at sign-up, nor choosable there', async () => {
    const created = await run(alder, CREATE_SYSTEM, { input: systemInput('Alder EHR', `${ehrOrigin}/fail`) });
    expect(created.data).toEqual({ createEhrSystem: { id: 'ehr-alder-ehr', name: 'Alder EHR', shared: false } });
    expect((await run(alder, LIST)).data?.['ehrSystems']).toContainEqual({ id: 'ehr-alder-ehr' });

    expect((await run(birch, LIST)).data).toEqual({ ehrSystems: SEEDED_EHR_SYSTEMS.map(({ id }) => ({ id })) });
    expect((await run(birch, '{ ehrSystem(id: "ehr-alder-ehr") { id } }')).data).toEqual({ ehrSystem: null });
    const switched = await run(birch, SWITCH, { id: 'ehr-alder-ehr' });
    expect(switched.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: [{ field: 'ehrSystemId', message: 'is not a known EHR system' }],
    });

    const listed = await fetch(gatewayUrl.replace('/graphql', '/auth/ehr-systems'));
    expect(await listed.json()).toEqual({ ehrSystems: SEEDED_EHR_SYSTEMS });
    const signup = await post('/auth/signup', {
      email: 'founder@cedar.test',
      password: 'a long enough password',
      name: 'Pat Founder',
      organization: { name: 'Cedar Clinic', kind: 'CLINIC', ehrSystemId: 'ehr-alder-ehr' },
    });
    expect([signup.status, signup.body['code']]).toEqual([400, 'BAD_USER_INPUT']);
  });

  it('never shows a failing EHR’s answer in lastError', async () => {
    expect((await run(alder, SWITCH, { id: 'ehr-alder-ehr' })).data).toEqual({
      setOrganizationEhrSystem: { id: expect.any(String), ehrSystem: { id: 'ehr-alder-ehr' } },
    });
    const patients = await run(alder, CREATE_PATIENTS, {
      inputs: [{ firstName: 'Quinn', lastName: 'Alder', gender: 'FEMALE', dateOfBirth: '1990-02-03' }],
    });
    expect(patients.errors).toBeUndefined();
    await stack.settled();
    const { data } = await run(alder, TRANSACTIONS);
    expect(data?.['ehrTransactions']).toEqual({
      nodes: [
        {
          status: 'DEAD',
          attempts: 3,
          lastError: 'The EHR refused the request (HTTP 422).',
          ehrSystem: { id: 'ehr-alder-ehr' },
        },
      ],
    });
    expect(JSON.stringify(data)).not.toContain('secret-7f3a');
    expect(received).toEqual(['/fail/persons', '/fail/persons', '/fail/persons']);
  });

  it('refuses at send time a host name that resolves to this machine, sending nothing', async () => {
    const created = await run(alder, CREATE_SYSTEM, {
      input: systemInput('Alder Rebind', `http://ehr-rebind.test:${(ehr.address() as AddressInfo).port}/rebind`),
    });
    expect(created.data).toEqual({ createEhrSystem: { id: 'ehr-alder-rebind', name: 'Alder Rebind', shared: false } });
    await run(alder, SWITCH, { id: 'ehr-alder-rebind' });
    const patientId = (await run(alder, '{ patients(first: 1) { nodes { id } } }')).data?.['patients'].nodes[0]
      .id as string;
    expect((await run(alder, RESEND, { id: patientId })).errors).toBeUndefined();
    await stack.settled();
    const nodes = (await run(alder, TRANSACTIONS)).data?.['ehrTransactions'].nodes as Record<string, unknown>[];
    expect(nodes[0]).toEqual({
      status: 'DEAD',
      attempts: 1,
      lastError: "The EHR system's address is not allowed.",
      ehrSystem: { id: 'ehr-alder-rebind' },
    });
    expect(received.filter((url) => url.startsWith('/rebind'))).toEqual([]);
  });
});
