import { readFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SubgraphService } from '@carebridge/common';
import { createTestAuth, execute, staff, type TestAuth } from '@carebridge/common/testing';
import type { Context } from '../src/context';
import type { FieldMappingRecord } from '../src/data/records';
import { seedEhrSystems } from '../src/data/seed';
import { createService } from '../src/server';
import { GOLDEN_RECORD } from './fixtures';

const athenaV1 = seedEhrSystems()[0]!.mappings[0]!.fields;
const allscriptsV1 = seedEhrSystems()[1]!.mappings[0]!.fields;
const golden = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./golden/${name}.json`, import.meta.url), 'utf8'));

/** A Patient representation as the gateway builds it for `ehrPreview`: every @requires field. */
function patientRepresentation(organizationId: string) {
  const { patient, answers } = GOLDEN_RECORD;
  return {
    __typename: 'Patient',
    id: patient.id,
    organization: { id: organizationId },
    mrn: patient.mrn,
    firstName: patient.firstName,
    lastName: patient.lastName,
    gender: patient.gender,
    dateOfBirth: patient.dateOfBirth,
    phone: patient.phone,
    email: patient.email,
    address: patient.address,
    emergencyContact: patient.emergencyContact,
    insurance: patient.insurance,
    primaryCarePhysician: patient.primaryCarePhysician,
    clinicalAnswers: answers,
  };
}

const PREVIEW = `query ($r: [_Any!]!, $v: Int) { _entities(representations: $r) {
  ... on Patient { ehrPreview(mappingVersion: $v) { endpoint method payload } } } }`;
const PUBLISH = `mutation ($input: EhrMappingInput!) { publishEhrMapping(ehrSystemId: "ehr-athena", input: $input) { version } }`;
const PREVIEW_WITH = `query ($r: [_Any!]!, $v: Int, $draft: EhrMappingInput, $system: ID) { _entities(representations: $r) {
  ... on Patient { ehrPreview(mappingVersion: $v, draft: $draft, ehrSystemId: $system) { endpoint method payload } } } }`;
const HISTORY = '{ ehrSystem(id: "ehr-athena") { mappingHistory { version } } }';

/** Athena v1 with compact dates, without phone, and with social history sent as one question. */
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

let auth: TestAuth;
let service: SubgraphService<Context>;
let riversideClinician: IncomingHttpHeaders;

const codes = (result: { errors?: readonly { extensions?: Record<string, unknown> }[] }) =>
  result.errors?.map((e) => e.extensions?.['code']);

beforeAll(async () => {
  auth = await createTestAuth();
  riversideClinician = await auth.headers(staff('org-riverside'));
});

beforeEach(() => {
  service = createService({ verifier: auth.verifier });
});

const publishV2 = async () => {
  const result = await execute(
    service,
    PUBLISH,
    { input: { fields: v2Fields() } },
    await auth.headers(staff('org-riverside', 'ADMIN')),
  );
  expect(result.data).toEqual({ publishEhrMapping: { version: 2 } });
};

describe('Patient.ehrPreview', () => {
  it('shows exactly the requests the current mapping makes for the patient', async () => {
    const result = await execute(service, PREVIEW, { r: [patientRepresentation('org-riverside')] }, riversideClinician);
    expect(result).toEqual({ data: { _entities: [{ ehrPreview: golden('athena') }] } });
  });

  it('uses the organization’s EHR: Lakeside’s patients go to Allscripts', async () => {
    const result = await execute(
      service,
      PREVIEW,
      { r: [patientRepresentation('org-lakeside')] },
      await auth.headers(staff('org-lakeside')),
    );
    expect(result).toEqual({ data: { _entities: [{ ehrPreview: golden('allscripts') }] } });
  });

  it('follows a newly published version, and shows an older one on request', async () => {
    await publishV2();
    const r = [patientRepresentation('org-riverside')];
    const current = await execute<{ _entities: { ehrPreview: { endpoint: string; payload: object }[] }[] }>(
      service,
      PREVIEW,
      { r },
      riversideClinician,
    );
    const requests = current.data!._entities[0]!.ehrPreview;
    expect(requests[0]!.payload).toMatchObject({ DATE_OF_BIRTH_PATIENT: '19840709' });
    expect(requests[0]!.payload).not.toHaveProperty('TELEPHONE_NUMBER_PATIENT');
    expect(requests.find((q) => q.endpoint.endsWith('/history/social'))!.payload).toEqual({
      HISTORY_SOCIAL_PATIENT: ['TOBACCO_NEVER'],
    });
    const older = await execute(service, PREVIEW, { r, v: 1 }, riversideClinician);
    expect(older).toEqual({ data: { _entities: [{ ehrPreview: golden('athena') }] } });
  });

  it('answers NOT_FOUND for a version the organization does not have', async () => {
    const result = await execute(
      service,
      PREVIEW,
      { r: [patientRepresentation('org-riverside')], v: 2 },
      riversideClinician,
    );
    expect([result.data, codes(result)]).toEqual([{ _entities: [{ ehrPreview: null }] }, ['NOT_FOUND']]);
  });

  it('refuses another organization’s patient, next to one’s own', async () => {
    const result = await execute(
      service,
      PREVIEW,
      { r: [patientRepresentation('org-lakeside'), patientRepresentation('org-riverside')] },
      riversideClinician,
    );
    expect(result.data).toEqual({ _entities: [{ ehrPreview: null }, { ehrPreview: golden('athena') }] });
    expect(result.errors?.map((e) => [e.path, e.extensions?.['code']])).toEqual([
      [['_entities', 0, 'ehrPreview'], 'FORBIDDEN'],
    ]);
  });

  it('refuses an intake link', async () => {
    const intake = await auth.headers({
      kind: 'intake',
      linkId: 'l1',
      patientId: 'pt-golden',
      organizationId: 'org-riverside',
      questionnaireId: 'q',
    });
    const result = await execute(service, PREVIEW, { r: [patientRepresentation('org-riverside')] }, intake);
    expect(codes(result)).toEqual(['FORBIDDEN']);
  });
});

describe('Patient.ehrPreview with a draft mapping or another EHR system', () => {
  const r = () => [patientRepresentation('org-riverside')];
  const preview = (variables: Record<string, unknown>, headers = riversideClinician) =>
    execute(service, PREVIEW_WITH, { r: r(), ...variables }, headers);
  const problemsOf = (result: { errors?: readonly { extensions?: Record<string, unknown> }[] }) =>
    result.errors?.map((e) => [e.extensions?.['code'], e.extensions?.['problems']]);

  it('builds with an unpublished draft exactly what publishing it would preview, and stores nothing', async () => {
    const drafted = await preview({ draft: { fields: v2Fields(), note: 'trying' } });
    expect(drafted.errors).toBeUndefined();
    expect(await execute(service, HISTORY, {}, riversideClinician)).toEqual({
      data: { ehrSystem: { mappingHistory: [{ version: 1 }] } },
    });
    expect(await preview({})).toEqual({ data: { _entities: [{ ehrPreview: golden('athena') }] } });
    await publishV2();
    expect(await preview({})).toEqual(drafted);
    expect(drafted).not.toEqual({ data: { _entities: [{ ehrPreview: golden('athena') }] } });
  });

  it('refuses an invalid draft with the very problems publishEhrMapping lists', async () => {
    const fields = [
      ...athenaV1.filter((f) => f.source !== 'name'),
      { source: 'shoeSize', target: 'NOT_A_KEY', endpoint: '/v1/patients' },
      { source: 'dob', target: 'DATE_OF_BIRTH_PATIENT', endpoint: '/v1/nowhere', transform: { kind: 'DATE_FORMAT' } },
    ];
    const drafted = await preview({ draft: { fields } });
    const published = await execute(
      service,
      PUBLISH,
      { input: { fields } },
      await auth.headers(staff('org-riverside', 'ADMIN')),
    );
    expect(drafted.data).toEqual({ _entities: [{ ehrPreview: null }] });
    expect(problemsOf(drafted)).toEqual(problemsOf(published));
    expect(problemsOf(drafted)).toEqual([
      [
        'BAD_USER_INPUT',
        [
          { field: 'fields[15].source', message: 'must be a canonical field or question:<linkId>' },
          { field: 'fields[15].target', message: 'is not a key /v1/patients accepts' },
          { field: 'fields[16].endpoint', message: 'is not an endpoint of this EHR system' },
          {
            field: 'fields[16].transform.dateFormat',
            message: 'must be YYYY, MM and DD once each, with separators, e.g. MM/DD/YYYY',
          },
          { field: 'fields', message: 'must map PATIENT_IDENT_NAME, which /v1/patients requires' },
        ],
      ],
    ]);
  });

  it('refuses a draft together with a mapping version, and an unknown EHR system', async () => {
    const both = await preview({ draft: { fields: athenaV1 }, v: 1 });
    const unknown = await preview({ system: 'ehr-nope' });
    expect([both.data, problemsOf(both)]).toEqual([
      { _entities: [{ ehrPreview: null }] },
      [['BAD_USER_INPUT', [{ field: 'draft', message: 'cannot be combined with mappingVersion' }]]],
    ]);
    expect([unknown.data, problemsOf(unknown)]).toEqual([
      { _entities: [{ ehrPreview: null }] },
      [['BAD_USER_INPUT', [{ field: 'ehrSystemId', message: 'is not a known EHR system' }]]],
    ]);
  });

  it('previews for another EHR system with the organization’s mapping for it: current, a version, a draft', async () => {
    // Riverside runs Athena; its Allscripts line is the platform's until it publishes its own.
    expect(await preview({ system: 'ehr-allscripts' })).toEqual({
      data: { _entities: [{ ehrPreview: golden('allscripts') }] },
    });
    const withoutPhone = allscriptsV1.filter((f) => f.source !== 'phone');
    const result = await execute(
      service,
      'mutation ($input: EhrMappingInput!) { publishEhrMapping(ehrSystemId: "ehr-allscripts", input: $input) { version } }',
      { input: { fields: withoutPhone } },
      await auth.headers(staff('org-riverside', 'ADMIN')),
    );
    expect(result.data).toEqual({ publishEhrMapping: { version: 2 } });
    const [demographics, ...clinical] = golden('allscripts') as { payload: Record<string, unknown> }[];
    const { PHONE_NUMBER_PAT: _phone, ...payload } = demographics!.payload;
    expect(await preview({ system: 'ehr-allscripts' })).toEqual({
      data: { _entities: [{ ehrPreview: [{ ...demographics, payload }, ...clinical] }] },
    });
    expect(await preview({ system: 'ehr-allscripts', v: 1 })).toEqual({
      data: { _entities: [{ ehrPreview: golden('allscripts') }] },
    });
    expect(await preview({ system: 'ehr-allscripts', draft: { fields: allscriptsV1 } })).toEqual({
      data: { _entities: [{ ehrPreview: golden('allscripts') }] },
    });
    // Lakeside's Allscripts mapping is its own: Riverside's publication changed nothing there.
    const lakeside = await execute(
      service,
      PREVIEW_WITH,
      { r: [patientRepresentation('org-lakeside')], system: 'ehr-allscripts' },
      await auth.headers(staff('org-lakeside')),
    );
    expect(lakeside).toEqual({ data: { _entities: [{ ehrPreview: golden('allscripts') }] } });
  });

  it('validates a draft against the endpoints of the system it previews for', async () => {
    const result = await preview({ system: 'ehr-allscripts', draft: { fields: athenaV1 } });
    expect(result.data).toEqual({ _entities: [{ ehrPreview: null }] });
    const [[code, problems]] = problemsOf(result) as [[string, { field: string; message: string }[]]];
    expect(code).toBe('BAD_USER_INPUT');
    expect(problems).toContainEqual({ field: 'fields[0].endpoint', message: 'is not an endpoint of this EHR system' });
  });

  it('still refuses another organization’s patient and an intake link, whatever the arguments', async () => {
    const other = await execute(
      service,
      PREVIEW_WITH,
      { r: [patientRepresentation('org-lakeside')], draft: { fields: [] }, system: 'ehr-nope' },
      riversideClinician,
    );
    const intake = await preview(
      { draft: { fields: [] } },
      await auth.headers({
        kind: 'intake',
        linkId: 'l3',
        patientId: 'pt-golden',
        organizationId: 'org-riverside',
        questionnaireId: 'q',
      }),
    );
    expect([codes(other), codes(intake)]).toEqual([['FORBIDDEN'], ['FORBIDDEN']]);
  });
});

describe('mapping coverage', () => {
  const UNMAPPED_FIELDS = '{ ehrSystem(id: "ehr-athena") { unmappedFields { name category } } }';
  const UNMAPPED_ITEMS = `query ($r: [_Any!]!) { _entities(representations: $r) {
    ... on Questionnaire { id unmappedItems(ehrSystemId: "ehr-athena") } } }`;
  const questionnaire = {
    __typename: 'Questionnaire',
    id: 'qn-intake-v1',
    items: [
      { linkId: 'symptoms.current', category: 'SYMPTOMS' },
      { linkId: 'social.alcohol', category: 'SOCIAL_HISTORY' },
      { linkId: 'social.tobacco', category: 'SOCIAL_HISTORY' },
      { linkId: 'social.travel', category: 'SOCIAL_HISTORY' },
      { linkId: 'family.conditions', category: 'FAMILY_HISTORY' },
    ],
  };

  it('lists nothing unmapped under the seeded mapping', async () => {
    const fields = await execute(service, UNMAPPED_FIELDS, {}, riversideClinician);
    const items = await execute(service, UNMAPPED_ITEMS, { r: [questionnaire] }, riversideClinician);
    expect([fields.data, items.data]).toEqual([
      { ehrSystem: { unmappedFields: [] } },
      { _entities: [{ id: 'qn-intake-v1', unmappedItems: [] }] },
    ]);
  });

  it('lists the canonical fields and questions a new version leaves out, for that organization only', async () => {
    await publishV2();
    const fields = await execute(service, UNMAPPED_FIELDS, {}, riversideClinician);
    const items = await execute(service, UNMAPPED_ITEMS, { r: [questionnaire] }, riversideClinician);
    expect([fields.data, items.data]).toEqual([
      {
        ehrSystem: {
          unmappedFields: [
            { name: 'phone', category: 'DEMOGRAPHICS' },
            { name: 'socialHistory', category: 'SOCIAL_HISTORY' },
          ],
        },
      },
      // social.tobacco is mapped as a question; its siblings lost their category's field.
      { _entities: [{ id: 'qn-intake-v1', unmappedItems: ['social.alcohol', 'social.travel'] }] },
    ]);
    const hillcrest = await execute(
      service,
      UNMAPPED_ITEMS,
      { r: [questionnaire] },
      await auth.headers(staff('org-hillcrest')),
    );
    expect(hillcrest.data).toEqual({ _entities: [{ id: 'qn-intake-v1', unmappedItems: [] }] });
  });

  it('answers NOT_FOUND for an unknown EHR system, and FORBIDDEN to an intake link', async () => {
    const unknown = await execute(
      service,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Questionnaire { unmappedItems(ehrSystemId: "nope") } } }',
      { r: [questionnaire] },
      riversideClinician,
    );
    const intake = await execute(
      service,
      UNMAPPED_ITEMS,
      { r: [questionnaire] },
      await auth.headers({
        kind: 'intake',
        linkId: 'l2',
        patientId: 'pt-00001',
        organizationId: 'org-riverside',
        questionnaireId: 'qn-intake-v1',
      }),
    );
    expect([codes(unknown), codes(intake)]).toEqual([['NOT_FOUND'], ['FORBIDDEN']]);
  });
});
