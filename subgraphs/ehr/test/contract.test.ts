import { readFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SubgraphService } from '@carebridge/common';
import { createTestAuth, execute, normalizeSdl, servedSdl, staff, type TestAuth } from '@carebridge/common/testing';
import type { Context } from '../src/context';
import { createService } from '../src/server';

let service: SubgraphService<Context>;
/** A clinician of Lakeside Clinic: the org of the patient representations below. */
let headers: IncomingHttpHeaders;
let auth: TestAuth;

beforeAll(async () => {
  auth = await createTestAuth();
  service = createService({ verifier: auth.verifier });
  headers = await auth.headers(staff('org-lakeside'));
});

describe('ehr subgraph contract', () => {
  it('serves exactly the SDL of schema.graphql', async () => {
    const file = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');
    expect(await servedSdl(service, headers)).toEqual(normalizeSdl(file));
  });

  it('resolves EhrSystem, Organization and Patient references through _entities', async () => {
    const result = await execute(
      service,
      `query ($representations: [_Any!]!) {
        _entities(representations: $representations) {
          ... on EhrSystem { id name }
          ... on Organization { id name kind }
          ... on Patient { id ehrSystem { id name } }
        }
      }`,
      {
        representations: [
          { __typename: 'EhrSystem', id: 'ehr-allscripts' },
          { __typename: 'EhrSystem', id: 'ehr-unknown' },
          { __typename: 'Organization', id: 'org-lakeside' },
          { __typename: 'Patient', id: 'pt-00001', organization: { id: 'org-lakeside' } },
        ],
      },
      headers,
    );
    expect(result).toEqual({
      data: {
        _entities: [
          { id: 'ehr-allscripts', name: 'Allscripts' },
          null,
          { id: 'org-lakeside', name: 'Lakeside Clinic', kind: 'CLINIC' },
          { id: 'pt-00001', ehrSystem: { id: 'ehr-allscripts', name: 'Allscripts' } },
        ],
      },
    });
  });

  it('lists every EHR system by name with its kind, endpoints and mapping version', async () => {
    const result = await execute(
      service,
      '{ ehrSystems { id name kind endpoints { path } mapping { version } } }',
      {},
      headers,
    );
    expect(
      result.data?.['ehrSystems'] as { id: string; name: string; endpoints: unknown[]; mapping: { version: number } }[],
    ).toMatchObject([
      { id: 'ehr-allscripts', name: 'Allscripts', kind: 'KEY_VALUE', mapping: { version: 1 } },
      { id: 'ehr-athena', name: 'Athena', kind: 'KEY_VALUE', mapping: { version: 1 } },
      {
        id: 'ehr-fhir',
        name: 'FHIR R4 (Harbor EHR)',
        kind: 'FHIR_R4',
        endpoints: [
          { path: 'Patient' },
          { path: 'Coverage' },
          { path: 'AllergyIntolerance' },
          { path: 'MedicationStatement' },
          { path: 'Condition' },
          { path: 'FamilyMemberHistory' },
          { path: 'Observation' },
          { path: 'QuestionnaireResponse' },
        ],
        mapping: { version: 1 },
      },
    ]);
  });

  it('lists the caller’s own organization with the EHR it runs', async () => {
    const result = await execute(service, '{ organizations { id name ehrSystem { name } } }', {}, headers);
    expect(result).toEqual({
      data: { organizations: [{ id: 'org-lakeside', name: 'Lakeside Clinic', ehrSystem: { name: 'Allscripts' } }] },
    });
  });

  it('answers null for an unknown EHR system or organization', async () => {
    const result = await execute(
      service,
      '{ ehrSystem(id: "nope") { id } organization(id: "nope") { id } }',
      {},
      headers,
    );
    expect(result).toEqual({ data: { ehrSystem: null, organization: null } });
  });

  it('gives a patient of an unknown organization a NOT_FOUND error, not a guessed EHR', async () => {
    const result = await execute(
      service,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Patient { ehrSystem { id } } } }',
      { r: [{ __typename: 'Patient', id: 'pt-1', organization: { id: 'org-gone' } }] },
      await auth.headers(staff('org-gone')),
    );
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
  });
});
