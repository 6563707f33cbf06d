import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSandbox, type RunningSandbox, type Sandbox } from '../src/server';

/** Over real HTTP on port 0: the imitated EHR APIs and the control API. */

let sandbox: Sandbox;
let running: RunningSandbox;

beforeAll(async () => {
  sandbox = createSandbox();
  running = await sandbox.listen(0);
});
afterAll(() => running.close());

const noFaults = { failureRate: 0, retryAfterRate: 0, lostResponseRate: 0, retryAfterSeconds: 1, delayMs: 0, seed: 1 };

beforeEach(async () => {
  await control('PUT', '/faults', noFaults);
  await control('POST', '/reset');
});

let keyCounter = 0;
const freshKey = (): string => `key-${++keyCounter}`;

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(running.url + path, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: text ? JSON.parse(text) : undefined };
}

/** A write with its own Idempotency-Key unless one is given. */
const write = (method: string, path: string, body: unknown, key: string = freshKey()) =>
  call(method, path, body, { 'idempotency-key': key });

const control = (method: string, path: string, body?: unknown) => call(method, `/_sandbox${path}`, body);

const athenaPatient = {
  PATIENT_IDENT_NAME: 'Maria Quintero',
  GENDER_OF_PATIENT: 'FEMALE',
  DATE_OF_BIRTH_PATIENT: '1971-06-30',
  PATIENT_EMAIL_ID: 'maria@example.test',
  PRIMARY_CARE_DOCTOR_PATIENT: null,
};
const allscriptsPatient = {
  NAME_OF_PAT: 'Maria Quintero',
  GENDER_PAT: 'F',
  BIRTHDATE_OF_PAT: '06/30/1971',
  PHONE_NUMBER_PAT: '+1 555 0100',
};

const ehrs = [
  {
    id: 'athena',
    create: '/athena/v1/patients',
    patient: athenaPatient,
    nameKey: 'PATIENT_IDENT_NAME',
    dateKey: 'DATE_OF_BIRTH_PATIENT',
    wrongDate: '06/30/1971',
    prefix: 'ATH',
  },
  {
    id: 'allscripts',
    create: '/allscripts/api/patient',
    patient: allscriptsPatient,
    nameKey: 'NAME_OF_PAT',
    dateKey: 'BIRTHDATE_OF_PAT',
    wrongDate: '1971-06-30',
    prefix: 'ALS',
  },
] as const;

describe('EHR sandbox over HTTP', () => {
  it('listens on the port it was given and answers its health check', async () => {
    expect(running.url).toBe(`http://127.0.0.1:${running.port}`);
    expect(running.port).toBeGreaterThan(0);
    expect(await control('GET', '/health')).toMatchObject({ status: 200, json: { status: 'ok' } });
  });

  it('Athena: creates, updates, takes clinical posts, and shows them through the control API', async () => {
    const created = await write('POST', '/athena/v1/patients', athenaPatient);
    expect(created).toMatchObject({ status: 201, json: { patientId: 'ATH-000001' } });

    const updated = { ...athenaPatient, PATIENT_IDENT_NAME: 'Maria Q. Lopez', PATIENT_EMAIL_ID: null };
    expect(await write('PUT', '/athena/v1/patients/ATH-000001', updated)).toMatchObject({
      status: 200,
      json: { patientId: 'ATH-000001' },
    });
    const symptoms = { SYMPTOMS_CURRENT_PATIENT: ['headache', 'fever'] };
    const family = { HISTORY_FAMILY_PATIENT: 'diabetes (mother)' };
    expect((await write('POST', '/athena/v1/patients/ATH-000001/symptoms', symptoms)).status).toBe(200);
    expect((await write('POST', '/athena/v1/patients/ATH-000001/history/family', family)).status).toBe(200);
    expect(
      (await write('POST', '/athena/v1/patients/ATH-000001/symptoms', { SYMPTOMS_CURRENT_PATIENT: [] })).status,
    ).toBe(200);

    const read = await control('GET', '/ehrs/athena/patients/ATH-000001');
    expect(read).toMatchObject({ status: 200 });
    expect(read.json).toEqual({
      ehrPatientId: 'ATH-000001',
      demographics: updated,
      clinical: {
        '/v1/patients/{ehrPatientId}/symptoms': [symptoms, { SYMPTOMS_CURRENT_PATIENT: [] }],
        '/v1/patients/{ehrPatientId}/history/family': [family],
      },
      writes: 5,
    });
    expect((await control('GET', '/ehrs/athena/patients')).json).toEqual([read.json]);
    expect((await control('GET', '/stats')).json.athena).toEqual({
      patients: 1,
      acceptedWrites: 5,
      rejected: 0,
      injectedFailures: 0,
      idempotentReplays: 0,
    });
  });

  it('Allscripts: creates, updates, takes clinical posts, and shows them through the control API', async () => {
    expect(await write('POST', '/allscripts/api/patient', allscriptsPatient)).toMatchObject({
      status: 201,
      json: { patientId: 'ALS-000001' },
    });
    const updated = { ...allscriptsPatient, GENDER_PAT: 'U' };
    expect((await write('PUT', '/allscripts/api/patient/ALS-000001', updated)).status).toBe(200);
    const problems = { CURRENT_SYMPTOMS_PAT: 'cough', HISTORY_MEDICAL_PAT: 'asthma' };
    expect(await write('POST', '/allscripts/api/patient/ALS-000001/problems', problems)).toMatchObject({
      status: 200,
      json: { patientId: 'ALS-000001' },
    });

    const read = await control('GET', '/ehrs/allscripts/patients/ALS-000001');
    expect(read.json).toEqual({
      ehrPatientId: 'ALS-000001',
      demographics: updated,
      clinical: { '/api/patient/{ehrPatientId}/problems': [problems] },
      writes: 3,
    });
    expect((await control('GET', '/ehrs/athena/patients')).json).toEqual([]);
  });

  describe.each(ehrs)('$id validation', (ehr) => {
    const expectRefusedWithoutValues = async (body: Record<string, unknown>, problem: { key: string }) => {
      const response = await write('POST', ehr.create, body);
      expect(response.status).toBe(422);
      expect(response.json.error).toEqual(expect.any(String));
      expect(response.json.problems).toContainEqual({ key: problem.key, message: expect.any(String) });
      // Every distinctive value (names, dates, phone, SSN); one-letter codes like `F` are not checkable.
      const values = Object.values(body).filter((value): value is string => typeof value === 'string');
      const distinctive = values.filter((value) => value.length > 3);
      expect(distinctive.length).toBeGreaterThanOrEqual(2);
      for (const value of distinctive) expect(response.text).not.toContain(value);
      expect((await control('GET', `/ehrs/${ehr.id}/patients`)).json).toEqual([]);
    };

    it('answers 422 naming an unknown key', async () => {
      await expectRefusedWithoutValues(
        { ...ehr.patient, SOCIAL_SECURITY_NO: '078-05-1120' },
        { key: 'SOCIAL_SECURITY_NO' },
      );
    });

    it('answers 422 naming a missing required key', async () => {
      const { [ehr.nameKey]: _name, ...withoutName } = ehr.patient as Record<string, unknown>;
      await expectRefusedWithoutValues(withoutName, { key: ehr.nameKey });
    });

    it('answers 422 naming a date in the wrong format', async () => {
      await expectRefusedWithoutValues({ ...ehr.patient, [ehr.dateKey]: ehr.wrongDate }, { key: ehr.dateKey });
    });

    it('answers 422 to a body that is not JSON or not an object', async () => {
      expect((await write('POST', ehr.create, 'not json at all')).status).toBe(422);
      expect((await write('POST', ehr.create, [ehr.patient])).status).toBe(422);
      expect((await write('POST', ehr.create, undefined)).status).toBe(422);
    });
  });

  it('answers 400 to a write without an Idempotency-Key and records nothing', async () => {
    const response = await call('POST', '/athena/v1/patients', athenaPatient);
    expect(response.status).toBe(400);
    expect(response.json.error).toMatch(/Idempotency-Key/);
    expect((await control('GET', '/stats')).json.athena).toMatchObject({ patients: 0, acceptedWrites: 0, rejected: 1 });
  });

  it('replays the original response to a repeated Idempotency-Key and records the write once', async () => {
    const first = await write('POST', '/allscripts/api/patient', allscriptsPatient, 'retry-me');
    const second = await write(
      'POST',
      '/allscripts/api/patient',
      { ...allscriptsPatient, NAME_OF_PAT: 'Other' },
      'retry-me',
    );
    expect(second.status).toBe(first.status);
    expect(second.json).toEqual(first.json);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();

    const patients = (await control('GET', '/ehrs/allscripts/patients')).json;
    expect(patients).toHaveLength(1);
    expect(patients[0].demographics.NAME_OF_PAT).toBe('Maria Quintero');
    expect((await control('GET', '/stats')).json.allscripts).toMatchObject({
      patients: 1,
      acceptedWrites: 1,
      idempotentReplays: 1,
    });
  });

  it('keeps idempotency keys per EHR: the same key on another EHR is a new write', async () => {
    expect((await write('POST', '/athena/v1/patients', athenaPatient, 'shared')).status).toBe(201);
    expect(await write('POST', '/allscripts/api/patient', allscriptsPatient, 'shared')).toMatchObject({
      status: 201,
      json: { patientId: 'ALS-000001' },
    });
  });

  it('answers 404 Unknown patient for an ehrPatientId that EHR does not have', async () => {
    await write('POST', '/athena/v1/patients', athenaPatient);
    const clinical = await write('POST', '/athena/v1/patients/ATH-000999/allergies', { ALLERGIES_PATIENT: 'none' });
    expect(clinical).toMatchObject({ status: 404, json: { error: 'Unknown patient' } });
    // An id issued by the other EHR is unknown here too.
    const update = await write('PUT', '/allscripts/api/patient/ATH-000001', allscriptsPatient);
    expect(update).toMatchObject({ status: 404, json: { error: 'Unknown patient' } });
    expect(await control('GET', '/ehrs/athena/patients/ATH-000999')).toMatchObject({ status: 404 });
  });

  it('answers 404 to unknown paths and 405 with Allow to a wrong method', async () => {
    expect((await write('POST', '/athena/v1/patient', athenaPatient)).status).toBe(404);
    expect((await write('POST', '/epic/api/patient', athenaPatient)).status).toBe(404);
    expect((await control('GET', '/nope')).status).toBe(404);
    expect((await control('GET', '/ehrs/epic/patients')).status).toBe(404);

    const wrongMethod = await write('GET', '/athena/v1/patients', undefined);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    const deletion = await write('DELETE', '/allscripts/api/patient/ALS-000001', undefined);
    expect(deletion.status).toBe(405);
    expect(deletion.headers.get('allow')).toBe('PUT');
    expect((await control('DELETE', '/stats')).status).toBe(405);
  });

  it('with failureRate 1 answers every write 500, records nothing, and leaves the key for a later retry', async () => {
    expect((await control('PUT', '/faults', { failureRate: 1 })).json).toMatchObject({ failureRate: 1 });
    for (const [method, path, body] of [
      ['POST', '/athena/v1/patients', athenaPatient],
      ['POST', '/allscripts/api/patient', allscriptsPatient],
      ['POST', '/athena/v1/patients/ATH-000001/symptoms', { SYMPTOMS_CURRENT_PATIENT: 'x' }],
    ] as const) {
      expect((await write(method, path, body, 'only-once')).status).toBe(500);
    }
    expect((await control('GET', '/ehrs/athena/patients')).json).toEqual([]);
    expect((await control('GET', '/ehrs/allscripts/patients')).json).toEqual([]);
    expect((await control('GET', '/stats')).json.athena).toMatchObject({
      patients: 0,
      acceptedWrites: 0,
      injectedFailures: 2,
    });

    await control('PUT', '/faults', { failureRate: 0 });
    const retried = await write('POST', '/athena/v1/patients', athenaPatient, 'only-once');
    expect(retried).toMatchObject({ status: 201, json: { patientId: 'ATH-000001' } });
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
    expect((await control('GET', '/stats')).json.athena).toMatchObject({ acceptedWrites: 1, idempotentReplays: 0 });
  });

  it('with retryAfterRate 1 answers 503 with Retry-After and records nothing', async () => {
    await control('PUT', '/faults', { retryAfterRate: 1, retryAfterSeconds: 5 });
    const response = await write('POST', '/allscripts/api/patient', allscriptsPatient);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect((await control('GET', '/ehrs/allscripts/patients')).json).toEqual([]);
    expect((await control('GET', '/stats')).json.allscripts).toMatchObject({ injectedFailures: 1, acceptedWrites: 0 });
  });

  it('with lostResponseRate 1 carries the write out and drops the answer; the retry with the key replays it', async () => {
    await control('PUT', '/faults', { lostResponseRate: 1 });
    await expect(write('POST', '/athena/v1/patients', athenaPatient, 'lost-once')).rejects.toThrow();
    await control('PUT', '/faults', { lostResponseRate: 0 });
    const retried = await write('POST', '/athena/v1/patients', athenaPatient, 'lost-once');
    expect(retried).toMatchObject({ status: 201, json: { patientId: 'ATH-000001' } });
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect((await control('GET', '/stats')).json.athena).toMatchObject({
      patients: 1,
      acceptedWrites: 1,
      injectedFailures: 1,
      idempotentReplays: 1,
    });
  });

  it('keeps the control API free of injected faults', async () => {
    await control('PUT', '/faults', { failureRate: 1 });
    expect((await control('GET', '/health')).status).toBe(200);
    expect((await control('GET', '/stats')).status).toBe(200);
  });

  it('delays EHR answers by delayMs', async () => {
    await control('PUT', '/faults', { delayMs: 150 });
    const started = Date.now();
    expect((await write('POST', '/athena/v1/patients', athenaPatient)).status).toBe(201);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('reports and validates fault settings', async () => {
    const set = await control('PUT', '/faults', { failureRate: 0.3, retryAfterRate: 0.2, delayMs: 5, seed: 77 });
    expect(set).toMatchObject({ status: 200 });
    expect((await control('GET', '/faults')).json).toEqual({
      failureRate: 0.3,
      retryAfterRate: 0.2,
      lostResponseRate: 0,
      retryAfterSeconds: 1,
      delayMs: 5,
      seed: 77,
    });
    const refused = await control('PUT', '/faults', { failureRate: 1.5, retryAfterRate: -1, bogus: 1 });
    expect(refused.status).toBe(422);
    expect(refused.json.problems.map((p: { key: string }) => p.key)).toEqual([
      'failureRate',
      'retryAfterRate',
      'bogus',
    ]);
    expect((await control('GET', '/faults')).json.failureRate).toBe(0.3);
  });

  it('injects the same faults for the same seed', async () => {
    const run = async () => {
      await control('PUT', '/faults', { failureRate: 0.5, seed: 2024 });
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await write('GET', '/athena/v1/patients', undefined)).status);
      return statuses;
    };
    const first = await run();
    expect(first).toContain(500);
    expect(first).toContain(405);
    expect(await run()).toEqual(first);
  });

  it('reset clears patients, keys and counters but keeps the faults', async () => {
    await write('POST', '/athena/v1/patients', athenaPatient, 'before-reset');
    await control('PUT', '/faults', { retryAfterSeconds: 9 });
    expect(await control('POST', '/reset')).toMatchObject({ status: 200 });

    expect((await control('GET', '/ehrs/athena/patients')).json).toEqual([]);
    expect((await control('GET', '/stats')).json.athena).toEqual({
      patients: 0,
      acceptedWrites: 0,
      rejected: 0,
      injectedFailures: 0,
      idempotentReplays: 0,
    });
    expect((await control('GET', '/faults')).json.retryAfterSeconds).toBe(9);
    // The key was forgotten: the same key is a new write, numbered from 000001 again.
    const again = await write('POST', '/athena/v1/patients', athenaPatient, 'before-reset');
    expect(again).toMatchObject({ status: 201, json: { patientId: 'ATH-000001' } });
    expect(again.headers.get('idempotent-replayed')).toBeNull();
  });
});
