import { SEED_PATIENT_COUNT, seedPatientId } from '@carebridge/common';
import { describe, expect, it } from 'vitest';
import { SEED_PROVIDERS, seedPatients } from '../src/data/seed';

describe('patient seed', () => {
  const patients = seedPatients();
  const countBy = (list: readonly { organizationId: string }[]) =>
    list.reduce<Record<string, number>>(
      (counts, p) => ({ ...counts, [p.organizationId]: (counts[p.organizationId] ?? 0) + 1 }),
      {},
    );

  it('seeds 270 patients: the first 240 in the first three organizations, then Harbor’s 30', () => {
    expect(patients).toHaveLength(SEED_PATIENT_COUNT);
    expect(countBy(patients.slice(0, 240))).toEqual({ 'org-riverside': 120, 'org-lakeside': 80, 'org-hillcrest': 40 });
    expect(patients.slice(240).map((p) => p.id)).toEqual(Array.from({ length: 30 }, (_, k) => seedPatientId(240 + k)));
    expect(countBy(patients.slice(240))).toEqual({ 'org-harbor': 30 });
  });

  it('gives Harbor Community Health two providers, HC MRNs, and only its own providers as physicians', () => {
    const harbor = patients.filter((p) => p.organizationId === 'org-harbor');
    expect(SEED_PROVIDERS.filter((p) => p.organizationId === 'org-harbor').map((p) => p.id)).toEqual([
      'prov-harbor-1',
      'prov-harbor-2',
    ]);
    expect(harbor.map((p) => p.mrn.slice(0, 3)).every((prefix) => prefix === 'HC-')).toBe(true);
    const physicians = new Set(harbor.map((p) => p.primaryCarePhysicianId).filter((id) => id !== null));
    expect(physicians).toEqual(new Set(['prov-harbor-1', 'prov-harbor-2']));
  });
});
