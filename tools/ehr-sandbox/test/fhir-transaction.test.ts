import { describe, expect, it } from 'vitest';
import { FhirError } from '../src/fhir/outcome';
import { FhirStore } from '../src/fhir/store';
import { processTransaction } from '../src/fhir/transaction';
import {
  allergyEntry,
  coverageEntry,
  MRN_SYSTEM,
  patient,
  patientEntry,
  PATIENT_URL,
  transaction,
} from './support/fhirBundles';

const NOW = new Date('2026-03-01T10:00:00.000Z');

/** The FhirError the transaction throws, or a failure when it went through. */
function refusal(store: FhirStore, body: unknown): FhirError {
  try {
    processTransaction(store, body, NOW);
  } catch (error) {
    if (error instanceof FhirError) return error;
    throw error;
  }
  throw new Error('the transaction was accepted');
}

describe('FHIR transaction', () => {
  it('creates the patient and its resources, rewriting urn:uuid references to the ids it assigns', () => {
    const store = new FhirStore();
    const answer = processTransaction(store, transaction(patientEntry(), allergyEntry(), coverageEntry()), NOW);
    expect(answer).toEqual({
      resourceType: 'Bundle',
      type: 'transaction-response',
      entry: [
        {
          response: {
            status: '201 Created',
            location: 'Patient/pat-000001/_history/1',
            etag: 'W/"1"',
            lastModified: NOW.toISOString(),
          },
        },
        {
          response: {
            status: '201 Created',
            location: 'AllergyIntolerance/alg-000001/_history/1',
            etag: 'W/"1"',
            lastModified: NOW.toISOString(),
          },
        },
        {
          response: {
            status: '201 Created',
            location: 'Coverage/cov-000001/_history/1',
            etag: 'W/"1"',
            lastModified: NOW.toISOString(),
          },
        },
      ],
    });
    expect(store.read('Patient', 'pat-000001')).toEqual({
      ...patient(),
      id: 'pat-000001',
      meta: { versionId: '1', lastUpdated: NOW.toISOString() },
    });
    expect(store.read('AllergyIntolerance', 'alg-000001')?.['patient']).toEqual({ reference: 'Patient/pat-000001' });
    expect(store.read('Coverage', 'cov-000001')?.['beneficiary']).toEqual({ reference: 'Patient/pat-000001' });
    expect(store.stats()).toMatchObject({ patients: 1, acceptedWrites: 1 });
  });

  it('conditional update: updates the one match with a new version, and the same Bundle again creates nothing', () => {
    const store = new FhirStore();
    processTransaction(store, transaction(patientEntry(), allergyEntry()), NOW);
    const renamed = patient({ name: [{ family: 'Lopez', given: ['Maria'] }] });
    const again = processTransaction(store, transaction(patientEntry(renamed), allergyEntry()), NOW);
    expect(again.entry.map((entry) => [entry.response.status, entry.response.location])).toEqual([
      ['200 OK', 'Patient/pat-000001/_history/2'],
      ['200 OK', 'AllergyIntolerance/alg-000001/_history/1'],
    ]);
    expect(store.list('Patient')).toHaveLength(1);
    expect(store.list('AllergyIntolerance')).toHaveLength(1);
    expect(store.read('Patient', 'pat-000001')?.['name']).toEqual([{ family: 'Lopez', given: ['Maria'] }]);
    expect(store.history('Patient', 'pat-000001').map((version) => version.meta.versionId)).toEqual(['1', '2']);
  });

  it('conditional create makes a second resource when its identifier differs', () => {
    const store = new FhirStore();
    processTransaction(store, transaction(patientEntry(), allergyEntry('764146007')), NOW);
    const answer = processTransaction(store, transaction(patientEntry(), allergyEntry('762952008', 'Peanut')), NOW);
    expect(answer.entry[1]!.response.status).toBe('201 Created');
    expect(store.list('AllergyIntolerance')).toHaveLength(2);
  });

  it('answers 412 when a condition matches more than one resource, and changes nothing', () => {
    const store = new FhirStore();
    const twin = (id: string) => ({ resource: patient({ id }), request: { method: 'PUT', url: `Patient/${id}` } });
    processTransaction(store, transaction(twin('twin-a'), twin('twin-b')), NOW);
    const error = refusal(store, transaction(patientEntry(), allergyEntry()));
    expect(error.status).toBe(412);
    expect(error.outcome).toEqual({
      resourceType: 'OperationOutcome',
      issue: [
        {
          severity: 'error',
          code: 'multiple-matches',
          diagnostics: 'the condition matches more than one resource',
          expression: ['Bundle.entry[0].request.url'],
        },
      ],
    });
    expect(store.list('AllergyIntolerance')).toEqual([]);
    expect(store.stats()).toMatchObject({ patients: 2, acceptedWrites: 1 });
  });

  it('refuses a resource that breaks R4 structure with 422 and every problem located', () => {
    const store = new FhirStore();
    const bad = transaction(
      patientEntry(patient({ gender: 'F', birthDate: '1971-02-30', nickname: 'x' })),
      {
        resource: { resourceType: 'Coverage', status: 'active', payor: { display: 'Acme' } },
        request: { method: 'POST', url: 'Coverage' },
      },
      {
        resource: { resourceType: 'MedicationStatement', status: 'active', subject: { reference: PATIENT_URL } },
        request: { method: 'POST', url: 'MedicationStatement' },
      },
      { resource: { resourceType: 'Observation', status: 'final' }, request: { method: 'POST', url: 'Observation' } },
      {
        resource: { resourceType: 'FamilyMemberHistory', status: 'done', patient: { reference: PATIENT_URL } },
        request: { method: 'POST', url: 'FamilyMemberHistory' },
      },
      {
        resource: { resourceType: 'QuestionnaireResponse', item: [{ answer: [{ valueCoding: { code: 'x' } }] }] },
        request: { method: 'POST', url: 'QuestionnaireResponse' },
      },
      { resource: { status: 'active' }, request: { method: 'POST', url: 'Condition' } },
      { resource: { resourceType: 'Appointment' }, request: { method: 'POST', url: 'Appointment' } },
    );
    const error = refusal(store, bad);
    expect(error.status).toBe(422);
    expect(error.issues.map((problem) => [problem.code, problem.expression?.[0], problem.diagnostics])).toEqual([
      ['value', 'Bundle.entry[0].resource.gender', 'must be one of male, female, other, unknown'],
      ['value', 'Bundle.entry[0].resource.birthDate', 'must be a date (YYYY, YYYY-MM or YYYY-MM-DD)'],
      ['structure', 'Bundle.entry[0].resource.nickname', 'is not an element of this type'],
      ['structure', 'Bundle.entry[1].resource.payor', 'must be an array'],
      ['required', 'Bundle.entry[1].resource.beneficiary', 'is required'],
      ['required', 'Bundle.entry[2].resource.medication[x]', 'is required'],
      ['required', 'Bundle.entry[3].resource.code', 'is required'],
      [
        'value',
        'Bundle.entry[4].resource.status',
        'must be one of partial, completed, entered-in-error, health-unknown',
      ],
      ['required', 'Bundle.entry[4].resource.relationship', 'is required'],
      ['required', 'Bundle.entry[5].resource.item[0].linkId', 'is required'],
      ['required', 'Bundle.entry[5].resource.status', 'is required'],
      ['required', 'Bundle.entry[6].resource.resourceType', 'is required'],
      ['not-supported', 'Bundle.entry[7].resource.resourceType', expect.stringContaining('is not a resource type')],
    ]);
    expect(JSON.stringify(error.outcome)).not.toContain('1971');
    expect(store.stats()).toMatchObject({ patients: 0, acceptedWrites: 0 });
  });

  it('refuses a Bundle that is not a transaction, and malformed requests, with 400', () => {
    const store = new FhirStore();
    expect(refusal(store, { resourceType: 'Patient' }).status).toBe(400);
    expect(refusal(store, { resourceType: 'Bundle', type: 'batch', entry: [] }).issues[0]).toMatchObject({
      code: 'not-supported',
      expression: ['Bundle.type'],
    });
    const wrongUrl = transaction({ resource: patient(), request: { method: 'POST', url: 'Coverage' } });
    expect(refusal(store, wrongUrl)).toMatchObject({ status: 400 });
    const deletion = transaction({ request: { method: 'DELETE', url: 'Patient/pat-000001' } });
    expect(refusal(store, deletion).issues[0]).toMatchObject({ expression: ['Bundle.entry[0].request.method'] });
    const unknownParameter = transaction({
      resource: patient(),
      request: { method: 'PUT', url: 'Patient?name=Maria' },
    });
    expect(refusal(store, unknownParameter).issues[0]).toMatchObject({ code: 'not-supported' });
  });

  it('is all or nothing: a bad reference in the last entry leaves the earlier ones unstored', () => {
    const store = new FhirStore();
    const dangling = allergyEntry();
    dangling.resource.patient = { reference: 'urn:uuid:not-in-this-bundle' };
    const error = refusal(store, transaction(patientEntry(), coverageEntry(), dangling));
    expect(error.status).toBe(422);
    expect(error.issues).toEqual([
      {
        severity: 'error',
        code: 'processing',
        diagnostics: 'refers to no entry of this transaction',
        expression: ['Bundle.entry[2].resource.patient.reference'],
      },
    ]);
    const missing = allergyEntry();
    missing.resource.patient = { reference: 'Patient/pat-999999' };
    expect(refusal(store, transaction(patientEntry(), missing)).issues[0]).toMatchObject({ code: 'not-found' });
    expect(store.list('Patient')).toEqual([]);
    expect(store.list('Coverage')).toEqual([]);
    // The ids a refused transaction drew are drawn again.
    processTransaction(store, transaction(patientEntry()), NOW);
    expect(store.list('Patient').map((resource) => resource.id)).toEqual(['pat-000001']);
    expect(store.stats()).toMatchObject({ acceptedWrites: 1 });
  });

  it('PUT Type/id creates that id, then updates it; conditions may name an earlier entry by fullUrl', () => {
    const store = new FhirStore();
    const byId = { fullUrl: PATIENT_URL, resource: patient(), request: { method: 'PUT', url: 'Patient/chosen-1' } };
    const observation = {
      resource: {
        resourceType: 'Observation',
        status: 'final',
        code: { coding: [{ system: 'http://loinc.org', code: '72166-2' }] },
        subject: { reference: PATIENT_URL },
        valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '266919005' }] },
      },
      request: {
        method: 'POST',
        url: 'Observation',
        ifNoneExist: `subject=${PATIENT_URL}&code=http://loinc.org|72166-2`,
      },
    };
    const first = processTransaction(store, transaction(byId, observation), NOW);
    expect(first.entry.map((entry) => entry.response.status)).toEqual(['201 Created', '201 Created']);
    const second = processTransaction(store, transaction(byId, observation), NOW);
    expect(second.entry.map((entry) => entry.response.location)).toEqual([
      'Patient/chosen-1/_history/2',
      'Observation/obs-000001/_history/1',
    ]);
    expect(store.read('Observation', 'obs-000001')?.['subject']).toEqual({ reference: 'Patient/chosen-1' });
    const identifier = [{ system: MRN_SYSTEM, value: 'MRN-0001' }];
    expect(store.read('Patient', 'chosen-1')?.['identifier']).toEqual(identifier);
  });
});
