import type { IncomingHttpHeaders } from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChangeEvent } from '@carebridge/common';
import { silentLogger } from '@carebridge/common';
import { createTestAuth, execute, staff, type TestAuth } from '@carebridge/common/testing';
import type { CanonicalRecord, EhrSystemRecord } from '../src/data/records';
import { createSeededStore, type EhrStore } from '../src/data/store';
import { DELIVERY_ERRORS, DeliveryWorker } from '../src/delivery/worker';
import { loadFhirDefinitions } from '../src/fhir/validate';
import { createService } from '../src/server';
import { deliveryRig, FAST_POLICY, scriptedEhr, type Reply } from './delivery.fixtures';
import { ELENA, QUESTIONNAIRE } from './fhir.fixtures';

const FHIR_BASE = 'https://fhir.ehr.example/fhir/r4';
const HARBOR = { id: 'org-harbor', name: 'Harbor Health', kind: 'CLINIC' as const, ehrSystemId: 'ehr-fhir' };
/** A transaction-response Bundle whose first entry is the Patient the EHR created or found. */
const created = (id: string): Reply => ({
  status: 200,
  body: {
    resourceType: 'Bundle',
    type: 'transaction-response',
    entry: [{ response: { status: '201 Created', location: `Patient/${id}/_history/1` } }],
  },
});

let sequence = 0;
const event = (record: CanonicalRecord, type: 'patient.upserted' | 'clinical.answered'): ChangeEvent => {
  sequence += 1;
  const base = {
    id: `ev-fhir-${sequence}`,
    organizationId: record.patient.organizationId,
    patientId: record.patient.id,
    occurredAt: '2026-03-01T10:00:00.000Z',
  };
  return type === 'patient.upserted'
    ? { ...base, type, patient: record.patient }
    : {
        ...base,
        type,
        responseId: `qr-${sequence}`,
        questionnaireId: 'qn-intake-v1',
        questionnaire: QUESTIONNAIRE,
        answers: record.answers,
      };
};

/** Elena as the gateway hands her to `ehrPreview`: answers without codings, no language. */
const representation = {
  __typename: 'Patient',
  id: ELENA.patient.id,
  organization: { id: 'org-harbor' },
  ...(({ id: _id, organizationId: _org, preferredLanguage: _language, ...rest }) => rest)(ELENA.patient),
  clinicalAnswers: ELENA.answers.map(({ codings: _codings, ...answer }) => answer),
};
const PREVIEW = `query ($r: [_Any!]!) { _entities(representations: $r) {
  ... on Patient { ehrPreview { endpoint method payload } } } }`;

let auth: TestAuth;
let harborStaff: IncomingHttpHeaders;

beforeAll(async () => {
  auth = await createTestAuth();
  harborStaff = await auth.headers(staff('org-harbor'));
  // Reading the R4 definitions takes a few seconds on a busy machine: once, before the tests.
  loadFhirDefinitions();
}, 60_000);

/** `store` with Harbor Health on the FHIR system (the seed may already have it). */
async function withHarbor<T extends EhrStore>(store: T): Promise<T> {
  if (!(await store.organization(HARBOR.id))) await store.addOrganization(HARBOR);
  return store;
}

describe('delivery to a FHIR R4 system', () => {
  it('sends one transaction Bundle to the base URL, learns the Patient id, and previews exactly what it sent', async () => {
    const store = await withHarbor(createSeededStore());
    const service = createService({ verifier: auth.verifier, store });
    const ehr = scriptedEhr([created('harbor-77')]);
    const worker = new DeliveryWorker({
      ehr: store,
      transactions: service.shared.transactions,
      logger: silentLogger,
      policy: FAST_POLICY,
      fetch: ehr.fetch,
    });
    // The answers first: the patient's first event then sends everything at once.
    await service.shared.delivery.ingest([event(ELENA, 'clinical.answered'), event(ELENA, 'patient.upserted')]);
    await worker.tick();

    expect(ehr.requests.map((r) => [r.method, r.url])).toEqual([['POST', FHIR_BASE]]);
    const [sent] = ehr.requests;
    expect(sent!.body).toMatchObject({ resourceType: 'Bundle', type: 'transaction' });
    expect(await service.shared.transactions.ehrPatientId('ehr-fhir', ELENA.patient.id)).toBe('harbor-77');
    const [transaction] = await service.shared.transactions.byPatient(ELENA.patient.id);
    expect(transaction).toMatchObject({
      status: 'DELIVERED',
      endpoint: '/',
      method: 'POST',
      trigger: 'PATIENT_CREATED',
    });

    const preview = await execute(service, PREVIEW, { r: [representation] }, harborStaff);
    expect(preview).toEqual({
      data: { _entities: [{ ehrPreview: [{ endpoint: '/', method: 'POST', payload: sent!.body }] }] },
    });
  });

  it('retries a lost answer with the same Bundle and key, and an edit updates the same Patient', async () => {
    const ehr = scriptedEhr(['network-error', created('harbor-9'), created('harbor-9')]);
    const rig = deliveryRig({ fetch: ehr.fetch });
    await withHarbor(rig.ehr);
    await rig.engine.ingest([event(ELENA, 'patient.upserted')]);
    await rig.drain();
    const [lost, retried] = ehr.requests;
    expect(retried).toEqual(lost);
    const moved = { ...ELENA, patient: { ...ELENA.patient, phone: '+15555550199' } };
    await rig.engine.ingest([event(moved, 'patient.upserted')]);
    await rig.drain();
    const edit = ehr.requests[2]!.body as { entry: { request: unknown; resource: { resourceType: string } }[] };
    expect(edit.entry.map((e) => e.resource.resourceType)).toEqual(['Patient', 'Coverage']);
    expect(edit.entry[0]!.request).toEqual((lost!.body as typeof edit).entry[0]!.request);
    expect(JSON.stringify(edit)).toContain('+15555550199');
    expect((await rig.transactions.byPatient(ELENA.patient.id)).map((t) => [t.trigger, t.status])).toEqual([
      ['PATIENT_UPDATED', 'DELIVERED'],
      ['PATIENT_CREATED', 'DELIVERED'],
    ]);
  });

  it('marks a Bundle that is not valid FHIR R4 DEAD before sending it, with a fixed reason', async () => {
    const ehr = scriptedEhr();
    const rig = deliveryRig({ fetch: ehr.fetch });
    await withHarbor(rig.ehr);
    const fhir = (await rig.ehr.ehrSystem('ehr-fhir')) as EhrSystemRecord;
    // Published behind validation's back, as a version from before a rule existed could be.
    rig.mappings.publish(
      'ehr-fhir',
      fhir.mappings[0]!.fields.map((f) =>
        f.source === 'dob' ? { ...f, transform: { kind: 'DATE_FORMAT' as const, dateFormat: 'DD/MM/YYYY' } } : f,
      ),
    );
    await rig.engine.ingest([event(ELENA, 'patient.upserted')]);
    await rig.drain();
    expect(ehr.requests).toEqual([]);
    const [dead] = await rig.transactions.byPatient(ELENA.patient.id);
    expect([dead?.status, dead?.attempts, dead?.lastError]).toEqual(['DEAD', 1, DELIVERY_ERRORS.invalidFhir]);
  });
});
