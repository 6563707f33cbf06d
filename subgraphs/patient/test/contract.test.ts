import { readFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import type { FormattedExecutionResult } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SubgraphService } from '@carebridge/common';
import { createTestAuth, execute, normalizeSdl, servedSdl, type TestAuth } from '@carebridge/common/testing';
import type { Context } from '../src/context';
import { NOW, seededService, staffHeaders } from './helpers';

// Seeded patients by organization: Riverside 120 (pt-00001..3, pt-00007..9, …), Lakeside 80
// (pt-00004, pt-00005, …), Hillcrest 40 (pt-00006, …). Each caller sees only its own.
let auth: TestAuth;
let service: SubgraphService<Context>;
let riverside: IncomingHttpHeaders;
let lakeside: IncomingHttpHeaders;
let hillcrest: IncomingHttpHeaders;

/** A service over a fresh seeded store with a fixed clock and predictable new ids. */
const freshService = (): SubgraphService<Context> => seededService(auth.verifier);

beforeAll(async () => {
  auth = await createTestAuth();
  service = freshService();
  ({ riverside, lakeside, hillcrest } = await staffHeaders(auth));
});

const PATIENT_FIELDS = `id mrn firstName lastName gender dateOfBirth phone email
  address { line1 line2 city state postalCode country }
  emergencyContact { name relationship phone } insurance { provider policyNumber }
  primaryCarePhysician { id } preferredLanguage organization { id } version createdAt updatedAt`;

const CREATE = `mutation ($input: PatientInput!) { createPatient(input: $input) { ${PATIENT_FIELDS} } }`;
const UPDATE = `mutation ($id: ID!, $input: PatientUpdateInput!, $version: Int!) {
  updatePatient(id: $id, input: $input, expectedVersion: $version) { ${PATIENT_FIELDS} } }`;
const COUNT = '{ patients { totalCount } }';

const newInput = {
  organizationId: 'org-lakeside',
  firstName: 'Rocío',
  lastName: 'Peña',
  gender: 'FEMALE',
  dateOfBirth: '1991-07-30',
  phone: '(512) 555-0199',
  email: 'rocio.pena@example.test',
  address: { line1: '8 Calle Luna', city: 'San Marcos', state: 'TX', postalCode: '78666' },
  primaryCarePhysicianId: 'prov-lakeside-2',
  preferredLanguage: 'ES',
};

describe('patient subgraph contract', () => {
  it('serves exactly the SDL of schema.graphql', async () => {
    const file = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');
    expect(await servedSdl(service, riverside)).toEqual(normalizeSdl(file));
  });

  it('resolves Patient and Provider references through _entities, null for unknown ids', async () => {
    const result = await execute(
      service,
      `query ($representations: [_Any!]!) {
        _entities(representations: $representations) {
          ... on Patient { id mrn preferredLanguage organization { id } }
          ... on Provider { id displayName npi specialty organization { id } }
        }
      }`,
      {
        representations: [
          { __typename: 'Patient', id: 'pt-00002' },
          { __typename: 'Patient', id: 'pt-missing' },
          { __typename: 'Provider', id: 'prov-riverside-1' },
          { __typename: 'Provider', id: 'prov-missing' },
        ],
      },
      riverside,
    );
    expect(result).toEqual({
      data: {
        _entities: [
          { id: 'pt-00002', mrn: 'RH-000002', preferredLanguage: 'ES', organization: { id: 'org-riverside' } },
          null,
          {
            id: 'prov-riverside-1',
            displayName: 'Dr. Maya Okafor',
            npi: '1901010000',
            specialty: 'Family Medicine',
            organization: { id: 'org-riverside' },
          },
          null,
        ],
      },
    });
  });

  it('answers one patient or provider by id, null when unknown', async () => {
    const result = await execute(
      service,
      `{ patient(id: "pt-00004") { id organization { id } } missing: patient(id: "nope") { id }
         provider(id: "prov-lakeside-2") { displayName } noProvider: provider(id: "nope") { id } }`,
      {},
      lakeside,
    );
    expect(result).toEqual({
      data: {
        patient: { id: 'pt-00004', organization: { id: 'org-lakeside' } },
        missing: null,
        provider: { displayName: 'Dr. Elena Vargas' },
        noProvider: null,
      },
    });
  });

  it('lists the providers of an organization by name', async () => {
    const result = await execute(service, '{ providers(organizationId: "org-riverside") { id } }', {}, riverside);
    expect(result).toEqual({
      data: { providers: [{ id: 'prov-riverside-2' }, { id: 'prov-riverside-3' }, { id: 'prov-riverside-1' }] },
    });
  });

  it('pages through the seeded patients with cursors, 20 per page by default', async () => {
    const query = `query ($after: String, $filter: PatientFilter) {
      patients(after: $after, filter: $filter) { nodes { id } pageInfo { hasNextPage endCursor } totalCount } }`;
    type Page = {
      patients: {
        nodes: { id: string }[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        totalCount: number;
      };
    };
    const ids: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const result: FormattedExecutionResult<Page> = await execute<Page>(
        service,
        query,
        { after, filter: { organizationId: 'org-hillcrest' } },
        hillcrest,
      );
      const page = result.data?.patients;
      if (page === undefined) throw new Error(JSON.stringify(result.errors));
      expect(page.totalCount).toEqual(40);
      ids.push(...page.nodes.map((n) => n.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      pages++;
    } while (after !== null);
    expect([pages, ids.length, new Set(ids).size]).toEqual([2, 40, 40]);
  });

  it('refuses a page size outside 1 to 100 and a cursor it did not issue', async () => {
    const result = await execute(service, '{ a: patients(first: 0) { totalCount } }', {}, riverside);
    expect(result.errors?.map((e) => [e.extensions?.code, e.extensions?.problems])).toEqual([
      ['BAD_USER_INPUT', [{ field: 'first', message: 'must be from 1 to 100' }]],
    ]);
    const bad = await execute(service, '{ patients(after: "not-a-cursor") { totalCount } }', {}, riverside);
    expect(bad.errors?.map((e) => e.extensions?.problems)).toEqual([
      [{ field: 'after', message: 'is not a cursor returned by this API' }],
    ]);
  });
});

describe('patient mutations', () => {
  it('creates a patient with a generated MRN and normalized contact details', async () => {
    const svc = freshService();
    const result = await execute(svc, CREATE, { input: newInput }, lakeside);
    expect(result).toEqual({
      data: {
        createPatient: {
          id: 'pt-new-1',
          mrn: 'LC-000240',
          firstName: 'Rocío',
          lastName: 'Peña',
          gender: 'FEMALE',
          dateOfBirth: '1991-07-30',
          phone: '+15125550199',
          email: 'rocio.pena@example.test',
          address: {
            line1: '8 Calle Luna',
            line2: null,
            city: 'San Marcos',
            state: 'TX',
            postalCode: '78666',
            country: 'US',
          },
          emergencyContact: null,
          insurance: null,
          primaryCarePhysician: { id: 'prov-lakeside-2' },
          preferredLanguage: 'ES',
          organization: { id: 'org-lakeside' },
          version: 1,
          createdAt: NOW,
          updatedAt: NOW,
        },
      },
    });
    expect(await execute(svc, COUNT, {}, lakeside)).toEqual({ data: { patients: { totalCount: 81 } } });
  });

  it('answers BAD_USER_INPUT listing every problem, and creates nothing', async () => {
    const svc = freshService();
    const input = {
      ...newInput,
      firstName: ' ',
      email: 'rocio',
      mrn: 'LC-000004',
      primaryCarePhysicianId: 'prov-riverside-1',
    };
    const result = await execute(svc, CREATE, { input }, lakeside);
    expect(result).toMatchInlineSnapshot(`
      {
        "data": null,
        "errors": [
          {
            "extensions": {
              "code": "BAD_USER_INPUT",
              "problems": [
                {
                  "field": "firstName",
                  "message": "must be 1 to 100 characters long",
                },
                {
                  "field": "email",
                  "message": "must be an email address such as name@example.com",
                },
                {
                  "code": "MRN_TAKEN",
                  "field": "mrn",
                  "message": "is already used by another patient of the organization",
                },
                {
                  "field": "primaryCarePhysicianId",
                  "message": "must be a provider of the patient's organization",
                },
              ],
            },
            "locations": [
              {
                "column": 36,
                "line": 1,
              },
            ],
            "message": "Invalid input. firstName: must be 1 to 100 characters long; email: must be an email address such as name@example.com; mrn: is already used by another patient of the organization; primaryCarePhysicianId: must be a provider of the patient's organization",
            "path": [
              "createPatient",
            ],
          },
        ],
      }
    `);
    expect(JSON.stringify(result)).not.toContain('rocio');
    expect(await execute(svc, COUNT, {}, lakeside)).toEqual({ data: { patients: { totalCount: 80 } } });
  });

  it('refuses control, bidi, zero-width, surrogate, escape and formula characters and changes nothing', async () => {
    const svc = freshService();
    const before = await execute(svc, `{ patient(id: "pt-00005") { ${PATIENT_FIELDS} } }`, {}, lakeside);
    const CHARS = 'contains a control or invisible character';
    const cases: [Record<string, unknown>, string, string][] = [
      [{ firstName: 'Ro\u0000cío' }, 'firstName', CHARS],
      [{ lastName: '\u202Eevil' }, 'lastName', CHARS],
      [{ firstName: 'Ana\u200B' }, 'firstName', CHARS],
      [{ lastName: 'Pe\uD800ña' }, 'lastName', CHARS],
      [{ firstName: '\u001B[31mred' }, 'firstName', CHARS],
      [{ lastName: '=HYPERLINK("http://evil","x")' }, 'lastName', 'must not start with =, +, - or @'],
      [{ address: { ...newInput.address, line1: '8 Calle\u2066 Luna' } }, 'address.line1', CHARS],
    ];
    for (const [change, field, message] of cases) {
      const created = await execute(svc, CREATE, { input: { ...newInput, ...change } }, lakeside);
      const updated = await execute(svc, UPDATE, { id: 'pt-00005', version: 1, input: change }, lakeside);
      for (const result of [created, updated]) {
        expect(result.errors?.map((e) => [e.extensions?.code, e.extensions?.problems])).toEqual([
          ['BAD_USER_INPUT', [{ field, message }]],
        ]);
        expect(JSON.stringify(result)).not.toMatch(/evil|red|cío|ña/);
      }
    }
    expect(await execute(svc, COUNT, {}, lakeside)).toEqual({ data: { patients: { totalCount: 80 } } });
    expect(await execute(svc, `{ patient(id: "pt-00005") { ${PATIENT_FIELDS} } }`, {}, lakeside)).toEqual(before);
  });

  it('stores names and addresses in NFC whatever form they were typed in', async () => {
    const svc = freshService();
    const nfd = (text: string) => text.normalize('NFD');
    const input = {
      ...newInput,
      firstName: nfd('Rocío'),
      lastName: nfd('Peña'),
      address: { ...newInput.address, city: nfd('San José') },
    };
    const created = await execute<{ createPatient: { id: string; firstName: string; lastName: string } }>(
      svc,
      CREATE,
      { input },
      lakeside,
    );
    expect(created.data?.createPatient).toMatchObject({
      firstName: 'Rocío',
      lastName: 'Peña',
      address: { city: 'San José' },
    });
    const updated = await execute(
      svc,
      UPDATE,
      { id: created.data?.createPatient.id, version: 1, input: { lastName: nfd('Núñez') } },
      lakeside,
    );
    expect(updated.data).toMatchObject({ updatePatient: { lastName: 'Núñez' } });
  });

  it('creates several patients all or nothing, naming problems by input index', async () => {
    const svc = freshService();
    const mutation = 'mutation ($inputs: [PatientInput!]!) { createPatients(inputs: $inputs) { id mrn } }';
    const refused = await execute(
      svc,
      mutation,
      { inputs: [newInput, { ...newInput, dateOfBirth: '2999-01-01' }] },
      lakeside,
    );
    expect(refused.errors?.map((e) => [e.extensions?.code, e.extensions?.problems])).toEqual([
      ['BAD_USER_INPUT', [{ field: 'inputs[1].dateOfBirth', message: 'must not be in the future' }]],
    ]);
    expect(await execute(svc, COUNT, {}, lakeside)).toEqual({ data: { patients: { totalCount: 80 } } });
    const created = await execute(svc, mutation, { inputs: [newInput, { ...newInput, mrn: 'LC-CUSTOM' }] }, lakeside);
    expect(created).toEqual({
      data: {
        createPatients: [
          { id: 'pt-new-1', mrn: 'LC-000240' },
          { id: 'pt-new-2', mrn: 'LC-CUSTOM' },
        ],
      },
    });
  });

  it('updates only the fields given, clears optional ones given as null, and bumps the version', async () => {
    const svc = freshService();
    const created = await execute<{ createPatient: { id: string } }>(svc, CREATE, { input: newInput }, lakeside);
    const id = created.data?.createPatient.id;
    const result = await execute(
      svc,
      UPDATE,
      { id, version: 1, input: { lastName: 'Peña Ortiz', email: null, address: null } },
      lakeside,
    );
    expect(result.data).toMatchObject({
      updatePatient: {
        id,
        firstName: 'Rocío',
        lastName: 'Peña Ortiz',
        email: null,
        address: null,
        phone: '+15125550199',
        version: 2,
      },
    });
  });

  it('refuses a stale version with VERSION_CONFLICT and changes nothing', async () => {
    const svc = freshService();
    await execute(svc, UPDATE, { id: 'pt-00003', version: 1, input: { firstName: 'Inés' } }, riverside);
    const result = await execute(svc, UPDATE, { id: 'pt-00003', version: 1, input: { firstName: 'Late' } }, riverside);
    expect(result.errors?.map((e) => e.extensions)).toEqual([
      { code: 'VERSION_CONFLICT', typename: 'Patient', id: 'pt-00003', expectedVersion: 1, currentVersion: 2 },
    ]);
    expect(await execute(svc, '{ patient(id: "pt-00003") { firstName version } }', {}, riverside)).toEqual({
      data: { patient: { firstName: 'Inés', version: 2 } },
    });
  });

  it('refuses an invalid update with BAD_USER_INPUT and changes nothing', async () => {
    const svc = freshService();
    const before = await execute(svc, `{ patient(id: "pt-00005") { ${PATIENT_FIELDS} } }`, {}, lakeside);
    const result = await execute(
      svc,
      UPDATE,
      { id: 'pt-00005', version: 1, input: { lastName: null, phone: 'x' } },
      lakeside,
    );
    expect(result.errors?.map((e) => e.extensions?.problems)).toEqual([
      [
        { field: 'lastName', message: 'is required and cannot be cleared' },
        { field: 'phone', message: 'may contain only digits, a leading +, spaces, dashes, dots and parentheses' },
      ],
    ]);
    expect(await execute(svc, `{ patient(id: "pt-00005") { ${PATIENT_FIELDS} } }`, {}, lakeside)).toEqual(before);
    expect(before.data).toMatchObject({ patient: { id: 'pt-00005', version: 1 } });
  });

  it('answers NOT_FOUND when updating or deleting an unknown patient', async () => {
    const update = await execute(service, UPDATE, { id: 'pt-missing', version: 1, input: {} }, riverside);
    const remove = await execute(service, 'mutation { deletePatient(id: "pt-missing") }', {}, riverside);
    expect([...(update.errors ?? []), ...(remove.errors ?? [])].map((e) => e.extensions)).toEqual([
      { code: 'NOT_FOUND', typename: 'Patient', id: 'pt-missing' },
      { code: 'NOT_FOUND', typename: 'Patient', id: 'pt-missing' },
    ]);
  });

  it('deletes a patient and answers its id', async () => {
    const svc = freshService();
    expect(await execute(svc, 'mutation { deletePatient(id: "pt-00007") }', {}, riverside)).toEqual({
      data: { deletePatient: 'pt-00007' },
    });
    expect(await execute(svc, '{ patient(id: "pt-00007") { id } patients { totalCount } }', {}, riverside)).toEqual({
      data: { patient: null, patients: { totalCount: 119 } },
    });
  });
});
