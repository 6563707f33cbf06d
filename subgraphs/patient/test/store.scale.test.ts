import { describe, expect, it } from 'vitest';
import { SEED_PROVIDERS } from '../src/data/seed';
import { InMemoryPatientStore, type PatientListFilter, type PatientStore } from '../src/data/store';
import { generatePatients } from './generate';

// Correctness only: timings live in bench/store.bench.ts, since a shared CI machine makes them flaky.

async function allPages(store: PatientStore, filter: PatientListFilter, first: number): Promise<string[]> {
  const ids: string[] = [];
  let after;
  for (;;) {
    const page = await store.list({ filter, first, ...(after ? { after } : {}) });
    ids.push(...page.nodes.map((p) => p.id));
    if (!page.hasNextPage || page.endKey === null) return ids;
    after = page.endKey;
  }
}

describe('InMemoryPatientStore at 100,000 patients', () => {
  it('answers filtered searches exactly like a scan of every patient', { timeout: 60_000 }, async () => {
    const records = generatePatients(100_000);
    const store = new InMemoryPatientStore({ providers: SEED_PROVIDERS });
    store.load(records);
    const byOrder = [...records].sort((a, b) =>
      a.lastName.toLowerCase() < b.lastName.toLowerCase()
        ? -1
        : a.lastName.toLowerCase() > b.lastName.toLowerCase()
          ? 1
          : a.firstName < b.firstName
            ? -1
            : a.firstName > b.firstName
              ? 1
              : a.id < b.id
                ? -1
                : 1,
    );
    const cases: [PatientListFilter, (r: (typeof records)[number]) => boolean][] = [
      [
        { search: 'garza4 ada' },
        (r) =>
          r.lastName.toLowerCase().startsWith('garza4') && (r.firstName === 'Ada' || (r.email ?? '').startsWith('ada')),
      ],
      [
        { search: 'e', organizationId: 'org-hillcrest' },
        (r) =>
          r.organizationId === 'org-hillcrest' &&
          [r.firstName, r.lastName, r.email ?? ''].some((t) => t.toLowerCase().startsWith('e')),
      ],
      [
        { organizationId: 'org-riverside', primaryCarePhysicianId: 'prov-riverside-2' },
        (r) => r.primaryCarePhysicianId === 'prov-riverside-2',
      ],
      [{ search: 'gen-9999' }, (r) => r.mrn.startsWith('GEN-9999')],
    ];
    for (const [filter, expected] of cases) {
      const want = byOrder.filter(expected).map((r) => r.id);
      const page = await store.list({ first: 100, filter });
      expect([page.totalCount, page.nodes.map((p) => p.id)]).toEqual([want.length, want.slice(0, 100)]);
      expect(want.length).toBeGreaterThan(0);
    }
    expect(await allPages(store, { search: 'hale1 karla' }, 7)).toEqual(
      byOrder.filter((r) => r.lastName.startsWith('Hale1') && r.firstName === 'Karla').map((r) => r.id),
    );
  });
});
