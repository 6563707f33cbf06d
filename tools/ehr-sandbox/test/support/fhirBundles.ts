/** Fictional FHIR R4 transaction Bundles as the platform sends them, for the sandbox's tests. */

export const MRN_SYSTEM = 'https://carebridge.example/fhir/sid/mrn';
export const PATIENT_URL = 'urn:uuid:5f1d0a6e-0000-4000-8000-000000000001';

export const patient = (overrides: Record<string, unknown> = {}) => ({
  resourceType: 'Patient',
  identifier: [{ system: MRN_SYSTEM, value: 'MRN-0001' }],
  name: [{ family: 'Quintero', given: ['Maria'] }],
  gender: 'female',
  birthDate: '1971-06-30',
  ...overrides,
});

export const patientEntry = (resource: Record<string, unknown> = patient(), mrn = 'MRN-0001') => ({
  fullUrl: PATIENT_URL,
  resource,
  request: { method: 'PUT', url: `Patient?identifier=${MRN_SYSTEM}|${mrn}` },
});

export const allergyEntry = (code = '764146007', display = 'Penicillin') => ({
  fullUrl: `urn:uuid:allergy-${code}`,
  resource: {
    resourceType: 'AllergyIntolerance',
    identifier: [{ system: 'https://carebridge.example/fhir/sid/allergy', value: `MRN-0001-${code}` }],
    code: { coding: [{ system: 'http://snomed.info/sct', code, display }] },
    patient: { reference: PATIENT_URL },
  },
  request: {
    method: 'POST',
    url: 'AllergyIntolerance',
    ifNoneExist: `identifier=https://carebridge.example/fhir/sid/allergy|MRN-0001-${code}`,
  },
});

export const coverageEntry = () => ({
  fullUrl: 'urn:uuid:coverage-1',
  resource: {
    resourceType: 'Coverage',
    identifier: [{ system: 'https://carebridge.example/fhir/sid/policy', value: 'POL-77' }],
    status: 'active',
    beneficiary: { reference: PATIENT_URL },
    payor: [{ display: 'Acme Health' }],
  },
  request: { method: 'PUT', url: 'Coverage?identifier=https://carebridge.example/fhir/sid/policy|POL-77' },
});

export const transaction = (...entry: unknown[]) => ({ resourceType: 'Bundle', type: 'transaction', entry });
