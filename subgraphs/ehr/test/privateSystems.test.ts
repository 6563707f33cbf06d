import type { IncomingHttpHeaders } from 'node:http';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger, type SubgraphService } from '@carebridge/common';
import { createTestAuth, execute, staff, type TestAuth } from '@carebridge/common/testing';
import type { Context } from '../src/context';
import { createService } from '../src/server';

/**
 * Who sees and uses an EHR system made with `createEhrSystem`: the organization that made it, and
 * no other (not even to learn that it exists). The seeded systems are shared.
 */

const CREATE = `mutation ($input: EhrSystemInput!) { createEhrSystem(input: $input) { id name shared } }`;
const SWITCH = `mutation ($id: ID!) { setOrganizationEhrSystem(ehrSystemId: $id) { id ehrSystem { id } } }`;
const PUBLISH = `mutation ($id: ID!, $input: EhrMappingInput!) { publishEhrMapping(ehrSystemId: $id, input: $input) { version } }`;
const ROLLBACK = `mutation ($id: ID!) { rollbackEhrMapping(ehrSystemId: $id, version: 1) { version } }`;
const REGISTER = `mutation ($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { id } }`;
const LIST = '{ ehrSystems { id shared } }';
const ONE = 'query ($id: ID!) { ehrSystem(id: $id) { id name } }';
const ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on EhrSystem { id name } } }`;
const UNMAPPED = `query ($r: [_Any!]!, $id: ID!) { _entities(representations: $r) {
  ... on Questionnaire { unmappedItems(ehrSystemId: $id) } } }`;
const PREVIEW = `query ($r: [_Any!]!, $id: ID) { _entities(representations: $r) {
  ... on Patient { ehrPreview(ehrSystemId: $id) { endpoint } } } }`;

const MAPPING = { fields: [{ source: 'name', target: 'PERSON_NAME', endpoint: '/persons' }] };
const input = (name: string, baseUrl = 'https://ehr.riverside.example') => ({
  name,
  baseUrl,
  endpoints: [
    {
      path: '/persons',
      categories: ['DEMOGRAPHICS'],
      keys: [{ name: 'PERSON_NAME', required: true }],
      createsPatient: true,
    },
  ],
  mapping: MAPPING,
});

let auth: TestAuth;
let service: SubgraphService<Context>;
let lines: Record<string, unknown>[];
let riverside: IncomingHttpHeaders;
let lakeside: IncomingHttpHeaders;
let lakesideClinician: IncomingHttpHeaders;

const problems = (result: { errors?: readonly { extensions?: Record<string, unknown> }[] }) =>
  result.errors?.map((e) => [e.extensions?.['code'], e.extensions?.['problems']]);
const UNKNOWN = [['BAD_USER_INPUT', [{ field: 'ehrSystemId', message: 'is not a known EHR system' }]]];

beforeAll(async () => {
  auth = await createTestAuth();
  riverside = await auth.headers(staff('org-riverside', 'ADMIN'));
  lakeside = await auth.headers(staff('org-lakeside', 'ADMIN'));
  lakesideClinician = await auth.headers(staff('org-lakeside'));
});

beforeEach(() => {
  lines = [];
  service = createService({
    verifier: auth.verifier,
    logger: createLogger('ehr', {}, (line) => lines.push(JSON.parse(line) as Record<string, unknown>)),
  });
});

const createRiversideOwn = async () => {
  const created = await execute(service, CREATE, { input: input('Riverside Own') }, riverside);
  expect(created).toEqual({
    data: { createEhrSystem: { id: 'ehr-riverside-own', name: 'Riverside Own', shared: false } },
  });
};

describe('an EHR system an organization creates', () => {
  it('is listed, readable and usable by that organization', async () => {
    await createRiversideOwn();
    expect((await execute(service, LIST, {}, riverside)).data).toEqual({
      ehrSystems: [
        { id: 'ehr-allscripts', shared: true },
        { id: 'ehr-athena', shared: true },
        { id: 'ehr-fhir', shared: true },
        { id: 'ehr-riverside-own', shared: false },
      ],
    });
    expect((await execute(service, ONE, { id: 'ehr-riverside-own' }, riverside)).data).toEqual({
      ehrSystem: { id: 'ehr-riverside-own', name: 'Riverside Own' },
    });
    expect((await execute(service, SWITCH, { id: 'ehr-riverside-own' }, riverside)).data).toEqual({
      setOrganizationEhrSystem: { id: 'org-riverside', ehrSystem: { id: 'ehr-riverside-own' } },
    });
    expect((await execute(service, PUBLISH, { id: 'ehr-riverside-own', input: MAPPING }, riverside)).data).toEqual({
      publishEhrMapping: { version: 2 },
    });
  });

  it('is unknown to every other organization: not listed, null by id or reference, and not usable', async () => {
    await createRiversideOwn();
    const id = 'ehr-riverside-own';
    for (const headers of [lakeside, lakesideClinician]) {
      expect((await execute(service, LIST, {}, headers)).data).toEqual({
        ehrSystems: [
          { id: 'ehr-allscripts', shared: true },
          { id: 'ehr-athena', shared: true },
          { id: 'ehr-fhir', shared: true },
        ],
      });
      expect(await execute(service, ONE, { id }, headers)).toEqual({ data: { ehrSystem: null } });
      expect((await execute(service, ENTITIES, { r: [{ __typename: 'EhrSystem', id }] }, headers)).data).toEqual({
        _entities: [null],
      });
    }
    // Refused exactly as an id that does not exist, so nothing tells Lakeside it does.
    expect(problems(await execute(service, SWITCH, { id }, lakeside))).toEqual(UNKNOWN);
    expect(problems(await execute(service, PUBLISH, { id, input: MAPPING }, lakeside))).toEqual(UNKNOWN);
    expect(problems(await execute(service, ROLLBACK, { id }, lakeside))).toEqual(UNKNOWN);
    expect(problems(await execute(service, SWITCH, { id: 'ehr-nope' }, lakeside))).toEqual(UNKNOWN);
    const preview = await execute(
      service,
      PREVIEW,
      { r: [{ __typename: 'Patient', id: 'pt-1', organization: { id: 'org-lakeside' } }], id },
      lakesideClinician,
    );
    expect(problems(preview)).toEqual(UNKNOWN);
    const unmapped = await execute(
      service,
      UNMAPPED,
      { r: [{ __typename: 'Questionnaire', id: 'qn-intake-v1', items: [] }], id },
      lakesideClinician,
    );
    expect(unmapped.errors?.map((e) => e.extensions?.['code'])).toEqual(['NOT_FOUND']);
    expect(
      (await execute(service, '{ organization(id: "org-lakeside") { ehrSystem { id } } }', {}, lakeside)).data,
    ).toEqual({ organization: { ehrSystem: { id: 'ehr-allscripts' } } });
  });

  it('cannot be chosen by a new clinic at sign-up', async () => {
    await createRiversideOwn();
    const signup = await auth.headers(staff('org-new-clinic', 'ADMIN'));
    const registered = await execute(
      service,
      REGISTER,
      { input: { name: 'New Clinic', kind: 'CLINIC', ehrSystemId: 'ehr-riverside-own' } },
      signup,
    );
    expect(problems(registered)).toEqual(UNKNOWN);
    expect((await execute(service, '{ organizations { id } }', {}, signup)).data).toEqual({ organizations: [] });
  });

  it('has a name unlike those its organization sees; another organization may use the same name for its own', async () => {
    await createRiversideOwn();
    const again = await execute(service, CREATE, { input: input('RIVERSIDE 0WN') }, riverside);
    expect(problems(again)).toEqual([
      ['BAD_USER_INPUT', [{ field: 'name', message: 'is already the name of an EHR system' }]],
    ]);
    const lakesides = await execute(service, CREATE, { input: input('Riverside Own') }, lakeside);
    expect(lakesides.data).toEqual({
      createEhrSystem: { id: 'ehr-riverside-own-2', name: 'Riverside Own', shared: false },
    });
  });

  it('refuses look-alikes of a shared system and internal base URLs, creates nothing, and logs no URL', async () => {
    const cases: [ReturnType<typeof input>, string, string][] = [
      [input('Athen\u0430'), 'name', 'must be written in one script (not, e.g., Latin mixed with Cyrillic)'],
      [input('Athe\u200Bna'), 'name', 'must not contain control or invisible characters'],
      [input('ΑΤΗΕΝΑ'), 'name', 'is already the name of an EHR system'],
      [
        input('Metadata', 'http://169.254.169.254/latest/'),
        'baseUrl',
        'must point at a public address, not a loopback, private, link-local or reserved one',
      ],
      [
        input('Loopback', 'http://[::ffff:127.0.0.1]/'),
        'baseUrl',
        'must point at a public address, not a loopback, private, link-local or reserved one',
      ],
      [input('Plain', 'http://ehr.riverside.example'), 'baseUrl', 'must use https'],
    ];
    for (const [given, field, message] of cases) {
      const result = await execute(service, CREATE, { input: given }, riverside);
      expect([given.name, problems(result)]).toEqual([given.name, [['BAD_USER_INPUT', [{ field, message }]]]]);
      expect(result.errors?.[0]?.message).not.toContain(given.baseUrl);
    }
    expect((await execute(service, LIST, {}, riverside)).data).toEqual({
      ehrSystems: [
        { id: 'ehr-allscripts', shared: true },
        { id: 'ehr-athena', shared: true },
        { id: 'ehr-fhir', shared: true },
      ],
    });
    const refused = lines.filter((l) => l['event'] === 'ehr.system.refused');
    expect(refused.map((l) => [l['fields'], l['baseUrl']])).toEqual([
      ['name', undefined],
      ['name', undefined],
      ['name', undefined],
      ['baseUrl', 'LINK_LOCAL'],
      ['baseUrl', 'LOOPBACK'],
      ['baseUrl', 'HTTPS_REQUIRED'],
    ]);
    expect(JSON.stringify(lines)).not.toMatch(/169\.254|ffff|ehr\.riverside\.example/);
  });
});
