import { EHR_SYSTEM_IDS, SEED_EPOCH, SEED_ORGANIZATIONS } from '@carebridge/common';
import { CANONICAL_FIELDS } from './canonical';
import type { EhrSystemRecord, EndpointRecord, FieldMappingRecord, OrganizationRecord } from './records';

/**
 * The two EHR systems the platform starts with, and the organizations that use them.
 *
 * Target keys are the field names each EHR expects (see DOMAIN.md). Endpoints are ours to define
 * per EHR, and differ on purpose: Athena takes each history on its own endpoint, Allscripts groups
 * social and family history and files symptoms with the medical problems.
 */
const TARGETS: Record<string, { athena: string; allscripts: string }> = {
  name: { athena: 'PATIENT_IDENT_NAME', allscripts: 'NAME_OF_PAT' },
  gender: { athena: 'GENDER_OF_PATIENT', allscripts: 'GENDER_PAT' },
  dob: { athena: 'DATE_OF_BIRTH_PATIENT', allscripts: 'BIRTHDATE_OF_PAT' },
  address: { athena: 'PATIENT_LOCATION_ADDRESS', allscripts: 'ADDRESS_PAT' },
  phone: { athena: 'TELEPHONE_NUMBER_PATIENT', allscripts: 'PHONE_NUMBER_PAT' },
  email: { athena: 'PATIENT_EMAIL_ID', allscripts: 'EMAIL_ID_PAT' },
  emergencyContact: { athena: 'EMERGENCY_CONTACT_PATIENT', allscripts: 'EMERGENCY_CONTACT_PAT' },
  insuranceProvider: { athena: 'INSURANCE_PROVIDER_PATIENT', allscripts: 'PROVIDER_INSURANCE_PAT' },
  insurancePolicyNumber: { athena: 'POLICY_NUMBER_INSURANCE_PATIENT', allscripts: 'POLICY_NUM_INSURANCE_PAT' },
  primaryCarePhysician: { athena: 'PRIMARY_CARE_DOCTOR_PATIENT', allscripts: 'PRIMARY_CARE_DOC_PAT' },
  // Symptoms are not in the DOMAIN.md table; the names follow each EHR's own pattern.
  symptoms: { athena: 'SYMPTOMS_CURRENT_PATIENT', allscripts: 'CURRENT_SYMPTOMS_PAT' },
  allergies: { athena: 'ALLERGIES_PATIENT', allscripts: 'ALLERGIES_PAT' },
  currentMedications: { athena: 'PATIENT_MEDICATIONS_CURRENT', allscripts: 'CURRENT_MEDS_PAT' },
  medicalHistory: { athena: 'HISTORY_MEDICAL_PATIENT', allscripts: 'HISTORY_MEDICAL_PAT' },
  socialHistory: { athena: 'HISTORY_SOCIAL_PATIENT', allscripts: 'SOCIAL_HISTORY_PAT' },
  familyHistory: { athena: 'HISTORY_FAMILY_PATIENT', allscripts: 'FAMILY_HISTORY_PAT' },
};

const ATHENA_ENDPOINTS: EndpointRecord[] = [
  { path: '/v1/patients', categories: ['DEMOGRAPHICS', 'INSURANCE', 'CARE_TEAM'] },
  { path: '/v1/patients/{ehrPatientId}/symptoms', categories: ['SYMPTOMS'] },
  { path: '/v1/patients/{ehrPatientId}/allergies', categories: ['ALLERGIES'] },
  { path: '/v1/patients/{ehrPatientId}/medications', categories: ['MEDICATIONS'] },
  { path: '/v1/patients/{ehrPatientId}/history/medical', categories: ['MEDICAL_HISTORY'] },
  { path: '/v1/patients/{ehrPatientId}/history/social', categories: ['SOCIAL_HISTORY'] },
  { path: '/v1/patients/{ehrPatientId}/history/family', categories: ['FAMILY_HISTORY'] },
];

const ALLSCRIPTS_ENDPOINTS: EndpointRecord[] = [
  { path: '/api/patient', categories: ['DEMOGRAPHICS', 'INSURANCE', 'CARE_TEAM'] },
  { path: '/api/patient/{ehrPatientId}/problems', categories: ['SYMPTOMS', 'MEDICAL_HISTORY'] },
  { path: '/api/patient/{ehrPatientId}/allergies', categories: ['ALLERGIES'] },
  { path: '/api/patient/{ehrPatientId}/medications', categories: ['MEDICATIONS'] },
  { path: '/api/patient/{ehrPatientId}/history', categories: ['SOCIAL_HISTORY', 'FAMILY_HISTORY'] },
];

/** Maps every canonical field to `ehr`'s key, sent to the endpoint that takes its category. */
function mappingFields(ehr: 'athena' | 'allscripts', endpoints: readonly EndpointRecord[]): FieldMappingRecord[] {
  return CANONICAL_FIELDS.map((field) => {
    const endpoint = endpoints.find((e) => e.categories.includes(field.category));
    const target = TARGETS[field.name]?.[ehr];
    if (!endpoint || !target) throw new Error(`seed: canonical field ${field.name} has no ${ehr} mapping`);
    return { source: field.name, target, endpoint: endpoint.path };
  });
}

export function seedEhrSystems(): EhrSystemRecord[] {
  return [
    {
      id: EHR_SYSTEM_IDS.athena,
      name: 'Athena',
      baseUrl: 'https://athena.ehr.example',
      endpoints: ATHENA_ENDPOINTS,
      mappings: [{ version: 1, publishedAt: SEED_EPOCH, fields: mappingFields('athena', ATHENA_ENDPOINTS) }],
    },
    {
      id: EHR_SYSTEM_IDS.allscripts,
      name: 'Allscripts',
      baseUrl: 'https://allscripts.ehr.example',
      endpoints: ALLSCRIPTS_ENDPOINTS,
      mappings: [{ version: 1, publishedAt: SEED_EPOCH, fields: mappingFields('allscripts', ALLSCRIPTS_ENDPOINTS) }],
    },
  ];
}

export function seedOrganizations(): OrganizationRecord[] {
  return SEED_ORGANIZATIONS.map((o) => ({ id: o.id, name: o.name, kind: o.kind, ehrSystemId: o.ehrSystemId }));
}
