import type { IncomingHttpHeaders } from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLogger, SEED_QUESTIONNAIRE_ID, type ChangeEvent, type PatientSnapshot } from '@carebridge/common';
import { createTestAuth, execute, type TestAuth } from '@carebridge/common/testing';
import { seedPatients } from '../src/data/seed';
import type { InMemoryPatientStore } from '../src/data/store';
import { createSeededStore, createService } from '../src/server';
import { NOW, staffHeaders } from './helpers';

// Every change to a patient records its change event in the store's outbox, in the same store
// call; a refused or failed change records none. pt-00001 is a seeded Riverside patient whose
// physician is prov-riverside-1 (Dr. Maya Okafor).

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const OKAFOR = { id: 'prov-riverside-1', displayName: 'Dr. Maya Okafor', npi: '1901010000' };

const CREATE = 'mutation ($input: PatientInput!) { createPatient(input: $input) { id mrn } }';
const CREATE_MANY = 'mutation ($inputs: [PatientInput!]!) { createPatients(inputs: $inputs) { id } }';
const UPDATE = `mutation ($id: ID!, $input: PatientUpdateInput!, $version: Int!) {
  updatePatient(id: $id, input: $input, expectedVersion: $version) { id version } }`;
const DELETE = 'mutation ($id: ID!) { deletePatient(id: $id) }';

/** Every input field, with values that are easy to spot in logs. */
const FULL_INPUT = {
  mrn: 'RH-EVT-1',
  firstName: 'Zebulon',
  lastName: 'Quillfeather',
  gender: 'MALE',
  dateOfBirth: '1975-06-30',
  phone: '(503) 555-0142',
  email: 'zebulon.q@example.test',
  address: { line1: '12 Birch Way', line2: 'Unit 4', city: 'Portland', state: 'OR', postalCode: '97201' },
  emergencyContact: { name: 'Wilhelmina Quillfeather', relationship: 'spouse', phone: '+1 503 555 0143' },
  insurance: { provider: 'Summit Mutual', policyNumber: 'POL-00001234' },
  primaryCarePhysicianId: 'prov-riverside-1',
  preferredLanguage: 'ES',
};
const PHI = ['Zebulon', 'Quillfeather', '1975-06-30', '5550142', 'zebulon.q', 'Birch', 'POL-00001234', 'Wilhelmina'];

let auth: TestAuth;
let riverside: IncomingHttpHeaders;
let lakeside: IncomingHttpHeaders;
let intake: IncomingHttpHeaders;

beforeAll(async () => {
  auth = await createTestAuth();
  ({ riverside, lakeside } = await staffHeaders(auth));
  intake = await auth.headers({
    kind: 'intake',
    linkId: 'link-1',
    patientId: 'pt-00001',
    organizationId: 'org-riverside',
    questionnaireId: SEED_QUESTIONNAIRE_ID,
  });
});

/** A seeded service with a fixed clock, its store, and every log line as text. */
function setup() {
  let next = 0;
  const store = createSeededStore({ now: () => new Date(NOW), newId: () => `pt-new-${++next}` });
  const logs: string[] = [];
  const service = createService({
    verifier: auth.verifier,
    store,
    logger: createLogger('patient', {}, (line) => logs.push(line)),
  });
  return {
    store,
    logs,
    run: (query: string, variables: Record<string, unknown>, headers = riverside) =>
      execute(service, query, variables, headers),
  };
}

const events = (store: InMemoryPatientStore): ChangeEvent[] => store.outbox.pendingNow(1_000);

const upserted = (patient: PatientSnapshot, occurredAt = NOW) => ({
  id: expect.stringMatching(UUID),
  type: 'patient.upserted',
  organizationId: patient.organizationId,
  patientId: patient.id,
  occurredAt,
  patient,
});

/** Seeded pt-00001 as the contract describes it. */
function seededSnapshot(): PatientSnapshot {
  const seeded = seedPatients()[0]!;
  const { version: _v, createdAt: _c, updatedAt: _u, primaryCarePhysicianId, ...rest } = seeded;
  expect(primaryCarePhysicianId).toBe(OKAFOR.id);
  return { ...rest, primaryCarePhysician: OKAFOR };
}

describe('patient change events', () => {
  it('are not recorded for seeded patients', () => {
    expect(createSeededStore().outbox.sizeNow()).toBe(0);
  });

  it('createPatient records one patient.upserted with the whole snapshot and the physician', async () => {
    const { store, run } = setup();
    const result = await run(CREATE, { input: FULL_INPUT });
    expect(result.errors).toBeUndefined();
    expect(events(store)).toEqual([
      upserted({
        id: 'pt-new-1',
        organizationId: 'org-riverside',
        mrn: 'RH-EVT-1',
        firstName: 'Zebulon',
        lastName: 'Quillfeather',
        gender: 'MALE',
        dateOfBirth: '1975-06-30',
        phone: '+15035550142',
        email: 'zebulon.q@example.test',
        address: {
          line1: '12 Birch Way',
          line2: 'Unit 4',
          city: 'Portland',
          state: 'OR',
          postalCode: '97201',
          country: 'US',
        },
        emergencyContact: { name: 'Wilhelmina Quillfeather', relationship: 'spouse', phone: '+15035550143' },
        insurance: { provider: 'Summit Mutual', policyNumber: 'POL-00001234' },
        primaryCarePhysician: OKAFOR,
        preferredLanguage: 'ES',
      }),
    ]);
  });

  it('createPatients of N records N events, in input order, with generated MRNs and no physician', async () => {
    const { store, run } = setup();
    const inputs = ['Uno', 'Dos', 'Tres'].map((firstName) => ({
      firstName,
      lastName: 'Batch',
      gender: 'UNKNOWN',
      dateOfBirth: '2001-01-01',
    }));
    const result = await run(CREATE_MANY, { inputs });
    expect(result.errors).toBeUndefined();
    const recorded = events(store);
    expect(recorded.map((e) => [e.type, e.patientId])).toEqual([
      ['patient.upserted', 'pt-new-1'],
      ['patient.upserted', 'pt-new-2'],
      ['patient.upserted', 'pt-new-3'],
    ]);
    expect(recorded.map((e) => (e.type === 'patient.upserted' ? e.patient.firstName : null))).toEqual([
      'Uno',
      'Dos',
      'Tres',
    ]);
    expect(recorded[0]).toEqual(
      upserted({
        id: 'pt-new-1',
        organizationId: 'org-riverside',
        mrn: (await store.findById('pt-new-1'))!.mrn,
        firstName: 'Uno',
        lastName: 'Batch',
        gender: 'UNKNOWN',
        dateOfBirth: '2001-01-01',
        phone: null,
        email: null,
        address: null,
        emergencyContact: null,
        insurance: null,
        primaryCarePhysician: null,
        preferredLanguage: 'EN',
      }),
    );
    expect(new Set(recorded.map((e) => e.id)).size).toBe(3);
  });

  it('updatePatient records the patient as it now is', async () => {
    const { store, run } = setup();
    const result = await run(UPDATE, {
      id: 'pt-00001',
      version: 1,
      input: { lastName: 'Renamed', primaryCarePhysicianId: null, email: null },
    });
    expect(result.errors).toBeUndefined();
    expect(events(store)).toEqual([
      upserted({ ...seededSnapshot(), lastName: 'Renamed', email: null, primaryCarePhysician: null }),
    ]);
  });

  it('updatePatient that changes nothing records nothing', async () => {
    const { store, run } = setup();
    const seeded = seedPatients()[0]!;
    const result = await run(UPDATE, { id: 'pt-00001', version: 1, input: { lastName: seeded.lastName } });
    expect(result.errors).toBeUndefined();
    expect(store.outbox.sizeNow()).toBe(0);
  });

  it('deletePatient records patient.deleted', async () => {
    const { store, run } = setup();
    expect((await run(DELETE, { id: 'pt-00001' })).errors).toBeUndefined();
    expect(events(store)).toEqual([
      {
        id: expect.stringMatching(UUID),
        type: 'patient.deleted',
        organizationId: 'org-riverside',
        patientId: 'pt-00001',
        occurredAt: NOW,
      },
    ]);
  });

  it('records nothing for a change that is refused or fails', async () => {
    const { store, run } = setup();
    const attempts: [string, Record<string, unknown>, IncomingHttpHeaders, string][] = [
      [CREATE, { input: { ...FULL_INPUT, email: 'not-an-email' } }, riverside, 'BAD_USER_INPUT'],
      [CREATE, { input: { ...FULL_INPUT, mrn: 'RH-000001' } }, riverside, 'BAD_USER_INPUT'],
      [
        CREATE_MANY,
        { inputs: [FULL_INPUT, { ...FULL_INPUT, mrn: 'RH-EVT-2', dateOfBirth: '2999-01-01' }] },
        riverside,
        'BAD_USER_INPUT',
      ],
      [CREATE, { input: FULL_INPUT }, intake, 'FORBIDDEN'],
      [CREATE, { input: { ...FULL_INPUT, organizationId: 'org-lakeside' } }, riverside, 'FORBIDDEN'],
      [UPDATE, { id: 'pt-00001', version: 1, input: { lastName: 'X' } }, lakeside, 'FORBIDDEN'],
      [UPDATE, { id: 'pt-00001', version: 2, input: { lastName: 'X' } }, riverside, 'VERSION_CONFLICT'],
      [UPDATE, { id: 'pt-00001', version: 1, input: { mrn: 'RH-000002' } }, riverside, 'BAD_USER_INPUT'],
      [UPDATE, { id: 'pt-missing', version: 1, input: { lastName: 'X' } }, riverside, 'NOT_FOUND'],
      [DELETE, { id: 'pt-00001' }, lakeside, 'FORBIDDEN'],
      [DELETE, { id: 'pt-missing' }, riverside, 'NOT_FOUND'],
    ];
    for (const [query, variables, headers, code] of attempts) {
      const result = await run(query, variables, headers);
      expect([variables, result.errors?.map((e) => e.extensions?.['code'])]).toEqual([variables, [code]]);
    }
    expect(store.outbox.sizeNow()).toBe(0);
  });

  it('never put patient data in log lines', async () => {
    const { logs, run } = setup();
    const created = await run(CREATE, { input: FULL_INPUT });
    const id = (created.data as { createPatient: { id: string } }).createPatient.id;
    await run(CREATE_MANY, { inputs: [{ ...FULL_INPUT, mrn: 'RH-EVT-2' }] });
    await run(UPDATE, { id, version: 1, input: { email: 'zebulon.q2@example.test' } });
    await run(DELETE, { id });
    expect(logs.length).toBeGreaterThan(0);
    const text = logs.join('\n');
    for (const value of PHI) expect(text).not.toContain(value);
  });
});
