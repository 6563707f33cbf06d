import { describe, expect, it } from 'vitest';
import { allscripts, athena, type EhrSpec, type EndpointSpec } from '../src/specs';
import { SandboxStore } from '../src/store';
import { processWrite } from '../src/writes';

const endpoint = (ehr: EhrSpec, method: string, path: string): EndpointSpec => {
  const found = ehr.endpoints.find((candidate) => candidate.method === method && candidate.path === path);
  if (!found) throw new Error(`no ${method} ${path}`);
  return found;
};
const create = endpoint(athena, 'POST', '/v1/patients');
const update = endpoint(athena, 'PUT', '/v1/patients/{ehrPatientId}');
const allergies = endpoint(athena, 'POST', '/v1/patients/{ehrPatientId}/allergies');
const patient = { PATIENT_IDENT_NAME: 'Ana', GENDER_OF_PATIENT: 'FEMALE', DATE_OF_BIRTH_PATIENT: '1990-01-02' };

describe('processWrite', () => {
  it('creates with 201 and updates and appends with 200, answering the patient id', () => {
    const store = new SandboxStore([athena]);
    const created = processWrite(store, { ehr: athena, endpoint: create, idempotencyKey: 'a', body: patient });
    expect(created).toEqual({ status: 201, body: { patientId: 'ATH-000001' }, replayed: false });
    const base = { ehr: athena, ehrPatientId: 'ATH-000001' };
    expect(processWrite(store, { ...base, endpoint: update, idempotencyKey: 'b', body: patient }).status).toBe(200);
    expect(
      processWrite(store, { ...base, endpoint: allergies, idempotencyKey: 'c', body: { ALLERGIES_PATIENT: [] } }),
    ).toEqual({ status: 200, body: { patientId: 'ATH-000001' }, replayed: false });
    expect(store.getPatient('athena', 'ATH-000001')?.writes).toBe(3);
  });

  it('refuses a write without an Idempotency-Key with 400 and records nothing', () => {
    const store = new SandboxStore([athena]);
    for (const idempotencyKey of [undefined, '', '   ']) {
      expect(processWrite(store, { ehr: athena, endpoint: create, idempotencyKey, body: patient }).status).toBe(400);
    }
    expect(store.stats().athena).toMatchObject({ patients: 0, acceptedWrites: 0, rejected: 3 });
  });

  it('replays the stored response for a repeated key even when the body differs, changing nothing', () => {
    const store = new SandboxStore([athena]);
    const first = processWrite(store, { ehr: athena, endpoint: create, idempotencyKey: 'same', body: patient });
    const again = processWrite(store, {
      ehr: athena,
      endpoint: create,
      idempotencyKey: 'same',
      body: { ...patient, PATIENT_IDENT_NAME: 'Someone else' },
    });
    expect(again).toEqual({ status: first.status, body: first.body, replayed: true });
    expect(store.listPatients('athena')).toHaveLength(1);
    expect(store.getPatient('athena', 'ATH-000001')?.demographics.PATIENT_IDENT_NAME).toBe('Ana');
    expect(store.stats().athena).toMatchObject({ acceptedWrites: 1, idempotentReplays: 1 });
  });

  it('scopes keys per EHR', () => {
    const store = new SandboxStore([athena, allscripts]);
    processWrite(store, { ehr: athena, endpoint: create, idempotencyKey: 'shared', body: patient });
    const other = processWrite(store, {
      ehr: allscripts,
      endpoint: endpoint(allscripts, 'POST', '/api/patient'),
      idempotencyKey: 'shared',
      body: { NAME_OF_PAT: 'Ana', GENDER_PAT: 'F', BIRTHDATE_OF_PAT: '01/02/1990' },
    });
    expect(other).toEqual({ status: 201, body: { patientId: 'ALS-000001' }, replayed: false });
  });

  it('does not consume the key when the request is refused, so a corrected retry goes through', () => {
    const store = new SandboxStore([athena]);
    const refused = processWrite(store, { ehr: athena, endpoint: create, idempotencyKey: 'k', body: {} });
    expect(refused.status).toBe(422);
    const retried = processWrite(store, { ehr: athena, endpoint: create, idempotencyKey: 'k', body: patient });
    expect(retried).toEqual({ status: 201, body: { patientId: 'ATH-000001' }, replayed: false });
  });

  it('answers 404 Unknown patient for an id this EHR never issued, before validating', () => {
    const store = new SandboxStore([athena]);
    const outcome = processWrite(store, {
      ehr: athena,
      endpoint: allergies,
      ehrPatientId: 'ATH-000404',
      idempotencyKey: 'k',
      body: { NOT_A_KEY: 1 },
    });
    expect(outcome).toEqual({ status: 404, body: { error: 'Unknown patient' }, replayed: false });
  });

  it('answers 422 naming every problem without the submitted values', () => {
    const store = new SandboxStore([athena]);
    const outcome = processWrite(store, {
      ehr: athena,
      endpoint: create,
      idempotencyKey: 'k',
      body: { PATIENT_IDENT_NAME: 'Ana', GENDER_OF_PATIENT: 'Female-ish', SSN: '123-45-6789' },
    });
    expect(outcome.status).toBe(422);
    expect(outcome.body.problems).toEqual([
      { key: 'SSN', message: 'is not accepted by this endpoint' },
      { key: 'GENDER_OF_PATIENT', message: 'must be one of FEMALE, MALE, OTHER, UNKNOWN' },
      { key: 'DATE_OF_BIRTH_PATIENT', message: 'is required' },
    ]);
    expect(JSON.stringify(outcome.body)).not.toMatch(/Female-ish|123-45-6789|Ana/);
  });
});
