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
