import { describe, expect, it } from 'vitest';
import {
  BODY_KEY,
  allscripts,
  athena,
  defaultSpecs,
  isoDate,
  matchRoute,
  usDate,
  validateBody,
  type EhrSpec,
  type EndpointSpec,
} from '../src/specs';

const endpoint = (ehr: EhrSpec, method: string, path: string): EndpointSpec => {
  const found = ehr.endpoints.find((candidate) => candidate.method === method && candidate.path === path);
  if (!found) throw new Error(`no ${method} ${path} in ${ehr.id}`);
  return found;
};

const athenaCreate = endpoint(athena, 'POST', '/v1/patients');
const allscriptsCreate = endpoint(allscripts, 'POST', '/api/patient');
const athenaSymptoms = endpoint(athena, 'POST', '/v1/patients/{ehrPatientId}/symptoms');
const allscriptsHistory = endpoint(allscripts, 'POST', '/api/patient/{ehrPatientId}/history');

const validAthena = {
  PATIENT_IDENT_NAME: 'Ana Lima',
  GENDER_OF_PATIENT: 'FEMALE',
  DATE_OF_BIRTH_PATIENT: '1984-02-29',
};
const validAllscripts = { NAME_OF_PAT: 'Ana Lima', GENDER_PAT: 'F', BIRTHDATE_OF_PAT: '02/29/1984' };

describe('date validators', () => {
  it('accept real days in their own format only', () => {
    expect(isoDate('1984-02-29')).toBeUndefined();
    expect(isoDate('1985-02-29')).toBeDefined();
    expect(isoDate('02/29/1984')).toBeDefined();
    expect(isoDate(19840229)).toBeDefined();
    expect(usDate('02/29/1984')).toBeUndefined();
    expect(usDate('13/01/1984')).toBeDefined();
    expect(usDate('1984-02-29')).toBeDefined();
  });
});

describe('validateBody', () => {
  it('accepts complete demographics for both EHRs, optional keys with any JSON value including null', () => {
    expect(
      validateBody(athenaCreate, { ...validAthena, PATIENT_EMAIL_ID: null, PATIENT_LOCATION_ADDRESS: {} }),
    ).toEqual([]);
    expect(validateBody(allscriptsCreate, { ...validAllscripts, PHONE_NUMBER_PAT: ['1'], ADDRESS_PAT: null })).toEqual(
      [],
    );
  });

  it('names an unknown key (Athena and Allscripts)', () => {
    expect(validateBody(athenaCreate, { ...validAthena, NAME_OF_PAT: 'x' })).toEqual([
      { key: 'NAME_OF_PAT', message: 'is not accepted by this endpoint' },
    ]);
    expect(validateBody(allscriptsCreate, { ...validAllscripts, PATIENT_IDENT_NAME: 'x' })).toEqual([
      { key: 'PATIENT_IDENT_NAME', message: 'is not accepted by this endpoint' },
    ]);
  });

  it('names every missing required key', () => {
    expect(validateBody(athenaCreate, {}).map((p) => p.key)).toEqual([
      'PATIENT_IDENT_NAME',
      'GENDER_OF_PATIENT',
      'DATE_OF_BIRTH_PATIENT',
    ]);
    expect(validateBody(allscriptsCreate, { NAME_OF_PAT: 'x' })).toEqual([
      { key: 'GENDER_PAT', message: 'is required' },
      { key: 'BIRTHDATE_OF_PAT', message: 'is required' },
    ]);
  });

  it('refuses a date written in the other EHR’s format', () => {
    expect(validateBody(athenaCreate, { ...validAthena, DATE_OF_BIRTH_PATIENT: '02/29/1984' })).toEqual([
      { key: 'DATE_OF_BIRTH_PATIENT', message: 'must be a date written YYYY-MM-DD' },
    ]);
    expect(validateBody(allscriptsCreate, { ...validAllscripts, BIRTHDATE_OF_PAT: '1984-02-29' })).toEqual([
      { key: 'BIRTHDATE_OF_PAT', message: 'must be a date written MM/DD/YYYY' },
    ]);
  });

  it('refuses genders outside each EHR’s code list and empty or null names', () => {
    expect(validateBody(athenaCreate, { ...validAthena, GENDER_OF_PATIENT: 'F', PATIENT_IDENT_NAME: ' ' })).toEqual([
      { key: 'PATIENT_IDENT_NAME', message: 'must be a non-empty string' },
      { key: 'GENDER_OF_PATIENT', message: 'must be one of FEMALE, MALE, OTHER, UNKNOWN' },
    ]);
    expect(validateBody(allscriptsCreate, { ...validAllscripts, GENDER_PAT: 'FEMALE', NAME_OF_PAT: null })).toEqual([
      { key: 'NAME_OF_PAT', message: 'must be a non-empty string' },
      { key: 'GENDER_PAT', message: 'must be one of M, F, O, U' },
    ]);
  });

  it('refuses a body that is not a JSON object', () => {
    for (const body of [undefined, null, 'text', 42, [validAthena]]) {
      expect(validateBody(athenaCreate, body)).toEqual([{ key: BODY_KEY, message: 'must be a JSON object' }]);
    }
  });

  it('needs at least one accepted key on clinical endpoints, and accepts any one of them', () => {
    expect(validateBody(athenaSymptoms, {})).toEqual([
      { key: BODY_KEY, message: 'must contain at least one of SYMPTOMS_CURRENT_PATIENT' },
    ]);
    expect(validateBody(athenaSymptoms, { SYMPTOMS_CURRENT_PATIENT: ['cough'] })).toEqual([]);
    expect(validateBody(allscriptsHistory, { FAMILY_HISTORY_PAT: 'none' })).toEqual([]);
    expect(validateBody(allscriptsHistory, { SYMPTOMS_CURRENT_PATIENT: 'x' }).map((p) => p.key)).toEqual([
      'SYMPTOMS_CURRENT_PATIENT',
      BODY_KEY,
    ]);
  });

  it('never repeats a submitted value in its problems', () => {
    const secret = 'Zelda-Secret-1999';
    const problems = validateBody(athenaCreate, {
      PATIENT_IDENT_NAME: 42,
      GENDER_OF_PATIENT: secret,
      DATE_OF_BIRTH_PATIENT: secret,
      EXTRA: secret,
    });
    expect(problems).toHaveLength(4);
    expect(JSON.stringify(problems)).not.toContain(secret);
    expect(JSON.stringify(problems)).not.toContain('42');
  });
});

describe('matchRoute', () => {
  it('finds the endpoints of a path and the patient id in it', () => {
    const match = matchRoute(defaultSpecs, '/athena/v1/patients/ATH-000007/history/family');
    expect(match?.ehr.id).toBe('athena');
    expect(match?.ehrPatientId).toBe('ATH-000007');
    expect(match?.endpoints.map((e) => `${e.method} ${e.path}`)).toEqual([
      'POST /v1/patients/{ehrPatientId}/history/family',
    ]);
  });

  it('answers undefined for paths no endpoint has, even under a known base path', () => {
    expect(matchRoute(defaultSpecs, '/athena/v1/patients/ATH-1/unknown')).toBeUndefined();
    expect(matchRoute(defaultSpecs, '/athena/v1/patients/ATH-1/history')).toBeUndefined();
    expect(matchRoute(defaultSpecs, '/allscripts/api/patients')).toBeUndefined();
    expect(matchRoute(defaultSpecs, '/epic/api/patient')).toBeUndefined();
    expect(matchRoute(defaultSpecs, '/athenaX/v1/patients')).toBeUndefined();
  });

  it('serves a third EHR from data alone', () => {
    const third: EhrSpec = {
      id: 'cerner',
      basePath: '/cerner',
      idPrefix: 'CER',
      endpoints: [{ path: '/p/{ehrPatientId}/notes', method: 'POST', action: 'append', keys: [{ key: 'NOTE' }] }],
    };
    const match = matchRoute([...defaultSpecs, third], '/cerner/p/CER-000001/notes');
    expect(match?.ehr.id).toBe('cerner');
    expect(match?.ehrPatientId).toBe('CER-000001');
  });
});
