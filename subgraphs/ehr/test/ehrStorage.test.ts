import { silentLogger } from '@carebridge/common';
import { afterAll, describe, expect, it } from 'vitest';
import { DeliveryEngine } from '../src/delivery/engine';
import type { EhrStorage } from '../src/delivery/storage';
import { answered, patientSnapshot, upserted } from './delivery.fixtures';
import { storageBackends } from './storage.fixtures';

/** `openEhrStorage` on PostgreSQL: everything the ehr subgraph keeps is there after a restart. */

const { openOn, schema, drop } = storageBackends('ehrstorage');
afterAll(() => drop());

const engineOver = (storage: EhrStorage) =>
  new DeliveryEngine({
    ehr: storage.store,
    mappings: storage.mappings,
    snapshots: storage.snapshots,
    transactions: storage.transactions,
    logger: silentLogger,
  });

describe('the ehr storage on PostgreSQL', () => {
  it('resends a patient after a restart from what the events said before it, under the published mapping', async () => {
    const name = schema('restart');
    const first = await openOn(name);
    const events = [upserted(patientSnapshot({ lastName: 'Before Restart' })), answered()];
    await engineOver(first).ingest(events);
    const fields = (await first.mappings.current('ehr-allscripts', 'org-lakeside')).fields.filter(
      (f) => f.source !== 'email',
    );
    await first.mappings.publish('ehr-allscripts', 'org-lakeside', fields, {
      publishedBy: 'user-a',
      note: null,
      restoredFrom: null,
    });
    await first.close();

    const again = await openOn(name);
    try {
      const engine = engineOver(again);
      // The events were applied before the restart: delivered again, they add nothing.
      expect(await engine.ingest(events)).toEqual({ applied: 0, duplicates: 2 });
      expect(await again.snapshots.patientsOf('org-lakeside')).toEqual(['pt-d1']);
      const resent = await engine.resend('pt-d1');
      expect(resent.map((t) => [t.trigger, t.endpoint, t.mappingVersion]).sort()).toEqual([
        ['RESEND', '/api/patient', 2],
        ['RESEND', '/api/patient/{ehrPatientId}/allergies', 2],
      ]);
      const demographics = resent.find((t) => t.endpoint === '/api/patient')!;
      expect(demographics.payload['NAME_OF_PAT']).toContain('Before Restart');
      expect(demographics.payload).not.toHaveProperty('EMAIL_ID_PAT');
      expect(await again.transactions.byPatient('pt-d1')).toHaveLength(4);
    } finally {
      await again.close();
    }
  });
});
