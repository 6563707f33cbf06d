import type { ChangeEvent } from '@carebridge/common';
import { afterAll, describe, expect, it } from 'vitest';
import { answered, patientSnapshot, upserted } from './delivery.fixtures';
import { storageBackends } from './storage.fixtures';

/** The SnapshotStore contract, on both backends (see `storage.fixtures.ts`). */

const { backends, openOn, schema, drop } = storageBackends('ehrsnap');
afterAll(() => drop());

function deleted(patientId = 'pt-d1', organizationId = 'org-lakeside'): ChangeEvent {
  const { id, occurredAt } = answered(patientId, organizationId);
  return { id, type: 'patient.deleted', organizationId, patientId, occurredAt };
}

describe.each(backends)('the snapshot store ($name)', (backend) => {
  it('keeps answers that come before the demographics, and joins them once the patient arrives', async () => {
    const { a, b, close } = await backend.pair();
    try {
      const answers = answered();
      expect(await a.snapshots.apply(answers)).toEqual({ applied: true, hadRecord: false });
      expect(await b.snapshots.get('pt-d1')).toEqual({
        organizationId: 'org-lakeside',
        record: null,
        answers: answers.type === 'clinical.answered' ? answers.answers : [],
        primaryCarePhysicianId: null,
        deleted: false,
      });
      const patient = upserted();
      expect(await b.snapshots.apply(patient)).toEqual({ applied: true, hadRecord: false });
      const copy = await a.snapshots.get('pt-d1');
      expect(copy?.record).toEqual({
        patient: patient.type === 'patient.upserted' ? patient.patient : null,
        answers: copy?.answers,
      });
      expect(copy?.primaryCarePhysicianId).toBe('prov-lakeside-1');
      expect(await a.snapshots.apply(upserted(patientSnapshot({ firstName: 'Marisol Ana' })))).toEqual({
        applied: true,
        hadRecord: true,
      });
      expect((await b.snapshots.get('pt-d1'))?.record?.patient.firstName).toBe('Marisol Ana');
      expect(await a.snapshots.get('pt-none')).toBeUndefined();
    } finally {
      await close();
    }
  });

  it('keeps the questionnaire the answers were given to with the record, and forgets it with the patient', async () => {
    const { a, b, close } = await backend.pair();
    try {
      const questionnaire = { url: 'https://carebridge.example/fhir/Questionnaire/pre-visit-intake', version: '2' };
      const answers = answered();
      await a.snapshots.apply(upserted());
      await a.snapshots.apply({ ...answers, questionnaire } as ChangeEvent);
      expect((await b.snapshots.get('pt-d1'))?.record?.questionnaire).toEqual(questionnaire);
      expect((await b.snapshots.get('pt-d1'))?.questionnaire).toEqual(questionnaire);
      // An event from before events named it: the answers have no known questionnaire.
      await b.snapshots.apply(answered());
      expect((await a.snapshots.get('pt-d1'))?.record).not.toHaveProperty('questionnaire');
      await a.snapshots.apply({ ...answered(), questionnaire } as ChangeEvent);
      await a.snapshots.apply(deleted());
      expect(await b.snapshots.get('pt-d1')).not.toHaveProperty('questionnaire');
    } finally {
      await close();
    }
  });

  it('applies an event once: a redelivery, to any replica, changes nothing and answers as the first time', async () => {
    const { a, b, close } = await backend.pair();
    try {
      const first = upserted();
      await a.snapshots.apply(first);
      await a.snapshots.apply(upserted(patientSnapshot({ lastName: 'Newer' })));
      expect(await b.snapshots.apply(first)).toEqual({ applied: false, hadRecord: false });
      expect((await a.snapshots.get('pt-d1'))?.record?.patient.lastName).toBe('Newer');
    } finally {
      await close();
    }
  });

  it('lists an organization’s live patients, optionally of one physician, in id order', async () => {
    const { a, b, close } = await backend.pair();
    try {
      const other = { id: 'prov-lakeside-2', displayName: 'Dr. Other', npi: '1234567891' };
      for (const [id, doctor] of [
        ['pt-c', null],
        ['pt-a', other],
        ['pt-B', undefined],
        ['pt-gone', undefined],
      ] as const) {
        await a.snapshots.apply(
          upserted(patientSnapshot({ id, ...(doctor === undefined ? {} : { primaryCarePhysician: doctor }) })),
        );
      }
      await a.snapshots.apply(answered('pt-answers-only'));
      await a.snapshots.apply(deleted('pt-gone'));
      await a.snapshots.apply(upserted(patientSnapshot({ id: 'pt-elsewhere', organizationId: 'org-riverside' })));
      expect(await b.snapshots.patientsOf('org-lakeside')).toEqual(['pt-B', 'pt-a', 'pt-c']);
      expect(await b.snapshots.patientsOf('org-lakeside', 'prov-lakeside-1')).toEqual(['pt-B']);
      expect(await b.snapshots.patientsOf('org-lakeside', 'prov-lakeside-2')).toEqual(['pt-a']);
      expect(await b.snapshots.patientsOf('org-riverside')).toEqual(['pt-elsewhere']);
      expect((await b.snapshots.get('pt-gone'))?.deleted).toBe(true);
    } finally {
      await close();
    }
  });

  it('erases a deleted patient’s copy for good: later events about them change nothing', async () => {
    const { a, b, close } = await backend.pair();
    try {
      await a.snapshots.apply(upserted());
      await a.snapshots.apply(answered());
      expect(await b.snapshots.apply(deleted())).toEqual({ applied: true, hadRecord: true });
      const erased = {
        organizationId: 'org-lakeside',
        record: null,
        answers: [],
        primaryCarePhysicianId: null,
        deleted: true,
      };
      expect(await a.snapshots.get('pt-d1')).toEqual(erased);
      // A late update (another event id) and late answers from the clinical subgraph's outbox.
      await b.snapshots.apply(upserted(patientSnapshot({ firstName: 'Late' })));
      await a.snapshots.apply(answered());
      expect(await b.snapshots.get('pt-d1')).toEqual(erased);
      expect(await a.snapshots.patientsOf('org-lakeside')).toEqual([]);
    } finally {
      await close();
    }
  });

  it('loses neither change when the patient and clinical events of one patient reach two replicas at once', async () => {
    const { a, b, close } = await backend.pair();
    try {
      for (let i = 0; i < 10; i++) {
        const id = `pt-race-${i}`;
        await Promise.all([a.snapshots.apply(upserted(patientSnapshot({ id }))), b.snapshots.apply(answered(id))]);
        const copy = await a.snapshots.get(id);
        expect([copy?.record?.patient.id, copy?.answers.length, copy?.record?.answers.length]).toEqual([id, 1, 1]);
      }
    } finally {
      await close();
    }
  });
});

describe('the snapshot store on PostgreSQL across restarts', () => {
  it('keeps every copy and every applied event id', async () => {
    const name = schema('restart');
    const first = await openOn(name);
    const event = upserted();
    await first.snapshots.apply(event);
    await first.snapshots.apply(answered());
    await first.snapshots.apply(deleted('pt-d1'));
    const before = await first.snapshots.get('pt-d1');
    await first.close();
    const again = await openOn(name);
    try {
      expect(await again.snapshots.get('pt-d1')).toEqual(before);
      expect(before?.deleted).toBe(true);
      expect(await again.snapshots.apply(event)).toEqual({ applied: false, hadRecord: false });
    } finally {
      await again.close();
    }
  });
});
