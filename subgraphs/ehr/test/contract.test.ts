import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { execute, normalizeSdl, servedSdl } from '@carebridge/common/testing';
import { createService } from '../src/server';

const service = createService();

describe('ehr subgraph contract', () => {
  it('serves exactly the SDL of schema.graphql', async () => {
    const file = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');
    expect(await servedSdl(service)).toEqual(normalizeSdl(file));
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
          { __typename: 'Organization', id: 'org-riverside' },
          { __typename: 'Patient', id: 'pt-00001', organization: { id: 'org-lakeside' } },
        ],
      },
    );
    expect(result).toEqual({
      data: {
        _entities: [
          { id: 'ehr-allscripts', name: 'Allscripts' },
          null,
          { id: 'org-riverside', name: 'Riverside Hospital', kind: 'HOSPITAL' },
          { id: 'pt-00001', ehrSystem: { id: 'ehr-allscripts', name: 'Allscripts' } },
        ],
      },
    });
  });

  it('lists organizations by name with the EHR each one runs', async () => {
    const result = await execute(service, '{ organizations { id name ehrSystem { name } } }');
    expect(result).toEqual({
      data: {
        organizations: [
          { id: 'org-hillcrest', name: 'Hillcrest Family Practice', ehrSystem: { name: 'Athena' } },
          { id: 'org-lakeside', name: 'Lakeside Clinic', ehrSystem: { name: 'Allscripts' } },
          { id: 'org-riverside', name: 'Riverside Hospital', ehrSystem: { name: 'Athena' } },
        ],
      },
    });
  });

  it('answers null for an unknown EHR system or organization', async () => {
    const result = await execute(service, '{ ehrSystem(id: "nope") { id } organization(id: "nope") { id } }');
    expect(result).toEqual({ data: { ehrSystem: null, organization: null } });
  });

  it('gives a patient of an unknown organization a NOT_FOUND error, not a guessed EHR', async () => {
    const result = await execute(
      service,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Patient { ehrSystem { id } } } }',
      { r: [{ __typename: 'Patient', id: 'pt-1', organization: { id: 'org-gone' } }] },
    );
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
  });
});
