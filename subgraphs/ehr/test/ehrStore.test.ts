import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase } from '@carebridge/db';
import { ehrMigrations } from '../src/data/migrations';
import type { EhrSystemRecord } from '../src/data/records';
import { seedEhrSystems } from '../src/data/seed';
import { fhirEndpoints } from '../src/fhir/catalogue';
import { SEED, storageBackends } from './storage.fixtures';

/** The EhrStore contract, on both backends (see `storage.fixtures.ts`). */

const { backends, openOn, schema, drop, url } = storageBackends('ehrstore');
afterAll(() => drop());

const names = (records: { name: string }[]) => records.map((r) => r.name);

function newSystem(overrides: Partial<EhrSystemRecord> = {}): EhrSystemRecord {
  return {
    id: 'ehr-cerner',
    name: 'Cerner',
    baseUrl: 'https://cerner.ehr.example',
    shared: false,
    ownerOrganizationId: 'org-riverside',
    kind: 'KEY_VALUE',
    endpoints: [
      {
        path: '/persons',
        categories: ['DEMOGRAPHICS'],
        keys: [{ name: 'PERSON_NAME', required: true }],
        createsPatient: true,
      },
      { path: '/persons/{ehrPatientId}/allergies', categories: ['ALLERGIES'], keys: [], createsPatient: false },
    ],
    mappings: [
      {
        version: 1,
        publishedAt: '2026-03-01T10:00:00.000Z',
        publishedBy: 'user-1',
        note: 'First cut',
        restoredFrom: null,
        fields: [
          { source: 'name', target: 'PERSON_NAME', endpoint: '/persons' },
          {
            source: 'dob',
            target: 'PERSON_DOB',
            endpoint: '/persons',
            transform: { kind: 'DATE_FORMAT', dateFormat: 'DD/MM/YYYY' },
          },
        ],
      },
    ],
    ...overrides,
  };
}

describe.each(backends)('the EHR store ($name)', (backend) => {
  it('starts from the seed: systems and organizations by name, each with its platform line', async () => {
    const { a, close } = await backend.pair();
    try {
      expect(await a.store.ehrSystems()).toEqual([...SEED.systems].sort((x, y) => x.name.localeCompare(y.name)));
      expect(await a.store.ehrSystem('ehr-athena')).toEqual(SEED.systems.find((s) => s.id === 'ehr-athena'));
      expect(await a.store.ehrSystem('ehr-nope')).toBeUndefined();
      expect(names(await a.store.organizations())).toEqual(
        [...SEED.organizations].map((o) => o.name).sort((x, y) => x.localeCompare(y)),
      );
      expect((await a.store.organizationsUsing('ehr-athena')).map((o) => o.id)).toEqual(
        SEED.organizations
          .filter((o) => o.ehrSystemId === 'ehr-athena')
          .map((o) => o.id)
          .sort(),
      );
      expect(await a.store.organization('org-lakeside')).toEqual(
        SEED.organizations.find((o) => o.id === 'org-lakeside'),
      );
      expect(await a.store.organization('org-nope')).toBeUndefined();
    } finally {
      await close();
    }
  });

  it('adds a system once, seen by every replica, and knows which endpoint creates the patient', async () => {
    const { a, b, close } = await backend.pair();
    try {
      await a.store.addEhrSystem(newSystem());
      // With its owner: an organization's own system is not shared.
      expect(await b.store.ehrSystem('ehr-cerner')).toEqual(newSystem());
      expect((await b.store.ehrSystems()).map((s) => [s.id, s.shared, s.ownerOrganizationId, s.kind])).toEqual([
        ['ehr-allscripts', true, null, 'KEY_VALUE'],
        ['ehr-athena', true, null, 'KEY_VALUE'],
        ['ehr-cerner', false, 'org-riverside', 'KEY_VALUE'],
        ['ehr-fhir', true, null, 'FHIR_R4'],
      ]);
      expect(names(await b.store.ehrSystems())).toEqual(['Allscripts', 'Athena', 'Cerner', 'FHIR R4 (Harbor EHR)']);
      await expect(b.store.addEhrSystem(newSystem({ name: 'Other' }))).rejects.toThrow('EHR system ehr-cerner exists');
      // Read once by `b`, so known to its synchronous lookup too.
      for (const store of [a.store, b.store]) {
        expect(store.endpointCreatesPatient('ehr-cerner', '/persons')).toBe(true);
        expect(store.endpointCreatesPatient('ehr-cerner', '/persons/{ehrPatientId}/allergies')).toBe(false);
        expect(store.endpointCreatesPatient('ehr-allscripts', '/api/patient')).toBe(true);
        expect(store.endpointCreatesPatient('ehr-nope', '/api/patient')).toBe(false);
      }
    } finally {
      await close();
    }
  });

  it('keeps the kind of a system: a FHIR R4 one reads back as FHIR_R4 on every replica', async () => {
    const { a, b, close } = await backend.pair();
    try {
      const fhir = newSystem({ id: 'ehr-own-fhir', name: 'Own FHIR', kind: 'FHIR_R4', endpoints: fhirEndpoints() });
      await a.store.addEhrSystem(fhir);
      expect(await b.store.ehrSystem('ehr-own-fhir')).toEqual(fhir);
      expect(b.store.endpointCreatesPatient('ehr-own-fhir', '/')).toBe(true);
      expect(b.store.endpointCreatesPatient('ehr-own-fhir', 'Patient')).toBe(false);
    } finally {
      await close();
    }
  });

  it('adds organizations with a known EHR system and new id only, and switches their system', async () => {
    const { a, b, close } = await backend.pair();
    try {
      const org = { id: 'org-new', name: 'Aardvark Clinic', kind: 'CLINIC' as const, ehrSystemId: 'ehr-athena' };
      await a.store.addOrganization(org);
      expect(await b.store.organization('org-new')).toEqual(org);
      expect((await b.store.organizations())[0]).toEqual(org);
      await expect(b.store.addOrganization({ ...org, name: 'Again' })).rejects.toThrow('organization org-new exists');
      await expect(b.store.addOrganization({ ...org, id: 'org-x', ehrSystemId: 'ehr-nope' })).rejects.toThrow(
        'organization org-x uses unknown EHR ehr-nope',
      );
      expect(await b.store.organization('org-x')).toBeUndefined();
      expect(await b.store.setEhrSystem('org-new', 'ehr-allscripts')).toEqual({
        ...org,
        ehrSystemId: 'ehr-allscripts',
      });
      expect((await a.store.organization('org-new'))?.ehrSystemId).toBe('ehr-allscripts');
      expect((await a.store.organizationsUsing('ehr-allscripts')).map((o) => o.id)).toContain('org-new');
      await expect(a.store.setEhrSystem('org-new', 'ehr-nope')).rejects.toThrow('unknown organization or EHR system');
      await expect(a.store.setEhrSystem('org-nope', 'ehr-athena')).rejects.toThrow(
        'unknown organization or EHR system',
      );
      expect((await a.store.organization('org-new'))?.ehrSystemId).toBe('ehr-allscripts');
    } finally {
      await close();
    }
  });
});

describe('the EHR store on PostgreSQL across restarts', () => {
  it('keeps systems and organizations, seeds only an empty schema, and takes seeded base URLs from config', async () => {
    const name = schema('restart');
    const first = await openOn(name);
    await first.store.addEhrSystem(newSystem());
    await first.store.addOrganization({ id: 'org-new', name: 'New', kind: 'CLINIC', ehrSystemId: 'ehr-cerner' });
    await first.store.setEhrSystem('org-riverside', 'ehr-allscripts');
    await first.close();

    // Restarted pointing at a sandbox: the seeded systems follow, nothing else is reseeded.
    const sandbox = { athena: 'http://127.0.0.1:9/athena', allscripts: 'http://127.0.0.1:9/allscripts' };
    const again = await openOn(name, { ...SEED, systems: seedEhrSystems(sandbox) });
    try {
      expect(await again.store.ehrSystem('ehr-cerner')).toEqual(newSystem());
      expect((await again.store.ehrSystem('ehr-athena'))?.baseUrl).toBe(sandbox.athena);
      expect((await again.store.ehrSystem('ehr-allscripts'))?.baseUrl).toBe(sandbox.allscripts);
      expect((await again.store.organization('org-riverside'))?.ehrSystemId).toBe('ehr-allscripts');
      expect((await again.store.organization('org-new'))?.ehrSystemId).toBe('ehr-cerner');
      expect(await again.store.organizations()).toHaveLength(SEED.organizations.length + 1);
      expect((await again.store.ehrSystem('ehr-athena'))?.mappings).toEqual(
        SEED.systems.find((s) => s.id === 'ehr-athena')?.mappings,
      );
    } finally {
      await again.close();
    }
  });
});

describe('the EHR store on PostgreSQL migrated from before systems had owners', () => {
  it('shares the seeded systems and leaves a system an organization made earlier unshared, with no owner', async () => {
    const name = schema('legacy');
    // The schema as it was before 0101: the migrations up to the delivery queue, one system made
    // with createEhrSystem then (shared with everyone, as it was), and one transaction's raw error.
    const before = Object.fromEntries(Object.entries(ehrMigrations).filter(([key]) => key < '0101'));
    const old = await openDatabase<unknown>({ url, schema: name, migrations: before });
    try {
      await sql`INSERT INTO ehr_system (id, name, base_url, endpoints) VALUES
        ('ehr-athena', 'Athena', 'https://athena.ehr.example', '[]'),
        ('ehr-allscripts', 'Allscripts', 'https://allscripts.ehr.example', '[]'),
        ('ehr-old', 'Old', 'http://169.254.169.254', '[]')`.execute(old.db);
      await sql`INSERT INTO ehr_transaction (id, organization_id, patient_id, ehr_system_id, endpoint, creates_patient, method,
        mapping_version, status, trigger, attempts, last_error, idempotency_key, payload, source, created_at, updated_at)
        VALUES ('tx-old', 'org-riverside', 'pt-1', 'ehr-athena', '/v1/patients', true, 'POST', 1, 'DEAD', 'RESEND', 1,
        'The EHR refused the request: HTTP 422: Unknown key for Marisol Vega', 'k', '{}', '{}', now(), now())`.execute(
        old.db,
      );
    } finally {
      await old.close();
    }
    const storage = await openOn(name);
    try {
      // Systems made before kinds are KEY_VALUE; the FHIR R4 system, seeded since, is added.
      expect((await storage.store.ehrSystems()).map((s) => [s.id, s.shared, s.ownerOrganizationId, s.kind])).toEqual([
        ['ehr-allscripts', true, null, 'KEY_VALUE'],
        ['ehr-athena', true, null, 'KEY_VALUE'],
        ['ehr-fhir', true, null, 'FHIR_R4'],
        ['ehr-old', false, null, 'KEY_VALUE'],
      ]);
      expect(await storage.store.ehrSystem('ehr-fhir')).toEqual(SEED.systems.find((s) => s.id === 'ehr-fhir'));
      expect((await storage.transactions.get('tx-old'))?.lastError).toBe('The EHR refused the request: HTTP 422');
    } finally {
      await storage.close();
    }
  });
});
