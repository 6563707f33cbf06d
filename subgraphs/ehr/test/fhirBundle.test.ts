import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Bundle, Coding, Resource } from '@medplum/fhirtypes';
import type { CanonicalRecord } from '../src/data/records';
import { buildBundle } from '../src/fhir/bundle';
import { ANSWER_OPTION_SYSTEM } from '../src/fhir/codings';
import { patientIdOfTransactionResponse } from '../src/fhir/response';
import { seedFhirSystem } from '../src/fhir/seed';
import { loadFhirDefinitions, validateBundle } from '../src/fhir/validate';
import { ELENA, elenaAnswers, TOMAS } from './fhir.fixtures';

const seeded = seedFhirSystem().mappings[0]!;
const golden = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./golden/${name}.json`, import.meta.url), 'utf8'));

const resources = (bundle: Bundle): Resource[] => (bundle.entry ?? []).map((e) => e.resource!);
const types = (bundle: Bundle): string[] => resources(bundle).map((r) => r.resourceType);
/** Every coding of the Bundle's clinical resources and QuestionnaireResponse answers, in order. */
const codings = (bundle: Bundle): Coding[] =>
  JSON.stringify(bundle)
    .match(/\{"system":"[^"]+","code":"[^"]+"(,"display":"[^"]*")?\}/g)!
    .map((c) => JSON.parse(c) as Coding);
const inLanguage = (record: CanonicalRecord, preferredLanguage: 'EN' | 'ES'): CanonicalRecord => ({
  ...record,
  patient: { ...record.patient, preferredLanguage },
});

// Reading the R4 definitions takes a few seconds on a busy machine: once, before the tests.
beforeAll(loadFhirDefinitions, 60_000);

describe('the FHIR Bundle of a patient under the seeded FHIR mapping', () => {
  it('is exactly fhir-elena.json for a patient with every field and coded answers', () => {
    expect(buildBundle(ELENA, seeded, 'all')).toEqual(golden('fhir-elena'));
  });

  it('is exactly fhir-tomas.json for a patient with few fields and answers from before codings', () => {
    expect(buildBundle(TOMAS, seeded, 'all')).toEqual(golden('fhir-tomas'));
  });

  it('validates against FHIR R4, every resource of it', () => {
    for (const record of [ELENA, TOMAS, inLanguage(ELENA, 'ES')]) {
      for (const scope of ['all', 'demographics', 'clinical'] as const) {
        expect(validateBundle(buildBundle(record, seeded, scope))).toEqual([]);
      }
    }
  });

  it('is rebuilt identical (fullUrls and identifiers included) and leaves its input untouched', () => {
    const before = JSON.stringify(ELENA);
    expect(JSON.stringify(buildBundle(ELENA, seeded, 'all'))).toBe(JSON.stringify(buildBundle(ELENA, seeded, 'all')));
    expect(JSON.stringify(ELENA)).toBe(before);
  });

  it('carries the Patient and Coverage for a patient change, the Patient and answers for a response', () => {
    expect(types(buildBundle(ELENA, seeded, 'demographics'))).toEqual(['Patient', 'Coverage']);
    expect(types(buildBundle(ELENA, seeded, 'clinical'))).toEqual([
      'Patient',
      'AllergyIntolerance',
      'MedicationStatement',
      'Condition',
      'Condition',
      'Condition',
      'Condition',
      'FamilyMemberHistory',
      'Observation',
      'Observation',
      'Observation',
      'QuestionnaireResponse',
    ]);
  });

  it('finds the Patient by MRN and everything else by a deterministic identifier, referencing the Patient', () => {
    const bundle = buildBundle(ELENA, seeded, 'all');
    const [patient, ...others] = bundle.entry!;
    expect(patient!.request).toEqual({
      method: 'PUT',
      url: 'Patient?identifier=https://carebridge.example/fhir/NamingSystem/org-harbor/mrn|HB-000101',
    });
    for (const entry of others) {
      expect(entry.request?.method).toBe('PUT');
      expect(entry.request?.url).toMatch(/^[A-Za-z]+\?identifier=https:\/\/carebridge\.example\/.+\|pt-harbor-elena:/);
      expect(JSON.stringify(entry.resource)).toContain(`"reference":"${patient!.fullUrl}"`);
    }
    // No two entries are one resource.
    expect(new Set(bundle.entry!.map((e) => e.request?.url)).size).toBe(bundle.entry!.length);
  });

  it('makes no resource of a "none of these" answer, but keeps it in the QuestionnaireResponse', () => {
    const bundle = buildBundle(TOMAS, seeded, 'all');
    expect(types(bundle)).not.toContain('AllergyIntolerance');
    expect(types(bundle)).not.toContain('FamilyMemberHistory');
    const response = resources(bundle).find((r) => r.resourceType === 'QuestionnaireResponse');
    expect(JSON.stringify(response)).toContain('"code":"NONE"');
  });

  it('neutralizes spreadsheet formulas in the texts it sends', () => {
    expect(JSON.stringify(buildBundle(ELENA, seeded, 'all'))).toContain(`"text":"'=Teacher"`);
  });
});

describe('answer codings', () => {
  it('are the same codes from a Spanish and an English speaker, displayed in each one’s language', () => {
    const english = codings(buildBundle(inLanguage(ELENA, 'EN'), seeded, 'clinical'));
    const spanish = codings(buildBundle(inLanguage(ELENA, 'ES'), seeded, 'clinical'));
    const codesOf = (list: Coding[]) => list.map(({ system, code }) => ({ system, code }));
    expect(codesOf(spanish)).toEqual(codesOf(english));
    expect(english).toContainEqual({ system: 'http://snomed.info/sct', code: '91936005', display: 'Penicillin' });
    expect(spanish).toContainEqual({ system: 'http://snomed.info/sct', code: '91936005', display: 'Penicilina' });
  });

  it('fall back to the platform code system with the English label when the event had no codings', () => {
    const legacy = { ...inLanguage(ELENA, 'ES'), answers: elenaAnswers(false) };
    const clinical = codings(buildBundle(legacy, seeded, 'clinical')).filter((c) => !c.system!.includes('hl7.org'));
    expect(clinical).toContainEqual({ system: ANSWER_OPTION_SYSTEM, code: 'PENICILLIN', display: 'Penicillin' });
    expect(clinical.every((c) => c.system !== 'http://snomed.info/sct')).toBe(true);
  });
});

describe('the EHR Patient id in a transaction response', () => {
  const response = (location: unknown, resource?: unknown) => ({
    resourceType: 'Bundle',
    type: 'transaction-response',
    entry: [{ response: { status: '201 Created', location }, ...(resource ? { resource } : {}) }],
  });

  it('is read from the first entry’s location, with or without base and version', () => {
    expect(patientIdOfTransactionResponse(response('Patient/123/_history/1'))).toBe('123');
    expect(patientIdOfTransactionResponse(response('https://fhir.example/r4/Patient/a-b.c/_history/7'))).toBe('a-b.c');
    expect(patientIdOfTransactionResponse(response('Patient/9'))).toBe('9');
  });

  it('falls back to the returned Patient, and is null when the answer does not say', () => {
    expect(patientIdOfTransactionResponse(response(undefined, { resourceType: 'Patient', id: 'p1' }))).toBe('p1');
    expect(patientIdOfTransactionResponse(response('Coverage/1/_history/1'))).toBeNull();
    expect(patientIdOfTransactionResponse({ resourceType: 'OperationOutcome' })).toBeNull();
    expect(patientIdOfTransactionResponse(null)).toBeNull();
  });
});
