import type { IncomingHttpHeaders } from 'node:http';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SubgraphService } from '@carebridge/common';
import { createTestAuth, execute, staff, type TestAuth } from '@carebridge/common/testing';
import type { Bundle } from '@medplum/fhirtypes';
import type { Context } from '../src/context';
import type { FieldMappingRecord } from '../src/data/records';
import { seedFhirSystem } from '../src/fhir/seed';
import { loadFhirDefinitions, validateBundle } from '../src/fhir/validate';
import { createService } from '../src/server';

const seeded = seedFhirSystem().mappings[0]!.fields;
const PUBLISH = `mutation ($input: EhrMappingInput!) {
  publishEhrMapping(ehrSystemId: "ehr-fhir", input: $input) { version } }`;
const CURRENT = '{ ehrSystem(id: "ehr-fhir") { kind mapping { version } } }';
const CREATE = `mutation ($input: EhrSystemInput!) { createEhrSystem(input: $input) { id kind endpoints { path } } }`;

let auth: TestAuth;
let admin: IncomingHttpHeaders;
let service: SubgraphService<Context>;

beforeAll(async () => {
  auth = await createTestAuth();
  admin = await auth.headers(staff('org-riverside', 'ADMIN'));
  // Reading the R4 definitions takes a few seconds on a busy machine: once, before the tests.
  loadFhirDefinitions();
}, 60_000);

beforeEach(() => {
  service = createService({ verifier: auth.verifier });
});

/** The seeded mapping with the field of `source` changed (or removed, given null). */
const changed = (source: string, change: Partial<FieldMappingRecord> | null): FieldMappingRecord[] =>
  seeded.flatMap((f) => (f.source !== source ? [f] : change === null ? [] : [{ ...f, ...change }]));
const at = (source: string) => seeded.findIndex((f) => f.source === source);

const problems = async (fields: readonly FieldMappingRecord[]) => {
  const result = await execute(service, PUBLISH, { input: { fields } }, admin);
  expect(result.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  return result.errors?.[0]?.extensions?.['problems'];
};

describe('publishing a FHIR R4 mapping', () => {
  it('accepts the seeded mapping, every canonical field and question mapped', async () => {
    expect((await execute(service, PUBLISH, { input: { fields: seeded } }, admin)).data).toEqual({
      publishEhrMapping: { version: 2 },
    });
  });

  it('refuses a date format that makes Patient.birthDate invalid, at the field, and publishes nothing', async () => {
    const fields = changed('dob', { transform: { kind: 'DATE_FORMAT', dateFormat: 'MM/DD/YYYY' } });
    expect(await problems(fields)).toEqual([
      { field: `fields[${at('dob')}].target`, message: 'makes Patient.birthDate invalid FHIR R4: Invalid date format' },
    ]);
    expect((await execute(service, CURRENT, {}, admin)).data).toEqual({
      ehrSystem: { kind: 'FHIR_R4', mapping: { version: 1 } },
    });
  });

  it('refuses a code table that makes Patient.gender a code FHIR does not have', async () => {
    const fields = changed('gender', { transform: { kind: 'CODE_TABLE', codes: [{ from: 'FEMALE', to: 'F' }] } });
    expect(await problems(fields)).toEqual([
      {
        field: `fields[${at('gender')}].target`,
        message: 'makes Patient.gender invalid FHIR R4: must be one of male, female, other, unknown',
      },
    ]);
  });

  it('refuses a Coverage without its payor, naming the missing element', async () => {
    expect(await problems(changed('insuranceProvider', null))).toEqual([
      { field: 'fields', message: 'Coverage.payor: Missing required property' },
    ]);
  });

  it('refuses a source the element does not take and a transform on a structured element', async () => {
    const fields = changed('name', {
      source: 'email',
      transform: { kind: 'CODE_TABLE', codes: [{ from: 'a', to: 'b' }] },
    });
    expect(await problems(fields)).toEqual([
      { field: `fields[${at('name')}].source`, message: 'must be name for Patient.name' },
      { field: `fields[${at('name')}].transform`, message: 'is not supported on Patient.name' },
    ]);
  });

  it('refuses an element path the resource type does not offer, and a required element left unmapped', async () => {
    const fields = [...changed('gender', null), { source: 'phone', target: 'Patient.fax', endpoint: 'Patient' }];
    expect(await problems(fields)).toEqual([
      { field: `fields[${fields.length - 1}].target`, message: 'is not a key Patient accepts' },
      { field: 'fields', message: 'must map Patient.gender, which Patient requires' },
    ]);
  });

  it('takes one QuestionnaireResponse.item per question, and refuses a question mapped twice', async () => {
    const twice = seeded.find((f) => f.source === 'question:social.tobacco')!;
    expect(await problems([...seeded, twice])).toEqual([
      { field: `fields[${seeded.length}].target`, message: 'is already mapped on QuestionnaireResponse' },
    ]);
  });
});

describe('creating a FHIR R4 system', () => {
  it('gives it the FHIR resource types as endpoints and validates its first mapping as FHIR', async () => {
    const input = {
      name: 'Riverside FHIR',
      baseUrl: 'https://fhir.riverside.example/r4',
      kind: 'FHIR_R4',
      endpoints: [],
    };
    const created = await execute(service, CREATE, { input: { ...input, mapping: { fields: seeded } } }, admin);
    expect(created.data?.['createEhrSystem']).toMatchObject({ id: 'ehr-riverside-fhir', kind: 'FHIR_R4' });
    const refused = await execute(
      service,
      CREATE,
      {
        input: {
          ...input,
          name: 'Other FHIR',
          endpoints: [{ path: '/x', categories: ['DEMOGRAPHICS'], keys: [], createsPatient: true }],
          mapping: { fields: changed('dob', { transform: { kind: 'DATE_FORMAT', dateFormat: 'DD.MM.YYYY' } }) },
        },
      },
      admin,
    );
    expect(refused.errors?.[0]?.extensions?.['problems']).toEqual([
      { field: 'endpoints', message: 'must be empty for a FHIR_R4 system' },
      {
        field: `mapping.fields[${at('dob')}].target`,
        message: 'makes Patient.birthDate invalid FHIR R4: Invalid date format',
      },
    ]);
  });
});

describe('validating a Bundle', () => {
  it('names the element paths at fault, never their values', () => {
    const bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        {
          fullUrl: 'urn:uuid:00000000-0000-5000-8000-000000000001',
          resource: { resourceType: 'Patient', gender: 'F', birthDate: 'SECRET-1980', telecom: [] },
          request: { method: 'PUT', url: 'Patient?identifier=x|1' },
        },
      ],
    } as unknown as Bundle;
    const found = validateBundle(bundle);
    expect(found).toEqual([
      { path: 'Bundle.entry[0].resource.telecom', message: 'must not be an empty list' },
      { path: 'Bundle.entry[0].resource.gender', message: 'must be one of male, female, other, unknown' },
      { path: 'Bundle.entry[0].resource.birthDate', message: 'Invalid date format' },
    ]);
    expect(JSON.stringify(found)).not.toContain('SECRET');
  });
});
