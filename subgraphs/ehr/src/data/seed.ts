import { EHR_SYSTEM_IDS, SEED_EPOCH, SEED_ORGANIZATIONS } from '@carebridge/common';
import { seedFhirSystem } from '../fhir/seed';
import { CANONICAL_FIELDS } from './canonical';
import type {
  EhrSystemRecord,
  EndpointRecord,
  FieldMappingRecord,
  OrganizationRecord,
  ValueTransformRecord,
} from './records';

/**
 * The EHR systems the platform starts with, and the organizations that use them: Athena and
 * Allscripts (key-value APIs, below) and a FHIR R4 server (`fhir/seed.ts`).
 *
 * Target keys are the field names each EHR expects (the table in docs/domain.md). Endpoints are ours to define
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
  // Neither EHR gave a symptoms key; these follow each EHR's own pattern (docs/domain.md).
  symptoms: { athena: 'SYMPTOMS_CURRENT_PATIENT', allscripts: 'CURRENT_SYMPTOMS_PAT' },
  allergies: { athena: 'ALLERGIES_PATIENT', allscripts: 'ALLERGIES_PAT' },
  currentMedications: { athena: 'PATIENT_MEDICATIONS_CURRENT', allscripts: 'CURRENT_MEDS_PAT' },
  medicalHistory: { athena: 'HISTORY_MEDICAL_PATIENT', allscripts: 'HISTORY_MEDICAL_PAT' },
  socialHistory: { athena: 'HISTORY_SOCIAL_PATIENT', allscripts: 'SOCIAL_HISTORY_PAT' },
  familyHistory: { athena: 'HISTORY_FAMILY_PATIENT', allscripts: 'FAMILY_HISTORY_PAT' },
};

type EndpointSpec = Omit<EndpointRecord, 'keys'>;

const ATHENA_ENDPOINTS: EndpointSpec[] = [
  { path: '/v1/patients', categories: ['DEMOGRAPHICS', 'INSURANCE', 'CARE_TEAM'], createsPatient: true },
  { path: '/v1/patients/{ehrPatientId}/symptoms', categories: ['SYMPTOMS'], createsPatient: false },
  { path: '/v1/patients/{ehrPatientId}/allergies', categories: ['ALLERGIES'], createsPatient: false },
  { path: '/v1/patients/{ehrPatientId}/medications', categories: ['MEDICATIONS'], createsPatient: false },
  { path: '/v1/patients/{ehrPatientId}/history/medical', categories: ['MEDICAL_HISTORY'], createsPatient: false },
  { path: '/v1/patients/{ehrPatientId}/history/social', categories: ['SOCIAL_HISTORY'], createsPatient: false },
  { path: '/v1/patients/{ehrPatientId}/history/family', categories: ['FAMILY_HISTORY'], createsPatient: false },
];

const ALLSCRIPTS_ENDPOINTS: EndpointSpec[] = [
  { path: '/api/patient', categories: ['DEMOGRAPHICS', 'INSURANCE', 'CARE_TEAM'], createsPatient: true },
  { path: '/api/patient/{ehrPatientId}/problems', categories: ['SYMPTOMS', 'MEDICAL_HISTORY'], createsPatient: false },
  { path: '/api/patient/{ehrPatientId}/allergies', categories: ['ALLERGIES'], createsPatient: false },
  { path: '/api/patient/{ehrPatientId}/medications', categories: ['MEDICATIONS'], createsPatient: false },
  {
    path: '/api/patient/{ehrPatientId}/history',
    categories: ['SOCIAL_HISTORY', 'FAMILY_HISTORY'],
    createsPatient: false,
  },
];

/** The canonical fields every EHR requires on the endpoint that creates the patient. */
const REQUIRED_SOURCES = new Set(['name', 'gender', 'dob']);

/**
 * Allscripts takes dates as MM/DD/YYYY and gender as one letter; Athena takes ISO dates and the
 * platform's gender codes as they are.
 */
const TRANSFORMS: Record<string, { athena?: ValueTransformRecord; allscripts?: ValueTransformRecord }> = {
  dob: { allscripts: { kind: 'DATE_FORMAT', dateFormat: 'MM/DD/YYYY' } },
  gender: {
    allscripts: {
      kind: 'CODE_TABLE',
      codes: [
        { from: 'FEMALE', to: 'F' },
        { from: 'MALE', to: 'M' },
        { from: 'OTHER', to: 'O' },
        { from: 'UNKNOWN', to: 'U' },
      ],
    },
  },
};

/** Maps every canonical field to `ehr`'s key, sent to the endpoint that takes its category. */
function mappingFields(ehr: 'athena' | 'allscripts', endpoints: readonly EndpointSpec[]): FieldMappingRecord[] {
  return CANONICAL_FIELDS.map((field) => {
    const endpoint = endpoints.find((e) => e.categories.includes(field.category));
    const target = TARGETS[field.name]?.[ehr];
    if (!endpoint || !target) throw new Error(`seed: canonical field ${field.name} has no ${ehr} mapping`);
    const transform = TRANSFORMS[field.name]?.[ehr];
    return { source: field.name, target, endpoint: endpoint.path, ...(transform ? { transform } : {}) };
  });
}

/** Each endpoint accepts the keys the seeded mapping sends there; name, gender and birth date are required. */
function withKeys(endpoints: readonly EndpointSpec[], fields: readonly FieldMappingRecord[]): EndpointRecord[] {
  return endpoints.map((endpoint) => ({
    ...endpoint,
    keys: fields
      .filter((f) => f.endpoint === endpoint.path)
      .map((f) => ({ name: f.target, required: REQUIRED_SOURCES.has(f.source) })),
  }));
}

function seedSystem(
  id: string,
  name: string,
  ehr: 'athena' | 'allscripts',
  endpoints: EndpointSpec[],
): EhrSystemRecord {
  const fields = mappingFields(ehr, endpoints);
  return {
    id,
    name,
    baseUrl: `https://${ehr}.ehr.example`,
    // The operator's: every organization sees it and may choose it at sign-up.
    shared: true,
    ownerOrganizationId: null,
    kind: 'KEY_VALUE',
    endpoints: withKeys(endpoints, fields),
    mappings: [
      { version: 1, publishedAt: SEED_EPOCH, publishedBy: 'seed', note: 'Initial mapping', restoredFrom: null, fields },
    ],
  };
}

/**
 * The seeded EHR systems. `baseUrls` points them somewhere else than their placeholder hosts: at
 * the EHR sandbox in development and tests (its FHIR server for `fhir`).
 */
export function seedEhrSystems(
  baseUrls: Partial<Record<'athena' | 'allscripts' | 'fhir', string>> = {},
): EhrSystemRecord[] {
  const athena = seedSystem(EHR_SYSTEM_IDS.athena, 'Athena', 'athena', ATHENA_ENDPOINTS);
  const allscripts = seedSystem(EHR_SYSTEM_IDS.allscripts, 'Allscripts', 'allscripts', ALLSCRIPTS_ENDPOINTS);
  return [
    { ...athena, baseUrl: baseUrls.athena ?? athena.baseUrl },
    { ...allscripts, baseUrl: baseUrls.allscripts ?? allscripts.baseUrl },
    seedFhirSystem(baseUrls.fhir),
  ];
}

/** Where the seeded systems point when an EHR sandbox fakes them (`EHR_SANDBOX_URL`, tests). */
export function sandboxBaseUrls(sandboxUrl: string): Record<'athena' | 'allscripts' | 'fhir', string> {
  const base = sandboxUrl.replace(/\/$/, '');
  return { athena: `${base}/athena`, allscripts: `${base}/allscripts`, fhir: `${base}/fhir/r4` };
}

/** The seeded organizations whose EHR system is seeded here: a store refuses any other. */
export function seedOrganizations(): OrganizationRecord[] {
  const seeded = new Set(seedEhrSystems().map((system) => system.id));
  return SEED_ORGANIZATIONS.filter((o) => seeded.has(o.ehrSystemId)).map((o) => ({
    id: o.id,
    name: o.name,
    kind: o.kind,
    ehrSystemId: o.ehrSystemId,
  }));
}
