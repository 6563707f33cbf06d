import type { Viewer } from '@carebridge/common';

/** The EHR systems the ehr subgraph seeds, as `GET /auth/ehr-systems` lists them. */
export const SEEDED_EHR_SYSTEMS = [
  { id: 'ehr-allscripts', name: 'Allscripts' },
  { id: 'ehr-athena', name: 'Athena' },
  { id: 'ehr-fhir', name: 'FHIR R4 (Harbor EHR)' },
];

export const RIVERSIDE_ADMIN: Viewer = {
  kind: 'staff',
  userId: 'user-ra',
  organizationId: 'org-riverside',
  role: 'ADMIN',
};

export const CREATE_EHR_SYSTEM = 'mutation ($input: EhrSystemInput!) { createEhrSystem(input: $input) { id } }';

/** A minimal valid new EHR system: one endpoint, which creates the patient, and one mapped field. */
export function newEhrSystemInput(name: string) {
  return {
    name,
    baseUrl: 'https://ehr.example',
    endpoints: [
      {
        path: '/persons',
        categories: ['DEMOGRAPHICS'],
        keys: [{ name: 'PERSON_NAME', required: true }],
        createsPatient: true,
      },
    ],
    mapping: { fields: [{ source: 'name', target: 'PERSON_NAME', endpoint: '/persons' }] },
  };
}
