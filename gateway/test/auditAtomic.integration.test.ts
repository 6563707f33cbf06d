import { testAuditLog, testSchemas, type TestAuditLog } from '@carebridge/db/testing';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { graphql } from '../../scripts/lib/stack';
import { startInProcessStack, type InProcessStack } from '../../scripts/lib/stack/inProcess';
import { openPatientDatabase } from '../../subgraphs/patient/src/data/database';
import { PostgresPatientStore } from '../../subgraphs/patient/src/data/postgresStore';
import { SEED_PROVIDERS, seedPatients } from '../../subgraphs/patient/src/data/seed';
import type { PatientStore } from '../../subgraphs/patient/src/data/store';

// Issue 12: with the patient subgraph's audit write failing, `createPatient` answered an error,
// yet the patient existed, was delivered to the EHR, and had no `patient.create` record. A change
// and its record are now written together or not at all, so the client's retry creates one patient.

const CREATE = 'mutation ($input: PatientInput!) { createPatient(input: $input) { id } }';
const SEARCH = '{ patients(first: 10, filter: { search: "Quillfeather" }) { totalCount nodes { id } } }';
const INPUT = { firstName: 'Ada', lastName: 'Quillfeather', gender: 'FEMALE', dateOfBirth: '1980-04-12' };

const schemas = testSchemas('auditatomic');
afterAll(() => schemas.drop());

/** The patient subgraph's storage for one run: its audit log, and on PostgreSQL its store too. */
interface PatientSide {
  store?: PatientStore;
  audit: TestAuditLog;
  close(): Promise<void>;
}

const backends: { name: string; open(): Promise<PatientSide> }[] = [
  {
    name: 'in memory, the log in a file',
    open: async () => {
      const audit = await testAuditLog('patient');
      return { audit, close: () => audit.close() };
    },
  },
  {
    name: 'on PostgreSQL',
    open: async () => {
      const schema = schemas.schema('patient');
      const database = await openPatientDatabase({ url: schemas.url, schema, poolSize: 4 });
      const store = await PostgresPatientStore.open(database);
      await store.seed({ providers: SEED_PROVIDERS, patients: seedPatients() });
      // The audit log with a pool of its own on the same schema, as `openSubgraphRuntime` opens it.
      const audit = await testAuditLog('patient', { url: schemas.url, schema });
      return {
        store,
        audit,
        close: async () => {
          await audit.close();
          await store.close();
          await database.close();
        },
      };
    },
  },
];

describe.each(backends)('a change whose audit record cannot be written, through the gateway ($name)', (backend) => {
  let stack: InProcessStack | undefined;
  let side: PatientSide | undefined;
  afterEach(async () => {
    await stack?.stop();
    await side?.close();
    stack = undefined;
    side = undefined;
  });

  it('answers INTERNAL_SERVER_ERROR and changes nothing; the retry creates exactly one patient, with one record', async () => {
    side = await backend.open();
    stack = await startInProcessStack({
      services: { patient: { audit: side.audit.sink, ...(side.store ? { store: side.store } : {}) } },
    });
    const token = await stack.login('clinician@riverside.test');
    await stack.settled();
    const before = await stack.transactions.counts();

    await side.audit.break();
    const failed = await graphql<{ createPatient: { id: string } | null }>(stack.url, token, CREATE, { input: INPUT });
    expect(failed.errors?.map((e) => e.extensions?.['code'])).toEqual(['INTERNAL_SERVER_ERROR']);
    expect(failed.data ?? null).toBeNull();
    // Nothing to deliver: no change event was recorded, so the EHR got nothing.
    await stack.settled();
    expect(await stack.patientOutbox.size()).toBe(0);
    expect(await stack.transactions.counts()).toEqual(before);

    await side.audit.heal();
    expect((await stack.graphql(token, SEARCH))['patients']).toEqual({ totalCount: 0, nodes: [] });
    const retried = await stack.graphql(token, CREATE, { input: INPUT });
    const id = retried['createPatient'].id as string;
    await stack.settled();
    expect((await stack.graphql(token, SEARCH))['patients']).toEqual({ totalCount: 1, nodes: [{ id }] });
    const delivered = await stack.transactions.byPatient(id);
    expect(delivered.length).toBeGreaterThan(0);
    expect(delivered.every((t) => t.status === 'DELIVERED' && t.trigger === 'PATIENT_CREATED')).toBe(true);
    const creations = (await side.audit.records()).filter((r) => r.action === 'patient.create');
    expect(creations.map((r) => [r.outcome, r.patientIds])).toEqual([['ALLOWED', [id]]]);
  });
});
