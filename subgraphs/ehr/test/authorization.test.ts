import { beforeAll, describe, expect, it } from 'vitest';
import type { SubgraphService } from '@carebridge/common';
import { createTestAuth, execute, staff, type TestAuth } from '@carebridge/common/testing';
import type { Context } from '../src/context';
import { createService } from '../src/server';

let auth: TestAuth;
let service: SubgraphService<Context>;

beforeAll(async () => {
  auth = await createTestAuth();
  service = createService({ verifier: auth.verifier });
});

const codes = (result: { errors?: readonly { extensions?: Record<string, unknown> }[] }) =>
  result.errors?.map((e) => e.extensions?.['code']);

describe('ehr subgraph authentication', () => {
  it('answers nothing without a token, _entities and _service included', async () => {
    for (const query of [
      '{ ehrSystems { id } }',
      '{ _service { sdl } }',
      '{ _entities(representations: []) { __typename } }',
    ]) {
      await expect(execute(service, query)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    }
  });

  it('refuses a token signed by a key the gateway does not publish', async () => {
    const stranger = await createTestAuth();
    await expect(
      execute(service, '{ ehrSystems { id } }', {}, await stranger.headers(staff('org-riverside'))),
    ).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it('refuses an intake link everything here', async () => {
    const intake = {
      kind: 'intake',
      linkId: 'l1',
      patientId: 'pt-00001',
      organizationId: 'org-riverside',
      questionnaireId: 'q',
    } as const;
    const result = await execute(service, '{ ehrSystems { id } }', {}, await auth.headers(intake));
    expect([result.data, codes(result)]).toEqual([null, ['FORBIDDEN']]);
  });
});

describe('ehr subgraph tenant isolation', () => {
  it('gives null and FORBIDDEN for another organization by id, next to one’s own under an alias', async () => {
    const result = await execute(
      service,
      '{ own: organization(id: "org-riverside") { name } other: organization(id: "org-lakeside") { name } }',
      {},
      await auth.headers(staff('org-riverside')),
    );
    expect(result.data).toEqual({ own: { name: 'Riverside Hospital' }, other: null });
    expect(result.errors?.map((e) => [e.path, e.extensions?.['code']])).toEqual([[['other'], 'FORBIDDEN']]);
  });

  it('gives null and FORBIDDEN for another organization or its patient through _entities', async () => {
    const result = await execute(
      service,
      `query ($r: [_Any!]!) { _entities(representations: $r) {
         ... on Organization { name } ... on Patient { ehrSystem { name } } } }`,
      {
        r: [
          { __typename: 'Organization', id: 'org-lakeside' },
          { __typename: 'Patient', id: 'pt-00004', organization: { id: 'org-lakeside' } },
          { __typename: 'Patient', id: 'pt-00001', organization: { id: 'org-riverside' } },
        ],
      },
      await auth.headers(staff('org-riverside')),
    );
    // ehrSystem is nullable, so the refused patient keeps its place with the field null.
    expect(result.data).toEqual({ _entities: [null, { ehrSystem: null }, { ehrSystem: { name: 'Athena' } }] });
    expect(codes(result)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
  });

  it('lists only the caller’s organization among an EHR system’s users', async () => {
    const result = await execute(
      service,
      '{ ehrSystem(id: "ehr-athena") { organizations { id } } }',
      {},
      await auth.headers(staff('org-hillcrest')),
    );
    expect(result.data).toEqual({ ehrSystem: { organizations: [{ id: 'org-hillcrest' }] } });
  });
});

describe('organization mutations', () => {
  const REGISTER = `mutation ($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { id name kind ehrSystem { id } } }`;
  const SWITCH = `mutation ($id: ID!) { setOrganizationEhrSystem(ehrSystemId: $id) { id ehrSystem { id } } }`;

  it('registers the new organization named by a sign-up ADMIN token', async () => {
    const fresh = createService({ verifier: auth.verifier });
    const result = await execute(
      fresh,
      REGISTER,
      { input: { name: 'Pinecrest Pediatrics', kind: 'CLINIC', ehrSystemId: 'ehr-allscripts' } },
      await auth.headers(staff('org-new-1', 'ADMIN')),
    );
    expect(result).toEqual({
      data: {
        registerOrganization: {
          id: 'org-new-1',
          name: 'Pinecrest Pediatrics',
          kind: 'CLINIC',
          ehrSystem: { id: 'ehr-allscripts' },
        },
      },
    });
  });

  it('refuses a name with a control or invisible character or starting like a formula; stores it in NFC', async () => {
    const fresh = createService({ verifier: auth.verifier });
    const admin = await auth.headers(staff('org-new-3', 'ADMIN'));
    for (const [name, message] of [
      ['\u202Eevil Clinic', 'contains a control or invisible character'],
      ['Clinic\u0000', 'contains a control or invisible character'],
      ['=HYPERLINK("http://evil","x")', 'must not start with =, +, - or @'],
    ]) {
      const refused = await execute(
        fresh,
        REGISTER,
        { input: { name, kind: 'CLINIC', ehrSystemId: 'ehr-athena' } },
        admin,
      );
      expect(refused.errors?.map((e) => [e.extensions?.code, e.extensions?.problems])).toEqual([
        ['BAD_USER_INPUT', [{ field: 'name', message }]],
      ]);
    }
    const input = { name: 'Cli\u0301nica San José'.normalize('NFD'), kind: 'CLINIC', ehrSystemId: 'ehr-athena' };
    const registered = await execute(fresh, REGISTER, { input }, admin);
    expect(registered.data).toMatchObject({ registerOrganization: { id: 'org-new-3', name: 'Clínica San José' } });
  });

  it('refuses to register over an existing organization, or for a CLINICIAN', async () => {
    const input = { name: 'Takeover', kind: 'CLINIC', ehrSystemId: 'ehr-athena' };
    const admin = await execute(service, REGISTER, { input }, await auth.headers(staff('org-riverside', 'ADMIN')));
    const clinician = await execute(service, REGISTER, { input }, await auth.headers(staff('org-new-2', 'CLINICIAN')));
    expect([codes(admin), codes(clinician)]).toEqual([['FORBIDDEN'], ['FORBIDDEN']]);
    const after = await execute(
      service,
      '{ organization(id: "org-riverside") { name } }',
      {},
      await auth.headers(staff('org-riverside')),
    );
    expect(after.data).toEqual({ organization: { name: 'Riverside Hospital' } });
  });

  it('refuses an unknown EHR system and a too-short name, naming both, and creates nothing', async () => {
    const fresh = createService({ verifier: auth.verifier });
    const headers = await auth.headers(staff('org-new-3', 'ADMIN'));
    const result = await execute(
      fresh,
      REGISTER,
      { input: { name: 'X', kind: 'CLINIC', ehrSystemId: 'ehr-nope' } },
      headers,
    );
    expect(result.errors?.[0]?.extensions?.['problems']).toEqual([
      { field: 'name', message: 'must be 2 to 120 characters' },
      { field: 'ehrSystemId', message: 'is not a known EHR system' },
    ]);
    expect((await execute(fresh, '{ organizations { id } }', {}, headers)).data).toEqual({ organizations: [] });
  });

  it('lets an ADMIN, and not a CLINICIAN, switch the organization’s EHR system', async () => {
    const fresh = createService({ verifier: auth.verifier });
    const clinician = await execute(
      fresh,
      SWITCH,
      { id: 'ehr-allscripts' },
      await auth.headers(staff('org-riverside')),
    );
    const admin = await execute(
      fresh,
      SWITCH,
      { id: 'ehr-allscripts' },
      await auth.headers(staff('org-riverside', 'ADMIN')),
    );
    expect(codes(clinician)).toEqual(['FORBIDDEN']);
    expect(admin).toEqual({
      data: { setOrganizationEhrSystem: { id: 'org-riverside', ehrSystem: { id: 'ehr-allscripts' } } },
    });
  });
});
