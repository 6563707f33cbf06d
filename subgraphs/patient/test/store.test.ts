import { describe, expect, it } from 'vitest';
import type { GraphQLError } from 'graphql';
import type { PatientPatch } from '../src/data/records';
import type { PatientListFilter, PatientStore } from '../src/data/store';
import { InMemoryPatientStore } from '../src/data/store';
import { SEED_PROVIDERS } from '../src/data/seed';
import { emptyStore, newPatient, NOW } from './helpers';

/** Every matching id, page by page, through the cursors. */
function allPages(store: PatientStore, filter: PatientListFilter = {}, first = 3): string[] {
  const ids: string[] = [];
  let after;
  for (;;) {
    const page = store.list({ filter, first, ...(after ? { after } : {}) });
    ids.push(...page.nodes.map((p) => p.id));
    if (!page.hasNextPage || page.endKey === null) return ids;
    after = page.endKey;
  }
}

const names = (store: PatientStore, filter: PatientListFilter = {}): string[] =>
  store.list({ filter, first: 100 }).nodes.map((p) => `${p.firstName} ${p.lastName}`);

function thrown(fn: () => unknown): { message: string; extensions: unknown } {
  try {
    fn();
  } catch (error) {
    const e = error as GraphQLError;
    return { message: e.message, extensions: e.extensions };
  }
  throw new Error('expected an error');
}

/** Riverside and Lakeside patients with names that exercise case, accents and ties. */
function sampleStore(): InMemoryPatientStore {
  const store = emptyStore();
  store.create([
    newPatient({
      firstName: 'José',
      lastName: 'Ramírez',
      mrn: 'RH-10',
      email: 'jose.r@example.test',
      primaryCarePhysicianId: 'prov-riverside-1',
    }),
    newPatient({ firstName: 'ana', lastName: 'ramirez', mrn: 'RH-11', primaryCarePhysicianId: 'prov-riverside-2' }),
    newPatient({
      firstName: 'Ana María',
      lastName: 'García López',
      mrn: 'RH-12',
      primaryCarePhysicianId: 'prov-riverside-1',
    }),
    newPatient({ firstName: 'Liam', lastName: 'Smith-Jones', mrn: 'XY-7', email: 'liam@mail.example' }),
    newPatient({
      organizationId: 'org-lakeside',
      firstName: 'Ana',
      lastName: 'Abbott',
      mrn: 'LC-1',
      primaryCarePhysicianId: 'prov-lakeside-1',
    }),
    newPatient({
      organizationId: 'org-lakeside',
      firstName: 'Mateo',
      lastName: 'Ramírez',
      mrn: 'LC-2',
      email: 'ana.m@example.test',
    }),
  ]);
  return store;
}

describe('InMemoryPatientStore ordering and pagination', () => {
  it('lists patients by last name, first name and id, ignoring case and accents', () => {
    const store = sampleStore();
    store.create([newPatient({ firstName: 'Ana', lastName: 'Ramirez' })]);
    expect(names(store)).toEqual([
      'Ana Abbott',
      'Ana María García López',
      'ana ramirez',
      'Ana Ramirez',
      'José Ramírez',
      'Mateo Ramírez',
      'Liam Smith-Jones',
    ]);
    expect(
      store
        .list({ first: 100 })
        .nodes.slice(2, 4)
        .map((p) => p.id),
    ).toEqual(['pt-test-2', 'pt-test-7']);
  });

  it('pages through every patient once, with the total on every page', () => {
    const store = sampleStore();
    const first = store.list({ first: 4 });
    expect([first.nodes.length, first.hasNextPage, first.totalCount]).toEqual([4, true, 6]);
    const second = store.list({ first: 4, after: first.endKey ?? undefined });
    expect([second.nodes.length, second.hasNextPage, second.totalCount]).toEqual([2, false, 6]);
    expect(allPages(store)).toEqual(store.list({ first: 100 }).nodes.map((p) => p.id));
  });

  it('neither repeats nor skips patients when others are inserted or deleted between pages', () => {
    const store = sampleStore();
    const page1 = store.list({ first: 3 });
    expect(page1.nodes.map((p) => p.lastName)).toEqual(['Abbott', 'García López', 'ramirez']);
    // Before the cursor (not shown again), after it (shown), the cursor patient itself, and an unseen one.
    const [early, late] = store.create([newPatient({ lastName: 'Aaron' }), newPatient({ lastName: 'Zimmer' })]);
    store.delete('pt-test-2');
    store.delete('pt-test-6');
    const page2 = store.list({ first: 3, after: page1.endKey ?? undefined });
    expect(page2.nodes.map((p) => p.lastName)).toEqual(['Ramírez', 'Smith-Jones', 'Zimmer']);
    expect(page2.nodes.map((p) => p.id)).not.toContain(early?.id);
    expect(page2.nodes.at(-1)?.id).toEqual(late?.id);
    expect(page2.hasNextPage).toEqual(false);
  });

  it('answers an empty page without a cursor past the end', () => {
    const store = sampleStore();
    const last = store.list({ first: 6 });
    expect(store.list({ first: 5, after: last.endKey ?? undefined })).toEqual({
      nodes: [],
      hasNextPage: false,
      endKey: null,
      totalCount: 6,
    });
  });
});

describe('InMemoryPatientStore filters', () => {
  const store = sampleStore();
  it('finds patients by the start of first name, last name, MRN or email, ignoring case and accents', () => {
    expect(names(store, { search: 'RAMIR' })).toEqual(['ana ramirez', 'José Ramírez', 'Mateo Ramírez']);
    expect(names(store, { search: 'jos' })).toEqual(['José Ramírez']);
    expect(names(store, { search: 'lopez' })).toEqual(['Ana María García López']);
    expect(names(store, { search: 'jones' })).toEqual(['Liam Smith-Jones']);
    expect(names(store, { search: 'xy-' })).toEqual(['Liam Smith-Jones']);
    expect(names(store, { search: 'liam@mail' })).toEqual(['Liam Smith-Jones']);
    expect(names(store, { search: 'mail.example' })).toEqual([]);
    expect(names(store, { search: 'amirez' })).toEqual([]);
  });

  it('requires every search word to match', () => {
    expect(names(store, { search: 'ana ramirez' })).toEqual(['ana ramirez', 'Mateo Ramírez']);
    expect(names(store, { search: '  ana   garc ' })).toEqual(['Ana María García López']);
    expect(names(store, { search: 'ana zzz' })).toEqual([]);
    expect(names(store, { search: '   ' })).toEqual(names(store));
  });

  it('filters by organization and by primary care physician, alone and combined', () => {
    expect(names(store, { organizationId: 'org-lakeside' })).toEqual(['Ana Abbott', 'Mateo Ramírez']);
    expect(names(store, { primaryCarePhysicianId: 'prov-riverside-1' })).toEqual([
      'Ana María García López',
      'José Ramírez',
    ]);
    expect(names(store, { organizationId: 'org-riverside', search: 'ana' })).toEqual([
      'Ana María García López',
      'ana ramirez',
    ]);
    expect(names(store, { organizationId: 'org-lakeside', primaryCarePhysicianId: 'prov-riverside-1' })).toEqual([]);
    expect(names(store, { organizationId: 'org-nowhere' })).toEqual([]);
    expect(names(store, { primaryCarePhysicianId: 'prov-riverside-1', search: 'ramirez' })).toEqual(['José Ramírez']);
  });

  it('lists every match unpaged, in list order, for a bulk change', () => {
    const store = sampleStore();
    for (const filter of [
      {},
      { organizationId: 'org-riverside' },
      { primaryCarePhysicianId: 'prov-riverside-1' },
      { organizationId: 'org-lakeside', primaryCarePhysicianId: 'prov-riverside-1' },
      { organizationId: 'org-riverside', search: 'ram' },
    ]) {
      expect(store.listAll(filter).map((p) => p.id)).toEqual(allPages(store, filter));
    }
    expect(store.listAll({ primaryCarePhysicianId: 'prov-riverside-1' }).map((p) => p.mrn)).toEqual(['RH-12', 'RH-10']);
  });

  it('counts all matches and pages through them with cursors', () => {
    const page = store.list({ first: 1, filter: { search: 'ana' } });
    expect([page.nodes.length, page.totalCount, page.hasNextPage]).toEqual([1, 4, true]);
    expect(allPages(store, { search: 'ana' }, 1)).toEqual(
      store.list({ first: 100, filter: { search: 'ana' } }).nodes.map((p) => p.id),
    );
    expect(allPages(store, { search: 'ana', organizationId: 'org-riverside' }, 1)).toEqual(['pt-test-3', 'pt-test-2']);
  });
});

describe('InMemoryPatientStore changes', () => {
  it('creates patients with ids, version 1, timestamps and generated MRNs', () => {
    const store = emptyStore();
    const [patient] = store.create([newPatient({ email: 'ada@example.test' })]);
    expect(patient).toEqual({
      ...newPatient({ email: 'ada@example.test' }),
      id: 'pt-test-1',
      mrn: 'RH-000001',
      version: 1,
      createdAt: NOW,
      updatedAt: NOW,
    });
    expect(store.findById('pt-test-1')).toEqual(patient);
  });

  it('never generates an MRN that was given or used before, even after a deletion', () => {
    const store = emptyStore();
    const first = store.create([newPatient({ mrn: 'RH-000002' }), newPatient()]);
    expect(first.map((p) => p.mrn)).toEqual(['RH-000002', 'RH-000001']);
    store.delete('pt-test-2');
    const created = store.create([newPatient(), newPatient({ organizationId: 'org-hillcrest' })]);
    expect(created.map((p) => p.mrn)).toEqual(['RH-000003', 'HF-000001']);
    expect(store.findById('pt-test-1')?.mrn).toEqual('RH-000002');
  });

  it('creates all or nothing: one conflicting MRN refuses the whole batch', () => {
    const store = sampleStore();
    const batch = [newPatient({ lastName: 'Fine' }), newPatient({ mrn: 'rh-10' }), newPatient({ mrn: 'NEW-1' })];
    expect(thrown(() => store.create(batch)).extensions).toEqual({
      code: 'BAD_USER_INPUT',
      problems: [{ field: 'inputs[1].mrn', message: 'is already used by another patient of the organization' }],
    });
    expect(() => store.create([newPatient({ mrn: 'NEW-1' }), newPatient({ mrn: 'new-1' })])).toThrow();
    expect(store.size).toEqual(6);
    expect(names(store, { search: 'fine' })).toEqual([]);
    expect(store.findIdByMrn('org-riverside', 'NEW-1')).toBeUndefined();
  });

  it('refuses an update with a stale version, and one of an unknown patient', () => {
    const store = sampleStore();
    store.update('pt-test-1', { firstName: 'Pepe' }, 1);
    expect(thrown(() => store.update('pt-test-1', { firstName: 'Late' }, 1)).extensions).toEqual({
      code: 'VERSION_CONFLICT',
      typename: 'Patient',
      id: 'pt-test-1',
      expectedVersion: 1,
      currentVersion: 2,
    });
    expect(thrown(() => store.update('pt-nope', {}, 1)).extensions).toEqual({
      code: 'NOT_FOUND',
      typename: 'Patient',
      id: 'pt-nope',
    });
    expect(store.findById('pt-test-1')?.firstName).toEqual('Pepe');
  });

  it('bumps the version and keeps every index right after a change', () => {
    let clock = Date.parse(NOW);
    const store = new InMemoryPatientStore({ providers: SEED_PROVIDERS, now: () => new Date((clock += 1000)) });
    store.load(sampleStore().list({ first: 100 }).nodes);
    const updated = store.update(
      'pt-test-1',
      { lastName: 'Zapata', email: 'pz@example.test', mrn: 'RH-99', primaryCarePhysicianId: 'prov-riverside-2' },
      1,
    );
    expect([updated.version, updated.updatedAt, updated.createdAt]).toEqual([2, '2026-03-01T10:00:01.000Z', NOW]);
    expect(names(store, { search: 'ramirez' })).toEqual(['ana ramirez', 'Mateo Ramírez']);
    expect(names(store, { search: 'zapata' })).toEqual(['José Zapata']);
    expect(names(store, { search: 'pz@' })).toEqual(['José Zapata']);
    expect(names(store, { search: 'jose.r' })).toEqual([]);
    expect(names(store).at(-1)).toEqual('José Zapata');
    expect(names(store, { primaryCarePhysicianId: 'prov-riverside-1' })).toEqual(['Ana María García López']);
    expect(names(store, { primaryCarePhysicianId: 'prov-riverside-2' })).toEqual(['ana ramirez', 'José Zapata']);
    expect([store.findIdByMrn('org-riverside', 'RH-10'), store.findIdByMrn('org-riverside', 'RH-99')]).toEqual([
      undefined,
      'pt-test-1',
    ]);
  });

  it('keeps the version when an update changes nothing', () => {
    const store = sampleStore();
    const before = store.findById('pt-test-1');
    expect(store.update('pt-test-1', { firstName: 'José', email: 'jose.r@example.test' }, 1)).toBe(before);
  });

  it('refuses an update to an MRN another patient of the organization holds', () => {
    const store = sampleStore();
    expect(thrown(() => store.update('pt-test-1', { mrn: 'RH-11' }, 1)).extensions).toEqual({
      code: 'BAD_USER_INPUT',
      problems: [{ field: 'mrn', message: 'is already used by another patient of the organization' }],
    });
    expect(store.findById('pt-test-1')?.version).toEqual(1);
  });

  it('updates several patients with one patch: only those it changes get a version and an event', () => {
    const store = sampleStore();
    const created = store.outbox.size();
    const targets = ['pt-test-1', 'pt-test-2', 'pt-test-3'].map((id) => ({ id, expectedVersion: 1 }));
    const updated = store.updateMany(targets, { primaryCarePhysicianId: 'prov-riverside-2' });
    expect(updated.map((p) => [p.id, p.version, p.primaryCarePhysicianId])).toEqual([
      ['pt-test-1', 2, 'prov-riverside-2'],
      ['pt-test-2', 1, 'prov-riverside-2'],
      ['pt-test-3', 2, 'prov-riverside-2'],
    ]);
    expect(updated[1]).toBe(store.findById('pt-test-2'));
    expect(names(store, { primaryCarePhysicianId: 'prov-riverside-1' })).toEqual([]);
    expect(names(store, { primaryCarePhysicianId: 'prov-riverside-2' })).toHaveLength(3);
    const events = store.outbox.pending(100).slice(created);
    expect(
      events.map((e) => [e.type, e.patientId, 'patient' in e ? e.patient.primaryCarePhysician?.id : null]),
    ).toEqual([
      ['patient.upserted', 'pt-test-1', 'prov-riverside-2'],
      ['patient.upserted', 'pt-test-3', 'prov-riverside-2'],
    ]);
  });

  it('updates several patients all or nothing: one unknown, stale or conflicting refuses them all', () => {
    const store = sampleStore();
    const before = store.list({ first: 100 }).nodes;
    const events = store.outbox.size();
    /** The error of changing pt-test-1 (at version 1) and then `id` at `expectedVersion`. */
    const refusal = (id: string, expectedVersion: number, patch: PatientPatch = { preferredLanguage: 'ES' }) =>
      thrown(() =>
        store.updateMany(
          [
            { id: 'pt-test-1', expectedVersion: 1 },
            { id, expectedVersion },
          ],
          patch,
        ),
      ).extensions;
    expect(refusal('pt-test-2', 3)).toMatchObject({ code: 'VERSION_CONFLICT', id: 'pt-test-2' });
    expect(refusal('pt-nope', 1)).toMatchObject({ code: 'NOT_FOUND', id: 'pt-nope' });
    // One MRN for two patients of one organization would break its uniqueness.
    expect(refusal('pt-test-2', 1, { mrn: 'RH-50' })).toEqual({
      code: 'BAD_USER_INPUT',
      problems: [{ field: 'mrn', message: 'is already used by another patient of the organization' }],
    });
    expect(store.list({ first: 100 }).nodes).toEqual(before);
    expect(store.outbox.size()).toEqual(events);
    expect(store.findIdByMrn('org-riverside', 'RH-50')).toBeUndefined();
  });

  it('deletes a patient from every index and frees its MRN', () => {
    const store = sampleStore();
    expect(store.delete('pt-test-1')).toEqual(true);
    expect(store.delete('pt-test-1')).toEqual(false);
    expect(store.findById('pt-test-1')).toBeUndefined();
    expect(names(store, { search: 'jose' })).toEqual([]);
    expect(names(store, { primaryCarePhysicianId: 'prov-riverside-1' })).toEqual(['Ana María García López']);
    expect(store.list({ first: 100, filter: { organizationId: 'org-riverside' } }).totalCount).toEqual(3);
    expect(store.findIdByMrn('org-riverside', 'RH-10')).toBeUndefined();
  });

  it('lists providers by name, for one organization or all', () => {
    const store = emptyStore();
    expect(store.listProviders('org-lakeside').map((p) => p.id)).toEqual(['prov-lakeside-2', 'prov-lakeside-1']);
    expect(store.listProviders().length).toEqual(SEED_PROVIDERS.length);
    expect(store.findProviderById('prov-none')).toBeUndefined();
  });
});
