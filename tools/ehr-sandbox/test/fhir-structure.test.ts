import { describe, expect, it } from 'vitest';
import { validateResource } from '../src/fhir/validate';

/** The R4 structure check on single resources, issue by issue. */

const problems = (resource: unknown) =>
  validateResource(resource, 'Patient').map((problem) => [problem.code, problem.expression?.[0]]);

describe('FHIR structure', () => {
  it('accepts a full Patient with primitive extensions, choice elements and nested datatypes', () => {
    expect(
      problems({
        resourceType: 'Patient',
        meta: { profile: ['http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient'] },
        identifier: [{ use: 'usual', system: 'https://carebridge.example/fhir/sid/mrn', value: 'RH-000001' }],
        name: [{ use: 'official', family: 'Lima', given: ['Ana', 'María'] }],
        telecom: [{ system: 'phone', value: '+15555550100', use: 'mobile', rank: 1 }],
        gender: 'female',
        birthDate: '1984-02-29',
        _birthDate: { extension: [{ url: 'http://example.test/birthTime', valueDateTime: '1984-02-29T06:00:00Z' }] },
        deceasedBoolean: false,
        address: [{ line: ['1 Main St'], city: 'Springfield', state: 'IL', postalCode: '62701', country: 'US' }],
        communication: [{ language: { coding: [{ system: 'urn:ietf:bcp:47', code: 'es' }] }, preferred: true }],
        generalPractitioner: [{ display: 'Dr. Maya Okafor' }],
      }),
    ).toEqual([]);
  });

  it('names wrong JSON types, bad primitives, nulls, empty values and two choices of one element', () => {
    expect(
      problems({
        resourceType: 'Patient',
        name: { family: 'Lima' },
        telecom: [{ rank: 0 }],
        active: 'yes',
        birthDate: null,
        identifier: [],
        address: [{}],
        deceasedBoolean: true,
        deceasedDateTime: '2020-01-01',
        communication: [{ preferred: true }],
        managingOrganization: 'Organization/1',
      }),
    ).toEqual([
      ['structure', 'Patient.name'],
      ['value', 'Patient.telecom[0].rank'],
      ['value', 'Patient.active'],
      ['structure', 'Patient.birthDate'],
      ['structure', 'Patient.identifier'],
      ['structure', 'Patient.address[0]'],
      ['required', 'Patient.communication[0].language'],
      ['structure', 'Patient.managingOrganization'],
      ['structure', 'Patient.deceased[x]'],
    ]);
  });

  it('checks instants and dateTimes for a time zone, and dates for a real day', () => {
    const observation = (extra: Record<string, unknown>) =>
      validateResource(
        { resourceType: 'Observation', status: 'final', code: { text: 'Smoking status' }, ...extra },
        'Observation',
      );
    expect(observation({ effectiveDateTime: '2026-01-05T09:00:00.000Z', issued: '2026-01-05T09:00:00+01:00' })).toEqual(
      [],
    );
    expect(
      observation({ effectiveDateTime: '2026-01-05T09:00:00', issued: '2026-01-05' }).map((p) => p.expression?.[0]),
    ).toEqual(['Observation.effectiveDateTime', 'Observation.issued']);
    expect(validateResource({ resourceType: 'Patient', birthDate: '2025-02-29' }, 'Patient')).toHaveLength(1);
  });
});
