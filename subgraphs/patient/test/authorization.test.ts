import type { IncomingHttpHeaders } from 'node:http';
import { HeaderMap } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createLogger,
  DEFAULT_AUDIENCE,
  DEFAULT_ISSUER,
  SEED_PATIENT_COUNT,
  SEED_QUESTIONNAIRE_ID,
  TOKEN_ALGORITHM,
  TOKEN_TYPES,
  type IntakeViewer,
  type SubgraphService,
} from '@carebridge/common';
import { createTestAuth, execute, staff, type TestAuth } from '@carebridge/common/testing';
import type { Context } from '../src/context';
import { seedPatients } from '../src/data/seed';
import { seededService, staffHeaders } from './helpers';

// Seeded organizations: pt-00001..3 are Riverside's, pt-00004 and pt-00005 Lakeside's, pt-00006
// Hillcrest's; Riverside has 120 patients and providers prov-riverside-1..3, Lakeside 80 and
// prov-lakeside-1..2, Hillcrest 40 and prov-hillcrest-1..2, Harbor 30 (pt-00241..pt-00270) and
// prov-harbor-1..2. The caller is a Riverside clinician unless a test says otherwise.

let auth: TestAuth;
let riverside: IncomingHttpHeaders;
let lakeside: IncomingHttpHeaders;
let hillcrest: IncomingHttpHeaders;
let harbor: IncomingHttpHeaders;
let riversideAdmin: IncomingHttpHeaders;
let intake: IncomingHttpHeaders;

/** An intake link for Riverside's own patient pt-00001: still no access to patient data. */
const INTAKE: IntakeViewer = {
  kind: 'intake',
  linkId: 'link-1',
  patientId: 'pt-00001',
  organizationId: 'org-riverside',
  questionnaireId: SEED_QUESTIONNAIRE_ID,
};

beforeAll(async () => {
  auth = await createTestAuth();
  ({ riverside, lakeside, hillcrest } = await staffHeaders(auth));
  harbor = await auth.headers(staff('org-harbor'));
  riversideAdmin = await auth.headers(staff('org-riverside', 'ADMIN'));
  intake = await auth.headers(INTAKE);
});

/** A fresh seeded service and the JSON log lines it writes. */
function serviceWithLogs(): { service: SubgraphService<Context>; logs: Record<string, unknown>[] } {
  const logs: Record<string, unknown>[] = [];
  const logger = createLogger('patient', {}, (line) => logs.push(JSON.parse(line) as Record<string, unknown>));
  return { service: seededService(auth.verifier, logger), logs };
}

/** The errors of a result as [path, code, message], the parts a test is about. */
const errorsOf = (result: FormattedExecutionResult<unknown>) =>
  (result.errors ?? []).map((e) => [e.path, e.extensions?.['code'], e.message]);

/**
 * `errorsOf`, in path order: entities resolve concurrently (each awaiting the store), so their
 * errors arrive in whatever order their lookups finish, which is no part of the contract.
 */
const entityErrorsOf = (result: FormattedExecutionResult<unknown>) =>
  errorsOf(result).sort(([a], [b]) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));

/** Posts one operation to the service as its HTTP handler would, without a port. */
async function overHttp(
  service: SubgraphService<Context>,
  body: { query: string; variables?: Record<string, unknown> },
  headers: IncomingHttpHeaders,
): Promise<{ status: number; body: unknown }> {
  const map = new HeaderMap([['content-type', 'application/json']]);
  for (const [key, value] of Object.entries(headers)) if (typeof value === 'string') map.set(key, value);
  const response = await service.server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: 'POST', headers: map, search: '', body },
    context: () => service.createContext({ headers, requestId: 'req-test' }),
  });
  if (response.body.kind !== 'complete') throw new Error('expected a complete response');
  return { status: response.status ?? 200, body: JSON.parse(response.body.string) };
}

async function totalCount(service: SubgraphService<Context>, headers: IncomingHttpHeaders): Promise<number> {
  const result = await execute<{ patients: { totalCount: number } }>(
    service,
    '{ patients { totalCount } }',
    {},
    headers,
  );
  if (result.data == null) throw new Error(JSON.stringify(result.errors));
  return result.data.patients.totalCount;
}

const PATIENT_FIELDS = `id mrn firstName lastName gender dateOfBirth phone email
  address { line1 line2 city state postalCode country } emergencyContact { name relationship phone }
  insurance { provider policyNumber } primaryCarePhysician { id } preferredLanguage organization { id }
  version createdAt updatedAt`;
const READ_LAKESIDE_PATIENT = `{ patient(id: "pt-00004") { ${PATIENT_FIELDS} } }`;
const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Patient { id lastName organization { id } }
    ... on Provider { id displayName organization { id } }
  }
}`;
const CREATE = 'mutation ($input: PatientInput!) { createPatient(input: $input) { id mrn organization { id } } }';
const CREATE_MANY = 'mutation ($inputs: [PatientInput!]!) { createPatients(inputs: $inputs) { id } }';
const UPDATE = `mutation ($id: ID!, $input: PatientUpdateInput!, $version: Int!) {
  updatePatient(id: $id, input: $input, expectedVersion: $version) { id version } }`;
const UPDATE_MANY = `mutation ($filter: BulkPatientFilter!, $input: BulkPatientUpdateInput!) {
  updatePatients(filter: $filter, input: $input, dryRun: false) { changedCount } }`;
const NEW_PATIENT = { firstName: 'Ada', lastName: 'Whitaker', gender: 'FEMALE', dateOfBirth: '1980-04-12' };

const UNAUTHENTICATED = {
  status: 401,
  body: {
    errors: [{ message: 'Sign in: this request needs a valid access token.', extensions: { code: 'UNAUTHENTICATED' } }],
  },
};

describe('authentication', () => {
  it('answers 401 UNAUTHENTICATED and no data without a token: query, mutation and _entities', async () => {
    const { service } = serviceWithLogs();
    await service.server.start();
    const operations = [
      { query: READ_LAKESIDE_PATIENT },
      { query: CREATE, variables: { input: NEW_PATIENT } },
      { query: 'mutation { deletePatient(id: "pt-00001") }' },
      { query: ENTITIES, variables: { representations: [{ __typename: 'Patient', id: 'pt-00001' }] } },
      { query: '{ _service { sdl } }' },
    ];
    for (const operation of operations) {
      expect(await overHttp(service, operation, {})).toEqual(UNAUTHENTICATED);
    }
    // In-process calls get no context at all, so nothing runs.
    await expect(execute(service, READ_LAKESIDE_PATIENT)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
    });
    // Nothing was created or deleted.
    expect(await totalCount(service, riverside)).toEqual(120);
    expect(await execute(service, '{ patient(id: "pt-00001") { id } }', {}, riverside)).toEqual({
      data: { patient: { id: 'pt-00001' } },
    });
  });

  it('refuses a token signed by another key, an expired one and one that is not a token', async () => {
    const { service, logs } = serviceWithLogs();
    await service.server.start();
    const impostor = await createTestAuth();
    const now = Math.floor(Date.now() / 1000);
    const expired = await auth.sign(
      { alg: TOKEN_ALGORITHM, kid: 'test-key', typ: TOKEN_TYPES.access },
      {
        iss: DEFAULT_ISSUER,
        aud: DEFAULT_AUDIENCE,
        sub: 'user-1',
        jti: 'jti-1',
        org: 'org-riverside',
        role: 'ADMIN',
        iat: now - 1200,
        exp: now - 600,
      },
    );
    const refused = [
      await impostor.headers(staff('org-riverside', 'ADMIN')),
      { authorization: `Bearer ${expired}` },
      { authorization: 'Bearer not-a-token' },
      { authorization: (riverside['authorization'] ?? '').replace('Bearer ', 'Basic ') },
    ];
    for (const headers of refused) {
      expect(await overHttp(service, { query: '{ patients { totalCount } }' }, headers)).toEqual(UNAUTHENTICATED);
      expect(await overHttp(service, { query: CREATE, variables: { input: NEW_PATIENT } }, headers)).toEqual(
        UNAUTHENTICATED,
      );
    }
    expect(logs.filter((l) => l['event'] === 'auth.rejected').map((l) => l['reason'])).toEqual([
      'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
      'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
      'ERR_JWT_EXPIRED',
      'ERR_JWT_EXPIRED',
      'no token',
      'no token',
      'no token',
      'no token',
    ]);
    expect(await totalCount(service, riverside)).toEqual(120);
  });

  it('lets a clinician and an admin of the organization in', async () => {
    const { service } = serviceWithLogs();
    await service.server.start();
    for (const headers of [riverside, riversideAdmin]) {
      expect(await overHttp(service, { query: '{ patient(id: "pt-00001") { id } }' }, headers)).toEqual({
        status: 200,
        body: { data: { patient: { id: 'pt-00001' } } },
      });
    }
  });
});

describe('intake links', () => {
  const representations = [
    { __typename: 'Patient', id: 'pt-00001' },
    { __typename: 'Provider', id: 'prov-riverside-1' },
  ];
  const forbidden = 'An intake link only allows answering its questionnaire.';

  it('get FORBIDDEN on every query field and every entity, even of their own patient', async () => {
    const { service } = serviceWithLogs();
    const cases: [string, Record<string, unknown>, unknown, unknown[][]][] = [
      ['{ patient(id: "pt-00001") { id } }', {}, { patient: null }, [[['patient'], 'FORBIDDEN', forbidden]]],
      ['{ patients { totalCount } }', {}, null, [[['patients'], 'FORBIDDEN', forbidden]]],
      ['{ provider(id: "prov-riverside-1") { id } }', {}, { provider: null }, [[['provider'], 'FORBIDDEN', forbidden]]],
      ['{ providers { id } }', {}, null, [[['providers'], 'FORBIDDEN', forbidden]]],
      [
        ENTITIES,
        { representations },
        { _entities: [null, null] },
        [
          [['_entities', 0], 'FORBIDDEN', forbidden],
          [['_entities', 1], 'FORBIDDEN', forbidden],
        ],
      ],
    ];
    for (const [query, variables, data, errors] of cases) {
      const result = await execute(service, query, variables, intake);
      expect([result.data, entityErrorsOf(result)]).toEqual([data, errors]);
    }
  });

  it('get FORBIDDEN on every mutation, and nothing changes', async () => {
    const { service, logs } = serviceWithLogs();
    const before = await execute(service, `{ patient(id: "pt-00001") { ${PATIENT_FIELDS} } }`, {}, riverside);
    const mutations: [string, Record<string, unknown>, string][] = [
      [CREATE, { input: NEW_PATIENT }, 'createPatient'],
      [CREATE_MANY, { inputs: [NEW_PATIENT] }, 'createPatients'],
      [UPDATE, { id: 'pt-00001', version: 1, input: { lastName: 'Changed' } }, 'updatePatient'],
      [
        UPDATE_MANY,
        { filter: { organizationId: 'org-riverside' }, input: { preferredLanguage: 'ES' } },
        'updatePatients',
      ],
      ['mutation { deletePatient(id: "pt-00001") }', {}, 'deletePatient'],
    ];
    for (const [query, variables, field] of mutations) {
      const result = await execute(service, query, variables, intake);
      expect([result.data, errorsOf(result)]).toEqual([null, [[[field], 'FORBIDDEN', forbidden]]]);
    }
    expect(await execute(service, `{ patient(id: "pt-00001") { ${PATIENT_FIELDS} } }`, {}, riverside)).toEqual(before);
    expect(before.data).toMatchObject({ patient: { id: 'pt-00001', version: 1 } });
    expect(await totalCount(service, riverside)).toEqual(120);
    expect(
      logs.filter((l) => l['event'] === 'auth.denied').map((l) => [l['action'], l['viewerKind'], l['linkId']]),
    ).toEqual([
      ['createPatient', 'intake', 'link-1'],
      ['createPatients', 'intake', 'link-1'],
      ['updatePatient', 'intake', 'link-1'],
      ['updatePatients', 'intake', 'link-1'],
      ['deletePatient', 'intake', 'link-1'],
    ]);
  });
});

describe('patients of another organization', () => {
  const otherOrganization = 'This patient belongs to another organization.';

  it('answer null with FORBIDDEN by id, and an unknown id null without error', async () => {
    const { service } = serviceWithLogs();
    const own = await execute(service, READ_LAKESIDE_PATIENT, {}, lakeside);
    expect(own.data).toMatchObject({ patient: { id: 'pt-00004', organization: { id: 'org-lakeside' } } });
    const result = await execute(service, READ_LAKESIDE_PATIENT, {}, riverside);
    expect([result.data, errorsOf(result)]).toEqual([
      { patient: null },
      [[['patient'], 'FORBIDDEN', otherOrganization]],
    ]);
    // Nothing of the record leaks through the error either.
    const record = own.data?.['patient'] as Record<string, unknown>;
    for (const value of [record['lastName'], record['mrn'], record['dateOfBirth']]) {
      expect(JSON.stringify(result)).not.toContain(String(value));
    }
    expect(await execute(service, '{ patient(id: "pt-nope") { id } }', {}, riverside)).toEqual({
      data: { patient: null },
    });
  });

  it('answer null with FORBIDDEN under an alias, next to the caller’s own patient', async () => {
    const { service } = serviceWithLogs();
    const result = await execute(
      service,
      '{ a: patient(id: "pt-00001") { id organization { id } } b: patient(id: "pt-00006") { id organization { id } } }',
      {},
      riverside,
    );
    expect([result.data, errorsOf(result)]).toEqual([
      { a: { id: 'pt-00001', organization: { id: 'org-riverside' } }, b: null },
      [[['b'], 'FORBIDDEN', otherOrganization]],
    ]);
  });

  it('resolve to null with FORBIDDEN through _entities, entity by entity', async () => {
    const { service } = serviceWithLogs();
    const result = await execute(
      service,
      ENTITIES,
      {
        representations: [
          { __typename: 'Patient', id: 'pt-00001' },
          { __typename: 'Patient', id: 'pt-00004' },
          { __typename: 'Provider', id: 'prov-riverside-1' },
          { __typename: 'Provider', id: 'prov-hillcrest-1' },
          { __typename: 'Patient', id: 'pt-missing' },
        ],
      },
      riverside,
    );
    expect(result.data).toEqual({
      _entities: [
        { id: 'pt-00001', lastName: seedPatients()[0]?.lastName, organization: { id: 'org-riverside' } },
        null,
        { id: 'prov-riverside-1', displayName: 'Dr. Maya Okafor', organization: { id: 'org-riverside' } },
        null,
        null,
      ],
    });
    expect(entityErrorsOf(result)).toEqual([
      [['_entities', 1], 'FORBIDDEN', otherOrganization],
      [['_entities', 3], 'FORBIDDEN', 'This provider belongs to another organization.'],
    ]);
  });

  it('are logged as auth.denied with ids only', async () => {
    const { service, logs } = serviceWithLogs();
    const own = await execute(service, READ_LAKESIDE_PATIENT, {}, lakeside);
    await execute(service, READ_LAKESIDE_PATIENT, {}, riverside);
    const denied = logs.filter((l) => l['event'] === 'auth.denied');
    expect(denied.map((l) => [typeof l['time'], typeof l['requestId']])).toEqual([['string', 'string']]);
    expect(denied.map(({ time: _time, requestId: _requestId, ...rest }) => rest)).toEqual([
      {
        level: 'warn',
        service: 'patient',
        event: 'auth.denied',
        action: 'patient',
        reason: 'OTHER_ORGANIZATION',
        viewerKind: 'staff',
        userId: 'user-clinician-org-riverside',
        viewerOrganizationId: 'org-riverside',
        role: 'CLINICIAN',
        patientId: 'pt-00004',
        organizationId: 'org-lakeside',
      },
    ]);
    const record = own.data?.['patient'] as Record<string, unknown>;
    for (const value of [record['firstName'], record['lastName'], record['mrn'], record['dateOfBirth']]) {
      expect(JSON.stringify(logs)).not.toContain(String(value));
    }
  });
});

describe('the patient list', () => {
  type Page = {
    patients: {
      nodes: { id: string; organization: { id: string } }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      totalCount: number;
    };
  };
  const LIST = `query ($after: String, $filter: PatientFilter) {
    patients(first: 100, after: $after, filter: $filter) {
      nodes { id organization { id } } pageInfo { hasNextPage endCursor } totalCount } }`;

  async function everyPage(
    service: SubgraphService<Context>,
    headers: IncomingHttpHeaders,
    filter: Record<string, unknown> = {},
  ): Promise<{ organizations: string[]; ids: string[]; totals: number[] }> {
    const result = { organizations: [] as string[], ids: [] as string[], totals: [] as number[] };
    let after: string | null = null;
    do {
      const page: FormattedExecutionResult<Page> = await execute<Page>(service, LIST, { after, filter }, headers);
      if (page.data == null) throw new Error(JSON.stringify(page.errors));
      result.ids.push(...page.data.patients.nodes.map((n) => n.id));
      result.organizations.push(...page.data.patients.nodes.map((n) => n.organization.id));
      result.totals.push(page.data.patients.totalCount);
      after = page.data.patients.pageInfo.hasNextPage ? page.data.patients.pageInfo.endCursor : null;
    } while (after !== null);
    return result;
  }

  it("lists and counts only the caller's organization, page after page", async () => {
    const { service } = serviceWithLogs();
    const seen = new Map<string, string[]>();
    for (const [organization, headers, count] of [
      ['org-riverside', riverside, 120],
      ['org-lakeside', lakeside, 80],
      ['org-hillcrest', hillcrest, 40],
      ['org-harbor', harbor, 30],
    ] as const) {
      const { organizations, ids, totals } = await everyPage(service, headers);
      expect(new Set(organizations)).toEqual(new Set([organization]));
      expect([ids.length, new Set(ids).size]).toEqual([count, count]);
      expect(new Set(totals)).toEqual(new Set([count]));
      seen.set(organization, ids);
    }
    // Together the four callers see every seeded patient exactly once.
    expect(new Set([...seen.values()].flat()).size).toEqual(SEED_PATIENT_COUNT);
    expect(SEED_PATIENT_COUNT).toEqual(270);
  });

  it("keeps every other filter inside the caller's organization", async () => {
    const { service } = serviceWithLogs();
    const everyone = await everyPage(service, riverside, { search: 'a' });
    expect(everyone.ids.length).toBeGreaterThan(0);
    expect(new Set(everyone.organizations)).toEqual(new Set(['org-riverside']));
    const lakesiders = await everyPage(service, lakeside, { search: 'a' });
    expect(lakesiders.ids.length).toBeGreaterThan(0);
    expect(everyone.ids.filter((id) => lakesiders.ids.includes(id))).toEqual([]);
    // Another organization's physician has no patients here.
    const result = await execute(
      service,
      '{ patients(filter: { primaryCarePhysicianId: "prov-lakeside-1" }) { nodes { id } totalCount } }',
      {},
      riverside,
    );
    expect(result).toEqual({ data: { patients: { nodes: [], totalCount: 0 } } });
    const own = await execute<{ patients: { totalCount: number } }>(
      service,
      '{ patients(filter: { primaryCarePhysicianId: "prov-lakeside-1" }) { totalCount } }',
      {},
      lakeside,
    );
    expect(own.data?.patients.totalCount).toBeGreaterThan(0);
  });

  it("refuses a filter naming another organization, and accepts the caller's own", async () => {
    const { service } = serviceWithLogs();
    for (const organizationId of ['org-lakeside', 'org-nowhere']) {
      const result = await execute(
        service,
        'query ($id: ID) { patients(filter: { organizationId: $id }) { nodes { id } totalCount } }',
        { id: organizationId },
        riverside,
      );
      expect([result.data, errorsOf(result)]).toEqual([
        null,
        [[['patients'], 'FORBIDDEN', 'Only patients of your own organization can be listed.']],
      ]);
    }
    const own = await execute(
      service,
      '{ patients(filter: { organizationId: "org-riverside" }) { totalCount } }',
      {},
      riverside,
    );
    expect(own).toEqual({ data: { patients: { totalCount: 120 } } });
  });
});

describe('registering patients', () => {
  const refused = 'Patients can only be registered in your own organization.';

  it("registers in the caller's organization when none is given", async () => {
    const { service } = serviceWithLogs();
    expect(await execute(service, CREATE, { input: NEW_PATIENT }, lakeside)).toEqual({
      data: { createPatient: { id: 'pt-new-1', mrn: 'LC-000240', organization: { id: 'org-lakeside' } } },
    });
    expect(
      await execute(service, CREATE, { input: { ...NEW_PATIENT, organizationId: 'org-lakeside' } }, lakeside),
    ).toEqual({
      data: { createPatient: { id: 'pt-new-2', mrn: 'LC-000241', organization: { id: 'org-lakeside' } } },
    });
    expect([await totalCount(service, lakeside), await totalCount(service, riverside)]).toEqual([82, 120]);
  });

  it('refuses another organization with FORBIDDEN before validating, and creates nothing', async () => {
    const { service, logs } = serviceWithLogs();
    const inputs = [
      { ...NEW_PATIENT, organizationId: 'org-lakeside' },
      // Invalid as well: FORBIDDEN comes first, so the caller learns nothing about the other organization.
      { ...NEW_PATIENT, organizationId: 'org-lakeside', mrn: 'LC-000004', dateOfBirth: '2999-01-01' },
      { ...NEW_PATIENT, organizationId: 'org-nowhere' },
    ];
    for (const input of inputs) {
      const result = await execute(service, CREATE, { input }, riverside);
      expect([result.data, errorsOf(result)]).toEqual([null, [[['createPatient'], 'FORBIDDEN', refused]]]);
    }
    // One foreign input refuses the whole batch, own inputs included.
    const batch = await execute(service, CREATE_MANY, { inputs: [NEW_PATIENT, inputs[0]] }, riverside);
    expect([batch.data, errorsOf(batch)]).toEqual([null, [[['createPatients'], 'FORBIDDEN', refused]]]);
    expect([
      await totalCount(service, riverside),
      await totalCount(service, lakeside),
      await totalCount(service, hillcrest),
    ]).toEqual([120, 80, 40]);
    expect(logs.filter((l) => l['event'] === 'patient.created' || l['event'] === 'patients.created')).toEqual([]);
    expect(logs.filter((l) => l['event'] === 'auth.denied').map((l) => [l['action'], l['organizationId']])).toEqual([
      ['createPatient', 'org-lakeside'],
      ['createPatient', 'org-lakeside'],
      ['createPatient', 'org-nowhere'],
      ['createPatients', 'org-lakeside'],
    ]);
  });
});

describe('changing patients of another organization', () => {
  const otherOrganization = 'This patient belongs to another organization.';

  it('refuses an update with FORBIDDEN, before the version and the input, and changes nothing', async () => {
    const { service } = serviceWithLogs();
    const before = await execute(service, READ_LAKESIDE_PATIENT, {}, lakeside);
    expect(before.data).toMatchObject({ patient: { id: 'pt-00004', version: 1 } });
    for (const [version, input] of [
      [1, { lastName: 'Changed' }],
      [7, { lastName: 'Changed' }],
      [1, { lastName: null, phone: 'x' }],
    ] as const) {
      const result = await execute(service, UPDATE, { id: 'pt-00004', version, input }, riverside);
      expect([result.data, errorsOf(result)]).toEqual([null, [[['updatePatient'], 'FORBIDDEN', otherOrganization]]]);
      expect(JSON.stringify(result)).not.toContain('currentVersion');
    }
    expect(await execute(service, READ_LAKESIDE_PATIENT, {}, lakeside)).toEqual(before);
  });

  it('refuses a delete with FORBIDDEN and keeps the patient', async () => {
    const { service } = serviceWithLogs();
    const before = await execute(service, READ_LAKESIDE_PATIENT, {}, lakeside);
    const result = await execute(service, 'mutation { deletePatient(id: "pt-00004") }', {}, riverside);
    expect([result.data, errorsOf(result)]).toEqual([null, [[['deletePatient'], 'FORBIDDEN', otherOrganization]]]);
    expect(await execute(service, READ_LAKESIDE_PATIENT, {}, lakeside)).toEqual(before);
    expect(await totalCount(service, lakeside)).toEqual(80);
    // The caller's own patients can still be deleted.
    expect(await execute(service, 'mutation { deletePatient(id: "pt-00001") }', {}, riverside)).toEqual({
      data: { deletePatient: 'pt-00001' },
    });
  });
});

describe('providers', () => {
  const otherOrganization = 'This provider belongs to another organization.';

  it('answers another organization’s provider as null with FORBIDDEN, the own one as data', async () => {
    const { service } = serviceWithLogs();
    const result = await execute(
      service,
      '{ own: provider(id: "prov-riverside-2") { id displayName } other: provider(id: "prov-lakeside-2") { id } }',
      {},
      riverside,
    );
    expect([result.data, errorsOf(result)]).toEqual([
      { own: { id: 'prov-riverside-2', displayName: 'Dr. Daniel Whitfield' }, other: null },
      [[['other'], 'FORBIDDEN', otherOrganization]],
    ]);
  });

  it("lists only the caller's organization, and refuses to list another", async () => {
    const { service } = serviceWithLogs();
    expect(await execute(service, '{ providers { id } }', {}, riverside)).toEqual({
      data: { providers: [{ id: 'prov-riverside-2' }, { id: 'prov-riverside-3' }, { id: 'prov-riverside-1' }] },
    });
    expect(await execute(service, '{ providers { id } }', {}, hillcrest)).toEqual({
      data: { providers: [{ id: 'prov-hillcrest-1' }, { id: 'prov-hillcrest-2' }] },
    });
    const refused = await execute(service, '{ providers(organizationId: "org-lakeside") { id } }', {}, riverside);
    expect([refused.data, errorsOf(refused)]).toEqual([
      null,
      [[['providers'], 'FORBIDDEN', 'Only providers of your own organization can be listed.']],
    ]);
  });
});
