import type { ChangeEvent } from '@carebridge/common';
import type { CanonicalRecord } from '../data/records';

/**
 * What the ehr subgraph knows of each patient: the latest demographics and answers carried by
 * change events. Delivery builds every payload from this copy, so it never reads another
 * service's store and works while those services are down.
 */
export interface PatientCopy {
  organizationId: string;
  /** Null until a `patient.upserted` event arrives (answers can come first). */
  record: CanonicalRecord | null;
  answers: CanonicalRecord['answers'];
  primaryCarePhysicianId: string | null;
  deleted: boolean;
}

export interface SnapshotStore {
  get(patientId: string): PatientCopy | undefined;
  /** Applies an event; false when its id was applied before (a redelivery). */
  apply(event: ChangeEvent): boolean;
  /** Ids of the live patients of an organization, optionally of one physician. */
  patientsOf(organizationId: string, primaryCarePhysicianId?: string): string[];
}

export class InMemorySnapshotStore implements SnapshotStore {
  private readonly copies = new Map<string, PatientCopy>();
  private readonly applied = new Set<string>();

  get(patientId: string): PatientCopy | undefined {
    return this.copies.get(patientId);
  }

  apply(event: ChangeEvent): boolean {
    if (this.applied.has(event.id)) return false;
    this.applied.add(event.id);
    const copy: PatientCopy = this.copies.get(event.patientId) ?? {
      organizationId: event.organizationId,
      record: null,
      answers: [],
      primaryCarePhysicianId: null,
      deleted: false,
    };
    switch (event.type) {
      case 'patient.upserted':
        copy.organizationId = event.organizationId;
        copy.record = { patient: event.patient, answers: copy.answers };
        copy.primaryCarePhysicianId = event.patient.primaryCarePhysician?.id ?? null;
        copy.deleted = false;
        break;
      case 'patient.deleted':
        copy.deleted = true;
        break;
      case 'clinical.answered':
        copy.answers = event.answers;
        if (copy.record) copy.record = { ...copy.record, answers: event.answers };
        break;
    }
    this.copies.set(event.patientId, copy);
    return true;
  }

  patientsOf(organizationId: string, primaryCarePhysicianId?: string): string[] {
    const ids: string[] = [];
    for (const [id, copy] of this.copies) {
      if (copy.deleted || !copy.record || copy.organizationId !== organizationId) continue;
      if (primaryCarePhysicianId !== undefined && copy.primaryCarePhysicianId !== primaryCarePhysicianId) continue;
      ids.push(id);
    }
    return ids.sort();
  }
}
