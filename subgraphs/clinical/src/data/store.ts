import { randomUUID } from 'node:crypto';
import { InMemoryOutbox, type ChangeEvent, type Outbox } from '@carebridge/common';
import { deriveAnswers } from './history';
import type { QuestionnaireRecord, QuestionnaireResponseRecord } from './records';

/**
 * Where the clinical subgraph keeps questionnaires and responses. Resolvers and commands see only
 * this interface, so a database-backed store can replace the in-memory one. Every method that
 * serves one entity is an index lookup, never a scan.
 */
export interface ClinicalStore {
  /** Change events not yet delivered to the ehr subgraph, oldest first. */
  readonly outbox: Outbox;
  /** One version by id. */
  questionnaire(id: string): QuestionnaireRecord | undefined;
  /** Every version sharing `name`, oldest first; empty when the name is unknown. */
  questionnaireVersions(name: string): readonly QuestionnaireRecord[];
  /** The ACTIVE version of each questionnaire (or every version), ordered by name then version. */
  questionnaires(options: { includeRetired: boolean }): QuestionnaireRecord[];
  /**
   * Adds the next version of `record.name`: version 1 for a new name, otherwise the latest
   * version + 1, which becomes ACTIVE while the previous one becomes RETIRED, in one step.
   * Throws when `record.version` is not the next one, so two concurrent publishes cannot both win.
   */
  addQuestionnaireVersion(record: QuestionnaireRecord): QuestionnaireRecord;
  response(id: string): QuestionnaireResponseRecord | undefined;
  /** A patient's responses, newest first; empty for a patient without responses. */
  responsesOfPatient(patientId: string): readonly QuestionnaireResponseRecord[];
  /**
   * Stores a response. With `linkId` (a submission through an intake link) it also records the
   * link as used, in the same step, and throws `LinkAlreadyUsedError` without storing anything
   * when the link was used before: two submissions with one link cannot both be stored.
   *
   * In the same step it records a `clinical.answered` event in `outbox` carrying the patient's
   * latest answers for the response's organization, so an EHR never misses a response and never
   * hears of one that was not stored.
   */
  addResponse(record: QuestionnaireResponseRecord, options?: { linkId?: string }): QuestionnaireResponseRecord;
  /** Whether a response was already stored through the intake link `linkId`. */
  isLinkUsed(linkId: string): boolean;
}

/** An intake link answers once: `addResponse` refuses a second response through it. */
export class LinkAlreadyUsedError extends Error {
  override name = 'LinkAlreadyUsedError';
  constructor(readonly linkId: string) {
    super(`intake link ${linkId} was already used`);
  }
}

export class InMemoryClinicalStore implements ClinicalStore {
  private readonly questionnairesById = new Map<string, QuestionnaireRecord>();
  /** Version ids per name, oldest first. */
  private readonly versionIdsByName = new Map<string, string[]>();
  private readonly responsesById = new Map<string, QuestionnaireResponseRecord>();
  /** Response ids per patient, newest first. */
  private readonly responseIdsByPatient = new Map<string, string[]>();
  /** Intake link id → the response stored through it. */
  private readonly responseIdByLink = new Map<string, string>();
  private readonly events = new InMemoryOutbox();

  get outbox(): Outbox {
    return this.events;
  }

  questionnaire(id: string): QuestionnaireRecord | undefined {
    return this.questionnairesById.get(id);
  }

  questionnaireVersions(name: string): readonly QuestionnaireRecord[] {
    return (this.versionIdsByName.get(name) ?? []).map((id) => this.questionnairesById.get(id)!);
  }

  questionnaires({ includeRetired }: { includeRetired: boolean }): QuestionnaireRecord[] {
    const names = [...this.versionIdsByName.keys()].sort();
    return names.flatMap((name) => {
      const versions = this.questionnaireVersions(name);
      return includeRetired ? versions : versions.filter((v) => v.status === 'ACTIVE');
    });
  }

  addQuestionnaireVersion(record: QuestionnaireRecord): QuestionnaireRecord {
    if (this.questionnairesById.has(record.id)) throw new Error(`questionnaire id ${record.id} is taken`);
    const ids = this.versionIdsByName.get(record.name) ?? [];
    const previousId = ids.at(-1);
    if (record.version !== ids.length + 1) {
      throw new Error(`questionnaire ${record.name} expects version ${ids.length + 1}, got ${record.version}`);
    }
    if (previousId !== undefined) {
      const previous = this.questionnairesById.get(previousId)!;
      // Records are immutable values: retiring replaces the record rather than editing it.
      this.questionnairesById.set(previousId, { ...previous, status: 'RETIRED' });
    }
    const added: QuestionnaireRecord = { ...record, status: 'ACTIVE' };
    this.questionnairesById.set(added.id, added);
    this.versionIdsByName.set(record.name, [...ids, added.id]);
    return added;
  }

  response(id: string): QuestionnaireResponseRecord | undefined {
    return this.responsesById.get(id);
  }

  responsesOfPatient(patientId: string): readonly QuestionnaireResponseRecord[] {
    return (this.responseIdsByPatient.get(patientId) ?? []).map((id) => this.responsesById.get(id)!);
  }

  isLinkUsed(linkId: string): boolean {
    return this.responseIdByLink.has(linkId);
  }

  addResponse(record: QuestionnaireResponseRecord, options: { linkId?: string } = {}): QuestionnaireResponseRecord {
    this.insertResponse(record, options);
    this.events.append(this.answered(record));
    return record;
  }

  /** Stores a response without recording an event: for seed data (see `announceLoaded`). */
  loadResponse(record: QuestionnaireResponseRecord): QuestionnaireResponseRecord {
    this.insertResponse(record, {});
    return record;
  }

  /**
   * Records a `clinical.answered` event for the latest response of every patient, oldest first:
   * in development the EHR sandbox starts empty, and this brings it the seed data.
   */
  announceLoaded(): void {
    const latest = [...this.responseIdsByPatient.values()]
      .map((ids) => (ids[0] === undefined ? undefined : this.responsesById.get(ids[0])))
      .filter((r): r is QuestionnaireResponseRecord => r !== undefined)
      .sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
    for (const record of latest) this.events.append(this.answered(record));
  }

  private insertResponse(record: QuestionnaireResponseRecord, { linkId }: { linkId?: string }): void {
    if (this.responsesById.has(record.id)) throw new Error(`response id ${record.id} is taken`);
    if (!this.questionnairesById.has(record.questionnaireId)) {
      throw new Error(`response ${record.id} answers unknown questionnaire ${record.questionnaireId}`);
    }
    if (linkId !== undefined) {
      if (this.responseIdByLink.has(linkId)) throw new LinkAlreadyUsedError(linkId);
      this.responseIdByLink.set(linkId, record.id);
    }
    this.responsesById.set(record.id, record);
    const ids = this.responseIdsByPatient.get(record.patientId) ?? [];
    // New responses are almost always the newest, so this stops at the first position.
    let at = 0;
    while (at < ids.length && this.responsesById.get(ids[at]!)!.submittedAt > record.submittedAt) at++;
    ids.splice(at, 0, record.id);
    this.responseIdsByPatient.set(record.patientId, ids);
  }

  /** What the organization now knows of the patient's answers, `record` included. */
  private answered(record: QuestionnaireResponseRecord): ChangeEvent {
    const ofOrganization = this.responsesOfPatient(record.patientId).filter(
      (r) => r.organizationId === record.organizationId,
    );
    return {
      id: randomUUID(),
      type: 'clinical.answered',
      organizationId: record.organizationId,
      patientId: record.patientId,
      // The submission time: the store never reads a clock (commands pass `now`).
      occurredAt: record.submittedAt,
      responseId: record.id,
      questionnaireId: record.questionnaireId,
      answers: deriveAnswers(ofOrganization, (id) => this.questionnaire(id)),
    };
  }
}
