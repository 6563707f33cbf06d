import { describe, expect, it } from 'vitest';
import { defaultSpecs } from '../src/specs';
import { SandboxStore, UnknownPatientError } from '../src/store';

const demographics = { NAME_OF_PAT: 'Ana', GENDER_PAT: 'F', BIRTHDATE_OF_PAT: '01/02/1990' };

describe('SandboxStore', () => {
  it('numbers patients per EHR with the EHR’s prefix', () => {
    const store = new SandboxStore(defaultSpecs);
    expect(store.createPatient('athena', {})).toBe('ATH-000001');
    expect(store.createPatient('athena', {})).toBe('ATH-000002');
    expect(store.createPatient('allscripts', demographics)).toBe('ALS-000001');
  });

  it('keeps the latest demographics and every clinical body in order, counting writes', () => {
    const store = new SandboxStore(defaultSpecs);
    const id = store.createPatient('allscripts', demographics);
    store.replaceDemographics('allscripts', id, { ...demographics, NAME_OF_PAT: 'Ana B' });
    store.appendClinical('allscripts', id, '/api/patient/{ehrPatientId}/allergies', { ALLERGIES_PAT: 'a' });
    store.appendClinical('allscripts', id, '/api/patient/{ehrPatientId}/allergies', { ALLERGIES_PAT: 'b' });
    expect(store.getPatient('allscripts', id)).toEqual({
      ehrPatientId: id,
      demographics: { ...demographics, NAME_OF_PAT: 'Ana B' },
      clinical: { '/api/patient/{ehrPatientId}/allergies': [{ ALLERGIES_PAT: 'a' }, { ALLERGIES_PAT: 'b' }] },
      writes: 4,
    });
    expect(store.stats().allscripts).toMatchObject({ patients: 1, acceptedWrites: 4 });
    expect(store.stats().athena).toMatchObject({ patients: 0, acceptedWrites: 0 });
  });

  it('keeps its own copies, so callers cannot change what was stored', () => {
    const store = new SandboxStore(defaultSpecs);
    const body = { NAME_OF_PAT: 'Ana' };
    const id = store.createPatient('allscripts', body);
    body.NAME_OF_PAT = 'changed';
    const read = store.getPatient('allscripts', id);
    if (read) read.demographics.NAME_OF_PAT = 'changed too';
    expect(store.getPatient('allscripts', id)?.demographics).toEqual({ NAME_OF_PAT: 'Ana' });
  });

  it('refuses writes to a patient that does not exist in that EHR', () => {
    const store = new SandboxStore(defaultSpecs);
    const id = store.createPatient('athena', {});
    expect(() => store.replaceDemographics('allscripts', id, {})).toThrow(UnknownPatientError);
    expect(() => store.appendClinical('athena', 'ATH-999999', '/x', {})).toThrow(UnknownPatientError);
  });

  it('stores idempotent responses per EHR', () => {
    const store = new SandboxStore(defaultSpecs);
    store.rememberResponse('athena', 'key-1', { status: 201, body: { patientId: 'ATH-000001' } });
    expect(store.storedResponse('athena', 'key-1')).toEqual({ status: 201, body: { patientId: 'ATH-000001' } });
    expect(store.storedResponse('allscripts', 'key-1')).toBeUndefined();
  });

  it('forgets patients, keys and counters on reset, and numbers from 000001 again', () => {
    const store = new SandboxStore(defaultSpecs);
    store.createPatient('athena', {});
    store.rememberResponse('athena', 'key-1', { status: 201, body: {} });
    store.count('athena', 'rejected');
    store.reset();
    expect(store.listPatients('athena')).toEqual([]);
    expect(store.storedResponse('athena', 'key-1')).toBeUndefined();
    expect(store.stats().athena).toEqual({
      patients: 0,
      acceptedWrites: 0,
      rejected: 0,
      injectedFailures: 0,
      idempotentReplays: 0,
    });
    expect(store.createPatient('athena', {})).toBe('ATH-000001');
  });
});
