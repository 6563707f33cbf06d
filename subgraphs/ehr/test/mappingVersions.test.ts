import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { IncomingHttpHeaders } from 'node:http';
import { createLogger, type SubgraphService } from '@carebridge/common';
import { createTestAuth, execute, staff, type TestAuth } from '@carebridge/common/testing';
import type { Context } from '../src/context';
import type { FieldMappingRecord } from '../src/data/records';
import { seedEhrSystems } from '../src/data/seed';
import { InMemoryMappingStore } from '../src/mapping/store';
import { createService } from '../src/server';

const FIELDS = 'fields { source target endpoint transform { kind dateFormat codes { from to } } }';
const MAPPING = `version publishedBy note restoredFrom ${FIELDS}`;
const PUBLISH = `mutation ($id: ID!, $input: EhrMappingInput!) { publishEhrMapping(ehrSystemId: $id, input: $input) { ${MAPPING} } }`;
const ROLLBACK = `mutation ($id: ID!, $v: Int!) { rollbackEhrMapping(ehrSystemId: $id, version: $v) { ${MAPPING} } }`;
const CURRENT = `{ ehrSystem(id: "ehr-athena") { mapping { version } mappingHistory { version note restoredFrom } } }`;

const athenaV1 = seedEhrSystems()[0]!.mappings[0]!.fields;

/** The fields as GraphQL answers them: every transform part present, null when absent. */
const asServed = (fields: readonly FieldMappingRecord[]) =>
  fields.map((f) => ({
    ...f,
    transform: f.transform
      ? { kind: f.transform.kind, dateFormat: f.transform.dateFormat ?? null, codes: f.transform.codes ?? null }
      : null,
  }));

let auth: TestAuth;
let service: SubgraphService<Context>;
let riversideAdmin: IncomingHttpHeaders;

const codes = (result: { errors?: readonly { extensions?: Record<string, unknown> }[] }) =>
  result.errors?.map((e) => e.extensions?.['code']);

/** Athena v1 with dob reformatted, phone dropped, and social history sent as one question. */
const v2Fields = (): FieldMappingRecord[] => [
  ...athenaV1
    .filter((f) => f.source !== 'phone' && f.source !== 'socialHistory')
    .map((f) =>
      f.source === 'dob' ? { ...f, transform: { kind: 'DATE_FORMAT' as const, dateFormat: 'YYYYMMDD' } } : f,
    ),
  {
    source: 'question:social.tobacco',
    target: 'HISTORY_SOCIAL_PATIENT',
    endpoint: '/v1/patients/{ehrPatientId}/history/social',
  },
];

beforeAll(async () => {
  auth = await createTestAuth();
  riversideAdmin = await auth.headers(staff('org-riverside', 'ADMIN'));
});

beforeEach(() => {
  service = createService({ verifier: auth.verifier });
});

const publish = async (fields: readonly FieldMappingRecord[], note: string | null, headers = riversideAdmin) =>
  execute(service, PUBLISH, { id: 'ehr-athena', input: { fields, note } }, headers);

describe('publishing a mapping', () => {
  it('makes v2 current for the publishing organization only', async () => {
    const published = await publish(v2Fields(), 'Compact dates');
    expect(published).toEqual({
      data: {
        publishEhrMapping: {
          version: 2,
          publishedBy: 'user-admin-org-riverside',
          note: 'Compact dates',
          restoredFrom: null,
          fields: asServed(v2Fields()),
        },
      },
    });
    const own = await execute(service, CURRENT, {}, await auth.headers(staff('org-riverside')));
    // Hillcrest runs Athena too: another hospital's publication does not touch its mapping.
    const other = await execute(service, CURRENT, {}, await auth.headers(staff('org-hillcrest', 'ADMIN')));
    expect(own.data).toEqual({
      ehrSystem: {
        mapping: { version: 2 },
        mappingHistory: [
          { version: 2, note: 'Compact dates', restoredFrom: null },
          { version: 1, note: 'Initial mapping', restoredFrom: null },
        ],
      },
    });
    expect(other.data).toEqual({
      ehrSystem: {
        mapping: { version: 1 },
        mappingHistory: [{ version: 1, note: 'Initial mapping', restoredFrom: null }],
      },
    });
  });

  it('answers one version by number, or null for none', async () => {
    await publish(v2Fields(), null);
    const result = await execute(
      service,
      `{ ehrSystem(id: "ehr-athena") { v1: mappingVersion(version: 1) { ${MAPPING} } v7: mappingVersion(version: 7) { version } } }`,
      {},
      riversideAdmin,
    );
    expect(result.data).toEqual({
      ehrSystem: {
        v1: {
          version: 1,
          publishedBy: 'seed',
          note: 'Initial mapping',
          restoredFrom: null,
          fields: asServed(athenaV1),
        },
        v7: null,
      },
    });
  });

  it('refuses an invalid mapping with every problem, and publishes nothing', async () => {
    const fields = [
      ...athenaV1.filter((f) => f.source !== 'name'),
      { source: 'shoeSize', target: 'SHOE', endpoint: '/v1/patients' },
    ];
    const result = await publish(fields, null);
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.extensions?.['problems']).toEqual([
      { field: 'fields[15].source', message: 'must be a canonical field or question:<linkId>' },
      { field: 'fields[15].target', message: 'is not a key /v1/patients accepts' },
      { field: 'fields', message: 'must map PATIENT_IDENT_NAME, which /v1/patients requires' },
    ]);
    expect((await execute(service, CURRENT, {}, riversideAdmin)).data).toMatchObject({
      ehrSystem: { mapping: { version: 1 } },
    });
  });

  it('refuses a code table row with an empty side at its path, without the values, and publishes nothing', async () => {
    const gender = athenaV1.findIndex((f) => f.source === 'gender');
    const fields = athenaV1.map((f, i) =>
      i === gender
        ? {
            ...f,
            transform: {
              kind: 'CODE_TABLE' as const,
              codes: [
                { from: 'FEMALE', to: '' },
                { from: 'MALE', to: 'M' },
              ],
            },
          }
        : f,
    );
    const result = await publish(fields, null);
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.extensions?.['problems']).toEqual([
      { field: `fields[${gender}].transform.codes[0].to`, message: 'must not be empty' },
    ]);
    expect(result.errors?.[0]?.message).not.toContain('FEMALE');
    expect((await execute(service, CURRENT, {}, riversideAdmin)).data).toMatchObject({
      ehrSystem: { mapping: { version: 1 } },
    });
  });

  it('refuses an unknown EHR system', async () => {
    const result = await execute(service, PUBLISH, { id: 'ehr-nope', input: { fields: athenaV1 } }, riversideAdmin);
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: [{ field: 'ehrSystemId', message: 'is not a known EHR system' }],
    });
  });

  it('lets only an ADMIN of a registered organization publish, roll back or create a system', async () => {
    const clinician = await auth.headers(staff('org-riverside'));
    const unregistered = await auth.headers(staff('org-signing-up', 'ADMIN'));
    for (const headers of [clinician, unregistered]) {
      expect(codes(await publish(v2Fields(), null, headers))).toEqual(['FORBIDDEN']);
      expect(codes(await execute(service, ROLLBACK, { id: 'ehr-athena', v: 1 }, headers))).toEqual(['FORBIDDEN']);
      const create = await execute(
        service,
        'mutation ($input: EhrSystemInput!) { createEhrSystem(input: $input) { id } }',
        { input: { name: 'Sneaky', baseUrl: 'https://x.example', endpoints: [], mapping: { fields: [] } } },
        headers,
      );
      expect(codes(create)).toEqual(['FORBIDDEN']);
    }
    expect((await execute(service, CURRENT, {}, riversideAdmin)).data).toMatchObject({
      ehrSystem: { mapping: { version: 1 } },
    });
  });
});

describe('mapping history', () => {
  it('diffs two versions entry by entry, sorted by source', async () => {
    await publish(v2Fields(), null);
    const result = await execute(
      service,
      `{ ehrSystem(id: "ehr-athena") { mappingDiff(from: 1, to: 2) { kind source before { target endpoint transform { kind dateFormat } } after { target endpoint transform { kind dateFormat } } } } }`,
      {},
      riversideAdmin,
    );
    const social = '/v1/patients/{ehrPatientId}/history/social';
    expect(result.data).toEqual({
      ehrSystem: {
        mappingDiff: [
          {
            kind: 'CHANGED',
            source: 'dob',
            before: { target: 'DATE_OF_BIRTH_PATIENT', endpoint: '/v1/patients', transform: null },
            after: {
              target: 'DATE_OF_BIRTH_PATIENT',
              endpoint: '/v1/patients',
              transform: { kind: 'DATE_FORMAT', dateFormat: 'YYYYMMDD' },
            },
          },
          {
            kind: 'REMOVED',
            source: 'phone',
            before: { target: 'TELEPHONE_NUMBER_PATIENT', endpoint: '/v1/patients', transform: null },
            after: null,
          },
          {
            kind: 'ADDED',
            source: 'question:social.tobacco',
            before: null,
            after: { target: 'HISTORY_SOCIAL_PATIENT', endpoint: social, transform: null },
          },
          {
            kind: 'REMOVED',
            source: 'socialHistory',
            before: { target: 'HISTORY_SOCIAL_PATIENT', endpoint: social, transform: null },
            after: null,
          },
        ],
      },
    });
  });

  it('diffs a moved or retargeted entry as CHANGED, and the same version as nothing', async () => {
    const { diffMappings } = await import('../src/mapping/diff');
    const a = { source: 'name', target: 'A', endpoint: '/one' };
    expect(diffMappings([a], [{ ...a, endpoint: '/two' }])).toEqual([
      { kind: 'CHANGED', source: 'name', before: a, after: { ...a, endpoint: '/two' } },
    ]);
    expect(diffMappings([a], [{ ...a, target: 'B' }]).map((c) => c.kind)).toEqual(['CHANGED']);
    expect(diffMappings(athenaV1, athenaV1)).toEqual([]);
    // The same source on two endpoints: each entry pairs with its own counterpart.
    const b = { source: 'name', target: 'B', endpoint: '/two' };
    expect(diffMappings([a, b], [b, { ...a, target: 'C' }])).toEqual([
      { kind: 'CHANGED', source: 'name', before: a, after: { ...a, target: 'C' } },
    ]);
  });

  it('answers NOT_FOUND for a diff with an unknown version', async () => {
    const result = await execute(
      service,
      '{ ehrSystem(id: "ehr-athena") { mappingDiff(from: 1, to: 9) { kind } } }',
      {},
      riversideAdmin,
    );
    expect(codes(result)).toEqual(['NOT_FOUND']);
  });

  it('rolls back by publishing the old fields again as a new version', async () => {
    await publish(v2Fields(), 'Compact dates');
    const result = await execute(service, ROLLBACK, { id: 'ehr-athena', v: 1 }, riversideAdmin);
    expect(result).toEqual({
      data: {
        rollbackEhrMapping: {
          version: 3,
          publishedBy: 'user-admin-org-riverside',
          note: 'Rollback to version 1',
          restoredFrom: 1,
          fields: asServed(athenaV1),
        },
      },
    });
    const history = await execute(service, CURRENT, {}, riversideAdmin);
    expect(history.data).toMatchObject({
      ehrSystem: { mapping: { version: 3 }, mappingHistory: [{ version: 3 }, { version: 2 }, { version: 1 }] },
    });
    const diff = await execute(
      service,
      '{ ehrSystem(id: "ehr-athena") { mappingDiff(from: 1, to: 3) { kind } } }',
      {},
      riversideAdmin,
    );
    expect(diff.data).toEqual({ ehrSystem: { mappingDiff: [] } });
  });

  it('answers NOT_FOUND for a rollback to an unknown version', async () => {
    const result = await execute(service, ROLLBACK, { id: 'ehr-athena', v: 4 }, riversideAdmin);
    expect(codes(result)).toEqual(['NOT_FOUND']);
  });
});

describe('publishing or rolling back from a version that is no longer current', () => {
  const PUBLISH_FROM = `mutation ($id: ID!, $input: EhrMappingInput!, $expected: Int) {
    publishEhrMapping(ehrSystemId: $id, input: $input, expectedVersion: $expected) { version } }`;
  const ROLLBACK_FROM = `mutation ($id: ID!, $v: Int!, $expected: Int) {
    rollbackEhrMapping(ehrSystemId: $id, version: $v, expectedVersion: $expected) { version restoredFrom } }`;
  const publishFrom = (
    expected: number | null,
    fields: readonly FieldMappingRecord[] = v2Fields(),
    headers = riversideAdmin,
  ) =>
    execute(service, PUBLISH_FROM, { id: 'ehr-athena', input: { fields, note: 'Compact dates' }, expected }, headers);
  const rollbackFrom = (version: number, expected: number | null, headers = riversideAdmin) =>
    execute(service, ROLLBACK_FROM, { id: 'ehr-athena', v: version, expected }, headers);
  const history = async () => (await execute(service, CURRENT, {}, riversideAdmin)).data;

  it('publishes when the expected version is the current one', async () => {
    expect((await publishFrom(1)).data).toEqual({ publishEhrMapping: { version: 2 } });
    expect((await publishFrom(2, athenaV1)).data).toEqual({ publishEhrMapping: { version: 3 } });
  });

  it('refuses a publication from an older version with VERSION_CONFLICT naming the current one, and publishes nothing', async () => {
    await publishFrom(1);
    const before = await history();
    const stale = await publishFrom(1, athenaV1);
    expect(stale.data).toBeNull();
    expect(stale.errors).toHaveLength(1);
    expect(stale.errors?.[0]?.extensions).toEqual({
      code: 'VERSION_CONFLICT',
      typename: 'EhrMapping',
      id: 'ehr-athena',
      expectedVersion: 1,
      currentVersion: 2,
    });
    expect(stale.errors?.[0]?.message).toContain('the current version is 2');
    // Neither the submitted fields nor the note are echoed back.
    expect(stale.errors?.[0]?.message).not.toContain('Compact dates');
    expect(stale.errors?.[0]?.message).not.toContain('PATIENT_IDENT_NAME');
    expect(await history()).toEqual(before);
  });

  it('refuses a stale publication before validating it', async () => {
    await publishFrom(1);
    const invalid = [{ source: 'shoeSize', target: 'SHOE', endpoint: '/v1/patients' }];
    expect(codes(await publishFrom(1, invalid))).toEqual(['VERSION_CONFLICT']);
    // Still checked for an ADMIN only: a clinician learns nothing about versions.
    const clinician = await auth.headers(staff('org-riverside'));
    expect(codes(await publishFrom(1, athenaV1, clinician))).toEqual(['FORBIDDEN']);
  });

  it('publishes regardless without an expected version, as before', async () => {
    await publishFrom(1);
    expect((await publishFrom(null, athenaV1)).data).toEqual({ publishEhrMapping: { version: 3 } });
  });

  it('compares with the organization’s own line: another hospital’s publication is no conflict', async () => {
    await publishFrom(1);
    const hillcrestAdmin = await auth.headers(staff('org-hillcrest', 'ADMIN'));
    expect((await publishFrom(1, v2Fields(), hillcrestAdmin)).data).toEqual({ publishEhrMapping: { version: 2 } });
  });

  it('rolls back only when the expected version is current; VERSION_CONFLICT otherwise, nothing changed', async () => {
    await publishFrom(1);
    expect((await rollbackFrom(1, 2)).data).toEqual({ rollbackEhrMapping: { version: 3, restoredFrom: 1 } });
    const before = await history();
    const stale = await rollbackFrom(2, 2);
    expect(stale.errors?.[0]?.extensions).toEqual({
      code: 'VERSION_CONFLICT',
      typename: 'EhrMapping',
      id: 'ehr-athena',
      expectedVersion: 2,
      currentVersion: 3,
    });
    expect(stale.errors?.[0]?.message).toContain('the current version is 3');
    expect(await history()).toEqual(before);
    // A stale view is refused as such even when the version it asks for does not exist.
    expect(codes(await rollbackFrom(9, 2))).toEqual(['VERSION_CONFLICT']);
    expect(codes(await rollbackFrom(9, 3))).toEqual(['NOT_FOUND']);
    expect((await rollbackFrom(2, null)).data).toEqual({ rollbackEhrMapping: { version: 4, restoredFrom: 2 } });
  });

  it('logs a refusal with ids and version numbers only', async () => {
    const lines: Record<string, unknown>[] = [];
    service = createService({
      verifier: auth.verifier,
      logger: createLogger('ehr', {}, (line) => lines.push(JSON.parse(line) as Record<string, unknown>)),
    });
    await publishFrom(1);
    await publishFrom(1, athenaV1);
    await rollbackFrom(1, 1);
    const mapping = lines.filter((line) => String(line['event']).startsWith('ehr.mapping.'));
    expect(
      mapping.map((line) => [line['event'], line['mutation'], line['expectedVersion'], line['currentVersion']]),
    ).toEqual([
      ['ehr.mapping.published', undefined, undefined, undefined],
      ['ehr.mapping.conflict', 'publishEhrMapping', 1, 2],
      ['ehr.mapping.conflict', 'rollbackEhrMapping', 1, 2],
    ]);
    expect(mapping[1]).toMatchObject({
      ehrSystemId: 'ehr-athena',
      organizationId: 'org-riverside',
      userId: 'user-admin-org-riverside',
    });
    expect(JSON.stringify(lines)).not.toContain('Compact dates');
  });

  it('checks and appends in one step in the store', async () => {
    const store = new InMemoryMappingStore({
      ehrSystem: (id) => Promise.resolve(seedEhrSystems().find((s) => s.id === id)),
    });
    const meta = { publishedBy: 'user-a', note: null, restoredFrom: null };
    expect((await store.publish('ehr-athena', 'org-a', athenaV1, meta, 1)).version).toBe(2);
    await expect(store.publish('ehr-athena', 'org-a', athenaV1, meta, 1)).rejects.toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'VERSION_CONFLICT', currentVersion: 2 }) }),
    );
    expect((await store.history('ehr-athena', 'org-a')).map((v) => v.version)).toEqual([2, 1]);
    expect((await store.publish('ehr-athena', 'org-a', athenaV1, meta)).version).toBe(3);
  });
});

describe('creating an EHR system', () => {
  const CREATE = `mutation ($input: EhrSystemInput!) { createEhrSystem(input: $input) {
    id name baseUrl endpoints { path categories createsPatient keys { name required } } mapping { ${MAPPING} } } }`;
  const input = {
    name: '  Cerner Millennium ',
    baseUrl: 'https://cerner.ehr.example',
    endpoints: [
      {
        path: '/persons',
        categories: ['DEMOGRAPHICS', 'INSURANCE', 'CARE_TEAM'],
        keys: [{ name: 'PERSON_NAME', required: true }, { name: 'PERSON_DOB' }],
        createsPatient: true,
      },
      { path: '/persons/{ehrPatientId}/allergies', categories: ['ALLERGIES'], keys: [{ name: 'ALLERGY_CODES' }] },
    ],
    mapping: {
      note: 'First cut',
      fields: [
        { source: 'name', target: 'PERSON_NAME', endpoint: '/persons' },
        {
          source: 'dob',
          target: 'PERSON_DOB',
          endpoint: '/persons',
          transform: { kind: 'DATE_FORMAT', dateFormat: 'DD/MM/YYYY' },
        },
        { source: 'allergies', target: 'ALLERGY_CODES', endpoint: '/persons/{ehrPatientId}/allergies' },
      ],
    },
  };

  it('adds the system with its first mapping, which its organization uses once it switches to it', async () => {
    const created = await execute(service, CREATE, { input }, riversideAdmin);
    const mapping = {
      version: 1,
      publishedBy: 'user-admin-org-riverside',
      note: 'First cut',
      restoredFrom: null,
      fields: [
        { source: 'name', target: 'PERSON_NAME', endpoint: '/persons', transform: null },
        {
          source: 'dob',
          target: 'PERSON_DOB',
          endpoint: '/persons',
          transform: { kind: 'DATE_FORMAT', dateFormat: 'DD/MM/YYYY', codes: null },
        },
        {
          source: 'allergies',
          target: 'ALLERGY_CODES',
          endpoint: '/persons/{ehrPatientId}/allergies',
          transform: null,
        },
      ],
    };
    expect(created).toEqual({
      data: {
        createEhrSystem: {
          id: 'ehr-cerner-millennium',
          name: 'Cerner Millennium',
          baseUrl: 'https://cerner.ehr.example',
          endpoints: [
            {
              path: '/persons',
              categories: ['DEMOGRAPHICS', 'INSURANCE', 'CARE_TEAM'],
              createsPatient: true,
              keys: [
                { name: 'PERSON_NAME', required: true },
                { name: 'PERSON_DOB', required: false },
              ],
            },
            {
              path: '/persons/{ehrPatientId}/allergies',
              categories: ['ALLERGIES'],
              createsPatient: false,
              keys: [{ name: 'ALLERGY_CODES', required: false }],
            },
          ],
          mapping,
        },
      },
    });

    // Riverside's own system: Riverside, which made it, switches to it (another organization
    // cannot: see privateSystems.test.ts).
    const switched = await execute(
      service,
      `mutation { setOrganizationEhrSystem(ehrSystemId: "ehr-cerner-millennium") { id ehrSystem { id mapping { ${MAPPING} } unmappedFields { name } } } }`,
      {},
      riversideAdmin,
    );
    expect(switched.data).toEqual({
      setOrganizationEhrSystem: {
        id: 'org-riverside',
        ehrSystem: {
          id: 'ehr-cerner-millennium',
          mapping,
          unmappedFields: [
            'gender',
            'address',
            'phone',
            'email',
            'emergencyContact',
            'insuranceProvider',
            'insurancePolicyNumber',
            'primaryCarePhysician',
            'symptoms',
            'currentMedications',
            'medicalHistory',
            'socialHistory',
            'familyHistory',
          ].map((name) => ({ name })),
        },
      },
    });
    const listed = await execute(service, '{ ehrSystems { name shared } }', {}, riversideAdmin);
    expect(listed.data).toEqual({
      ehrSystems: [
        { name: 'Allscripts', shared: true },
        { name: 'Athena', shared: true },
        { name: 'Cerner Millennium', shared: false },
        { name: 'FHIR R4 (Harbor EHR)', shared: true },
      ],
    });
  });

  it('refuses a name already taken, whatever its case, and adds nothing', async () => {
    const result = await execute(service, CREATE, { input: { ...input, name: 'ATHENA' } }, riversideAdmin);
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: [{ field: 'name', message: 'is already the name of an EHR system' }],
    });
    const listed = await execute(service, '{ ehrSystems { name } }', {}, riversideAdmin);
    expect(listed.data).toEqual({
      ehrSystems: [{ name: 'Allscripts' }, { name: 'Athena' }, { name: 'FHIR R4 (Harbor EHR)' }],
    });
  });

  it('validates the first mapping as publishing does, under `mapping`', async () => {
    const result = await execute(
      service,
      CREATE,
      { input: { ...input, mapping: { fields: [{ source: 'dob', target: 'PERSON_DOB', endpoint: '/persons' }] } } },
      riversideAdmin,
    );
    expect(result.errors?.[0]?.extensions?.['problems']).toEqual([
      { field: 'mapping.fields', message: 'must map PERSON_NAME, which /persons requires' },
    ]);
  });
});
