import type { ChangeEvent, QuestionnaireCanonical } from '@carebridge/common';
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
  /** The questionnaire `answers` were given to, when their event named it. */
  questionnaire?: QuestionnaireCanonical;
  primaryCarePhysicianId: string | null;
  deleted: boolean;
}

/** The canonical record of demographics and a copy's answers (with their questionnaire, if known). */
export function recordOf(
  patient: CanonicalRecord['patient'],
  copy: Pick<PatientCopy, 'answers' | 'questionnaire'>,
): CanonicalRecord {
  return {
    patient,
    answers: copy.answers,
    ...(copy.questionnaire === undefined ? {} : { questionnaire: copy.questionnaire }),
  };
}

/** What applying an event did. */
export interface Applied {
  /** False when the event's id was applied before (a redelivery): the copy is unchanged. */
  applied: boolean;
  /**
   * Whether the patient's demographics were known before this event, as it was the first time the
   * event was applied: a redelivery after a crash is planned exactly as the first attempt would have been.
   */
  hadRecord: boolean;
}

export interface SnapshotStore {
  get(patientId: string): Promise<PatientCopy | undefined>;
  /** Applies an event at most once per event id (see `Applied`). */
  apply(event: ChangeEvent): Promise<Applied>;
  /** Ids of the live patients of an organization, optionally of one physician, in code-unit order. */
  patientsOf(organizationId: string, primaryCarePhysicianId?: string): Promise<string[]>;
}

/**
 * A patient's copy after `event`; pure, so every store applies events the same way. A deletion is
 * final and erases the copy's data (demographics, answers, physician): patient ids are never
 * reused, so any later event about a deleted patient (a late update, answers from the clinical
 * subgraph's outbox) is a straggler, and changes nothing.
 */
export function applyEvent(before: PatientCopy | undefined, event: ChangeEvent): PatientCopy {
  if (before?.deleted) return before;
  const copy: PatientCopy = before
    ? { ...before }
    : { organizationId: event.organizationId, record: null, answers: [], primaryCarePhysicianId: null, deleted: false };
  switch (event.type) {
    case 'patient.upserted':
      copy.organizationId = event.organizationId;
      copy.record = recordOf(event.patient, copy);
      copy.primaryCarePhysicianId = event.patient.primaryCarePhysician?.id ?? null;
      copy.deleted = false;
      break;
    case 'patient.deleted':
      copy.deleted = true;
      copy.record = null;
      copy.answers = [];
      delete copy.questionnaire;
      copy.primaryCarePhysicianId = null;
      break;
    case 'clinical.answered':
      copy.answers = event.answers;
      if (event.questionnaire) copy.questionnaire = event.questionnaire;
      else delete copy.questionnaire;
      if (copy.record) copy.record = recordOf(copy.record.patient, copy);
      break;
  }
  return copy;
}

/** Whether a copy belongs in `patientsOf(organizationId, primaryCarePhysicianId)`. */
export function isLivePatientOf(copy: PatientCopy, organizationId: string, primaryCarePhysicianId?: string): boolean {
  if (copy.deleted || !copy.record || copy.organizationId !== organizationId) return false;
  return primaryCarePhysicianId === undefined || copy.primaryCarePhysicianId === primaryCarePhysicianId;
}

export class InMemorySnapshotStore implements SnapshotStore {
  private readonly copies = new Map<string, PatientCopy>();
  /** Each applied event id, with whether its patient's record was known before it. */
  private readonly applied = new Map<string, boolean>();

  get(patientId: string): Promise<PatientCopy | undefined> {
    return Promise.resolve(this.copies.get(patientId));
  }

  apply(event: ChangeEvent): Promise<Applied> {
    const seen = this.applied.get(event.id);
    if (seen !== undefined) return Promise.resolve({ applied: false, hadRecord: seen });
    const before = this.copies.get(event.patientId);
    const hadRecord = Boolean(before?.record);
    this.applied.set(event.id, hadRecord);
    this.copies.set(event.patientId, applyEvent(before, event));
    return Promise.resolve({ applied: true, hadRecord });
  }

  patientsOf(organizationId: string, primaryCarePhysicianId?: string): Promise<string[]> {
    const ids: string[] = [];
    for (const [id, copy] of this.copies) {
      if (isLivePatientOf(copy, organizationId, primaryCarePhysicianId)) ids.push(id);
    }
    return Promise.resolve(ids.sort());
  }
}
