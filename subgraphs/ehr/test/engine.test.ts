import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AnswerSnapshot } from '@carebridge/common';
import type { CanonicalRecord, EhrSystemRecord, FieldMappingRecord, MappingVersionRecord } from '../src/data/records';
import { seedEhrSystems } from '../src/data/seed';
import { applyTransform, buildRequests } from '../src/mapping/build';
import { GOLDEN_RECORD } from './fixtures';

const [athena, allscripts] = seedEhrSystems() as [EhrSystemRecord, EhrSystemRecord];

const golden = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./golden/${name}.json`, import.meta.url), 'utf8'));

const version = (fields: FieldMappingRecord[]): MappingVersionRecord => ({
  version: 9,
  publishedAt: '2026-01-05T09:00:00.000Z',
  publishedBy: 'test',
  note: null,
  restoredFrom: null,
  fields,
});

const withAnswers = (answers: AnswerSnapshot[]): CanonicalRecord => ({ patient: GOLDEN_RECORD.patient, answers });

describe('buildRequests against the golden files', () => {
  it('builds exactly athena.json under the seeded Athena mapping', () => {
    expect(buildRequests(GOLDEN_RECORD, athena.mappings[0]!, athena, null)).toEqual(golden('athena'));
  });

  it('builds exactly allscripts.json under the seeded Allscripts mapping', () => {
    expect(buildRequests(GOLDEN_RECORD, allscripts.mappings[0]!, allscripts, null)).toEqual(golden('allscripts'));
  });

  it('is deterministic and leaves its input untouched', () => {
    const before = JSON.stringify(GOLDEN_RECORD);
    const first = buildRequests(GOLDEN_RECORD, athena.mappings[0]!, athena, null);
    expect(buildRequests(GOLDEN_RECORD, athena.mappings[0]!, athena, null)).toEqual(first);
    expect(JSON.stringify(first)).toEqual(JSON.stringify(golden('athena')));
    expect(JSON.stringify(GOLDEN_RECORD)).toEqual(before);
  });
});

describe('buildRequests', () => {
  it('PUTs to the endpoint that creates the patient once the EHR knows it, and POSTs elsewhere', () => {
    const methods = buildRequests(GOLDEN_RECORD, athena.mappings[0]!, athena, 'ath-42').map((r) => [
      r.endpoint,
      r.method,
    ]);
    expect(methods[0]).toEqual(['/v1/patients', 'PUT']);
    expect(methods.slice(1).every(([, method]) => method === 'POST')).toBe(true);
    // The path stays as configured: filling in the id is delivery's job.
    expect(methods[1]).toEqual(['/v1/patients/{ehrPatientId}/symptoms', 'POST']);
  });

  it('omits clinical endpoints with nothing to send, but always sends the patient', () => {
    const onlyNone = withAnswers([
      { linkId: 'allergies.known', category: 'ALLERGIES', value: ['NONE'], display: ['None'] },
      { linkId: 'family.conditions', category: 'FAMILY_HISTORY', value: ['DIABETES'], display: ['Diabetes'] },
    ]);
    expect(buildRequests(onlyNone, allscripts.mappings[0]!, allscripts, null).map((r) => r.endpoint)).toEqual([
      '/api/patient',
      '/api/patient/{ehrPatientId}/history',
    ]);
    // Both histories share the endpoint: the empty one is sent as an empty list next to the other.
    expect(buildRequests(onlyNone, allscripts.mappings[0]!, allscripts, null)[1]!.payload).toEqual({
      SOCIAL_HISTORY_PAT: [],
      FAMILY_HISTORY_PAT: ['DIABETES'],
    });
    const bare = {
      patient: {
        ...GOLDEN_RECORD.patient,
        phone: null,
        email: null,
        address: null,
        emergencyContact: null,
        insurance: null,
        primaryCarePhysician: null,
      },
      answers: [],
    };
    expect(buildRequests(bare, athena.mappings[0]!, athena, null)).toEqual([
      {
        endpoint: '/v1/patients',
        method: 'POST',
        payload: {
          PATIENT_IDENT_NAME: 'Ana Quintero',
          GENDER_OF_PATIENT: 'FEMALE',
          DATE_OF_BIRTH_PATIENT: '1984-07-09',
          PATIENT_LOCATION_ADDRESS: null,
          TELEPHONE_NUMBER_PATIENT: null,
          PATIENT_EMAIL_ID: null,
          EMERGENCY_CONTACT_PATIENT: null,
          INSURANCE_PROVIDER_PATIENT: null,
          POLICY_NUMBER_INSURANCE_PATIENT: null,
          PRIMARY_CARE_DOCTOR_PATIENT: null,
        },
      },
    ]);
  });

  it('sends one question’s value as it is, or null when unanswered, with keys in mapping order', () => {
    const mapping = version([
      {
        source: 'question:social.alcohol.weekly',
        target: 'ALCOHOL',
        endpoint: '/v1/patients/{ehrPatientId}/history/social',
      },
      {
        source: 'question:symptoms.current',
        target: 'SYMPTOM_CODES',
        endpoint: '/v1/patients/{ehrPatientId}/history/social',
      },
      { source: 'question:never.asked', target: 'UNASKED', endpoint: '/v1/patients/{ehrPatientId}/history/social' },
      { source: 'name', target: 'PATIENT_IDENT_NAME', endpoint: '/v1/patients' },
    ]);
    expect(buildRequests(GOLDEN_RECORD, mapping, athena, null)).toEqual([
      { endpoint: '/v1/patients', method: 'POST', payload: { PATIENT_IDENT_NAME: 'Ana Quintero' } },
      {
        endpoint: '/v1/patients/{ehrPatientId}/history/social',
        method: 'POST',
        payload: { ALCOHOL: 2, SYMPTOM_CODES: ['HEADACHE', 'FEVER'], UNASKED: null },
      },
    ]);
    expect(Object.keys(buildRequests(GOLDEN_RECORD, mapping, athena, null)[1]!.payload)).toEqual([
      'ALCOHOL',
      'SYMPTOM_CODES',
      'UNASKED',
    ]);
  });

  it('sends a source to several endpoints when the mapping says so', () => {
    const mapping = version([
      { source: 'name', target: 'PATIENT_IDENT_NAME', endpoint: '/v1/patients' },
      { source: 'name', target: 'WHO', endpoint: '/v1/patients/{ehrPatientId}/allergies' },
      { source: 'allergies', target: 'ALLERGIES_PATIENT', endpoint: '/v1/patients/{ehrPatientId}/allergies' },
    ]);
    expect(buildRequests(withAnswers([]), mapping, athena, null)[1]).toEqual({
      endpoint: '/v1/patients/{ehrPatientId}/allergies',
      method: 'POST',
      payload: { WHO: 'Ana Quintero', ALLERGIES_PATIENT: [] },
    });
  });
});

describe('spreadsheet formulas in what is exported', () => {
  const formula = '=HYPERLINK("http://evil.example","click")';
  const record: CanonicalRecord = {
    patient: {
      ...GOLDEN_RECORD.patient,
      address: { ...GOLDEN_RECORD.patient.address!, line1: '@SUM(A1:A9)' },
      emergencyContact: { name: 'Luis', relationship: '+cmd|/C calc', phone: '+15555550124' },
    },
    answers: [
      { linkId: 'symptoms.duration', category: 'SYMPTOMS', value: formula, display: [formula] },
      { linkId: 'social.notes', category: 'SOCIAL_HISTORY', value: '-2+3+cmd|/C calc', display: [] },
      { linkId: 'medications.current', category: 'MEDICATIONS', value: '\t=1+1', display: [] },
      { linkId: 'history.note', category: 'MEDICAL_HISTORY', value: '- cough at night', display: [] },
      { linkId: 'pain.delta', category: 'SYMPTOMS', value: -5, display: ['-5'] },
    ],
  };

  it("prefixes ' to every answer and record text that starts like a formula, leaving numbers and phones", () => {
    const [patient, symptoms, medications, history, social] = buildRequests(record, athena.mappings[0]!, athena, null);
    expect(patient!.payload).toMatchObject({
      TELEPHONE_NUMBER_PATIENT: '+15555550123',
      PATIENT_LOCATION_ADDRESS: { line1: "'@SUM(A1:A9)", city: 'Springfield' },
      EMERGENCY_CONTACT_PATIENT: { name: 'Luis', relationship: "'+cmd|/C calc", phone: '+15555550124' },
    });
    expect(symptoms!.payload).toEqual({ SYMPTOMS_CURRENT_PATIENT: [`'${formula}`, '-5'] });
    expect(medications!.payload).toEqual({ PATIENT_MEDICATIONS_CURRENT: ["'\t=1+1"] });
    expect(history!.payload).toEqual({ HISTORY_MEDICAL_PATIENT: ["'- cough at night"] });
    expect(social!.payload).toEqual({ HISTORY_SOCIAL_PATIENT: ["'-2+3+cmd|/C calc"] });
    // The record itself is left as it was.
    expect(record.answers[0]!.value).toBe(formula);
  });

  it('neutralizes a single question sent as it is, and leaves numbers alone', () => {
    const mapping = version([
      { source: 'question:symptoms.duration', target: 'DURATION', endpoint: '/v1/patients/{ehrPatientId}/symptoms' },
      { source: 'question:pain.delta', target: 'PAIN', endpoint: '/v1/patients/{ehrPatientId}/symptoms' },
      { source: 'name', target: 'PATIENT_IDENT_NAME', endpoint: '/v1/patients' },
    ]);
    expect(buildRequests(record, mapping, athena, null)[1]!.payload).toEqual({ DURATION: `'${formula}`, PAIN: -5 });
  });
});

describe('value transforms', () => {
  it('rewrites a YYYY-MM-DD date in any layout, and nothing else', () => {
    const to = (dateFormat: string) => ({ kind: 'DATE_FORMAT' as const, dateFormat });
    expect(applyTransform('1984-07-09', to('MM/DD/YYYY'))).toBe('07/09/1984');
    expect(applyTransform('1984-07-09', to('DD.MM.YYYY'))).toBe('09.07.1984');
    expect(applyTransform('1984-07-09', to('YYYYMMDD'))).toBe('19840709');
    expect(applyTransform('09/07/1984', to('MM/DD/YYYY'))).toBe('09/07/1984');
    expect(applyTransform(['1984-07-09'], to('MM/DD/YYYY'))).toEqual(['1984-07-09']);
    expect(applyTransform(null, to('MM/DD/YYYY'))).toBeNull();
  });

  it('replaces a value or each value of a list through a code table, keeping unlisted ones', () => {
    const table = {
      kind: 'CODE_TABLE' as const,
      codes: [
        { from: 'YES', to: 'Y' },
        { from: 'NO', to: 'N' },
      ],
    };
    expect(applyTransform('YES', table)).toBe('Y');
    expect(applyTransform('MAYBE', table)).toBe('MAYBE');
    expect(applyTransform(['NO', 'YES', 'MAYBE'], table)).toEqual(['N', 'Y', 'MAYBE']);
    expect(applyTransform(3, table)).toBe(3);
    expect(applyTransform(null, table)).toBeNull();
  });

  it('applies the seeded Allscripts transforms to every gender', () => {
    for (const [gender, code] of [
      ['FEMALE', 'F'],
      ['MALE', 'M'],
      ['OTHER', 'O'],
      ['UNKNOWN', 'U'],
    ] as const) {
      const record = { patient: { ...GOLDEN_RECORD.patient, gender }, answers: [] };
      expect(buildRequests(record, allscripts.mappings[0]!, allscripts, null)[0]!.payload['GENDER_PAT']).toBe(code);
    }
  });
});
