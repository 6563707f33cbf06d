import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_PATIENT_COUNT, seedPatientOrganizationId } from '@carebridge/common';
import { execute } from '@carebridge/common/testing';
import { RIVERSIDE_CLINICIAN, startLocalSupergraph, type LocalSupergraph } from '../../scripts/lib/stack/inProcess';

const LAKESIDE_ADMIN = { kind: 'staff', userId: 'user-la', organizationId: 'org-lakeside', role: 'ADMIN' } as const;

const RIVERSIDE_PATIENTS = Array.from({ length: SEED_PATIENT_COUNT }, (_, i) => seedPatientOrganizationId(i)).filter(
  (org) => org === 'org-riverside',
).length;

/** The query from the supergraph issue: one request touching all three subgraphs. */
const PATIENT_LIST = /* GraphQL */ `
  {
    patients(first: 20) {
      totalCount
      nodes {
        id
        firstName
        lastName
        organization {
          name
          ehrSystem {
            name
          }
        }
        clinicalHistory {
          allergies
        }
        ehrSystem {
          name
        }
      }
    }
  }
`;

interface PatientRow {
  id: string;
  firstName: string;
  lastName: string;
  organization: { name: string; ehrSystem: { name: string } };
  clinicalHistory: { allergies: string[] };
  ehrSystem: { name: string };
}

describe('supergraph through the real gateway (subgraphs in-process)', () => {
  let graph: LocalSupergraph;
  beforeAll(async () => {
    graph = await startLocalSupergraph();
  });
  afterAll(() => graph.stop());

  it('answers the cross-subgraph patient list with data from all three subgraphs', async () => {
    const result = await graph.query<{ patients: { totalCount: number; nodes: PatientRow[] } }>(PATIENT_LIST);
    expect(result.errors).toBeUndefined();
    const { totalCount, nodes } = result.data!.patients;
    // A Riverside clinician sees Riverside's patients only.
    expect(totalCount).toBe(RIVERSIDE_PATIENTS);
    expect(nodes).toHaveLength(20);

    // Each part of every row must be what the subgraph owning it says on its own.
    const ids = nodes.map((n) => n.id);
    const headers = { authorization: `Bearer ${await graph.tokenFor(RIVERSIDE_CLINICIAN)}` };
    const own = await execute<{
      _entities: { id: string; firstName: string; lastName: string; organization: { id: string } }[];
    }>(
      graph.services.patient,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Patient { id firstName lastName organization { id } } } }',
      { r: ids.map((id) => ({ __typename: 'Patient', id })) },
      headers,
    );
    const clinical = await execute<{ _entities: { clinicalHistory: { allergies: string[] } }[] }>(
      graph.services.clinical,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Patient { clinicalHistory { allergies } } } }',
      { r: ids.map((id) => ({ __typename: 'Patient', id })) },
      headers,
    );
    const organizations = await execute<{ organizations: { id: string; name: string; ehrSystem: { name: string } }[] }>(
      graph.services.ehr,
      '{ organizations { id name ehrSystem { name } } }',
      {},
      headers,
    );
    const orgById = new Map(organizations.data!.organizations.map((o) => [o.id, o]));
    const expected = own.data!._entities.map((p, i) => {
      const org = orgById.get(p.organization.id)!;
      return {
        id: p.id,
        firstName: p.firstName,
        lastName: p.lastName,
        organization: { name: org.name, ehrSystem: org.ehrSystem },
        clinicalHistory: clinical.data!._entities[i]!.clinicalHistory,
        ehrSystem: org.ehrSystem,
      };
    });
    expect(nodes).toEqual(expected);
  });

  it('sends each organization’s patients to that organization’s EHR', async () => {
    const lakeside = { ...RIVERSIDE_CLINICIAN, userId: 'user-lc', organizationId: 'org-lakeside' } as const;
    const asRiverside = await graph.query<{ patients: { nodes: PatientRow[] } }>(PATIENT_LIST);
    const asLakeside = await graph.query<{ patients: { nodes: PatientRow[] } }>(PATIENT_LIST, {}, lakeside);
    const pairs = (rows: PatientRow[]) => [
      ...new Set(rows.map((n) => `${n.organization.name} -> ${n.ehrSystem.name}`)),
    ];
    expect([pairs(asRiverside.data!.patients.nodes), pairs(asLakeside.data!.patients.nodes)]).toEqual([
      ['Riverside Hospital -> Athena'],
      ['Lakeside Clinic -> Allscripts'],
    ]);
  });

  it('shows the answers of seeded patients in their clinical history', async () => {
    const result = await graph.query<{ patients: { nodes: PatientRow[] } }>(
      '{ patients(first: 100) { nodes { id clinicalHistory { allergies } } } }',
    );
    const withAllergies = result.data!.patients.nodes.filter((n) => n.clinicalHistory.allergies.length > 0);
    expect(withAllergies.length).toBeGreaterThan(0);
  });

  it('creates a patient through the gateway and reads it back with its EHR and empty history', async () => {
    const created = await graph.query<{ createPatient: { id: string; version: number } }>(
      `mutation ($input: PatientInput!) { createPatient(input: $input) { id version } }`,
      {
        input: {
          firstName: 'Ana',
          lastName: 'Quintero',
          gender: 'FEMALE',
          dateOfBirth: '1990-04-12',
          email: 'ana.quintero@example.test',
          preferredLanguage: 'ES',
        },
      },
      LAKESIDE_ADMIN,
    );
    expect(created.errors).toBeUndefined();
    const id = created.data!.createPatient.id;
    const read = await graph.query(
      `query ($id: ID!) { patient(id: $id) { firstName preferredLanguage version ehrSystem { name }
         organization { name } clinicalHistory(lang: ES) { allergies } questionnaireResponses { id } } }`,
      { id },
      LAKESIDE_ADMIN,
    );
    expect(read).toEqual({
      data: {
        patient: {
          firstName: 'Ana',
          preferredLanguage: 'ES',
          version: 1,
          ehrSystem: { name: 'Allscripts' },
          organization: { name: 'Lakeside Clinic' },
          clinicalHistory: { allergies: [] },
          questionnaireResponses: [],
        },
      },
    });
  });

  it('passes a subgraph’s validation error through with its code and problems', async () => {
    const result = await graph.query(
      `mutation { createPatient(input: { firstName: "", lastName: "Doe",
         gender: UNKNOWN, dateOfBirth: "1980-01-01" }) { id } }`,
    );
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain('firstName');
  });

  it('returns null for an unknown patient id', async () => {
    expect(await graph.query('{ patient(id: "pt-nope") { id ehrSystem { name } } }')).toEqual({
      data: { patient: null },
    });
  });
});
