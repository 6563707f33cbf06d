import { InMemoryOutbox, type ChangeAudit, type Outbox } from '@carebridge/common';
import { announcedEvents, answeredEvent } from './events';
import type { PatientTombstoneRecord, QuestionnaireRecord, QuestionnaireResponseRecord } from './records';

/**
 * Where the clinical subgraph keeps questionnaires and responses. Resolvers and commands see only
 * this interface, implemented in memory (below, the default) and on PostgreSQL
 * (`postgresStore.ts`, with `DATABASE_URL`); `test/store.test.ts` holds both to one contract.
 * Every method that serves one entity is an index lookup, never a scan.
 */
export interface ClinicalStore {
  /** Change events not yet delivered to the ehr subgraph, oldest first. */
  readonly outbox: Outbox;
  /** One version by id. */
  questionnaire(id: string): Promise<QuestionnaireRecord | undefined>;
  /** The versions among `ids` that exist, by id: what deriving a patient's history needs at once. */
  questionnairesById(ids: readonly string[]): Promise<Map<string, QuestionnaireRecord>>;
  /** Every version sharing `name`, oldest first; empty when the name is unknown. */
  questionnaireVersions(name: string): Promise<readonly QuestionnaireRecord[]>;
  /** The ACTIVE version of each questionnaire (or every version), ordered by name then version. */
  questionnaires(options: { includeRetired: boolean }): Promise<QuestionnaireRecord[]>;
  /**
   * Adds the next version of `record.name`: version 1 for a new name, otherwise the latest
   * version + 1, which becomes ACTIVE while the previous one becomes RETIRED, in one step.
   * Throws when `record.version` is not the next one, so two concurrent publishes cannot both win.
   */
  addQuestionnaireVersion(record: QuestionnaireRecord): Promise<QuestionnaireRecord>;
  response(id: string): Promise<QuestionnaireResponseRecord | undefined>;
  /** A patient's responses, newest first; empty for a patient without responses. */
  responsesOfPatient(patientId: string): Promise<readonly QuestionnaireResponseRecord[]>;
  /**
   * Stores a response. With `linkId` (a submission through an intake link) it also records the
   * link as used, in the same step, and throws `LinkAlreadyUsedError` without storing anything
   * when the link was used before: two submissions with one link cannot both be stored.
   *
   * In the same step it records a `clinical.answered` event in `outbox` carrying the patient's
   * latest answers for the response's organization, so an EHR never misses a response and never
   * hears of one that was not stored; and, with `audit`, the submission's audit record (see
   * `ChangeAudit`): when that cannot be written nothing is stored, no link used, no event recorded.
   *
   * Throws `PatientDeletedError`, storing nothing, for a patient with a tombstone: checked in the
   * same step, so a response racing the patient's erasure is either refused or erased with the rest.
   */
  addResponse(
    record: QuestionnaireResponseRecord,
    options?: { linkId?: string; audit?: ChangeAudit },
  ): Promise<QuestionnaireResponseRecord>;
  /**
   * Erases a deleted patient, in one step: records the tombstone (the first deletion's stays when
   * the patient already has one), deletes every response of the patient and the patient's events
   * not yet delivered. Used intake links stay used. Afterwards the patient's responses read as
   * unknown ids and an empty list. Answers how many responses it deleted (none on a redelivery).
   */
  erasePatient(tombstone: PatientTombstoneRecord): Promise<number>;
  /** The patient's tombstone, or undefined when the patient was never deleted. */
  tombstone(patientId: string): Promise<PatientTombstoneRecord | undefined>;
  /** Whether a response was already stored through the intake link `linkId`. */
  isLinkUsed(linkId: string): Promise<boolean>;
  /**
   * Loads seed data (a questionnaire and responses already validated, see `seed.ts`) into an empty
   * store only, recording no event per response; with `announce`, one `clinical.answered` event
   * per patient's latest response, in the same step. Answers whether it loaded: a store that holds
   * any questionnaire (a restarted service, or a replica that lost the race) is left as it is.
   */
  loadSeed(seed: SeedData, options: { announce: boolean }): Promise<boolean>;
}

export interface SeedData {
  questionnaire: QuestionnaireRecord;
  responses: readonly QuestionnaireResponseRecord[];
}

/** The versions `responses` answered, as the lookup `deriveHistory` and `deriveAnswers` take. */
export async function answeredVersions(
  store: ClinicalStore,
  responses: readonly QuestionnaireResponseRecord[],
): Promise<(id: string) => QuestionnaireRecord | undefined> {
  const versions = await store.questionnairesById([...new Set(responses.map((r) => r.questionnaireId))]);
  return (id) => versions.get(id);
}

/** An intake link answers once: `addResponse` refuses a second response through it. */
export class LinkAlreadyUsedError extends Error {
  override name = 'LinkAlreadyUsedError';
  constructor(readonly linkId: string) {
    super(`intake link ${linkId} was already used`);
  }
}

/** A deleted patient's answers are erased: `addResponse` refuses the patient from then on. */
export class PatientDeletedError extends Error {
  override name = 'PatientDeletedError';
  constructor(readonly patientId: string) {
    super(`patient ${patientId} was deleted`);
  }
}

/**
 * The in-memory store. Its methods work synchronously and answer settled promises, so each runs
 * whole before any other request's code: the "same step" of the interface is one call.
 */
export class InMemoryClinicalStore implements ClinicalStore {
  private readonly versionsById = new Map<string, QuestionnaireRecord>();
  /** Version ids per name, oldest first. */
  private readonly versionIdsByName = new Map<string, string[]>();
  private readonly responsesById = new Map<string, QuestionnaireResponseRecord>();
  /** Response ids per patient, newest first. */
  private readonly responseIdsByPatient = new Map<string, string[]>();
  /** Intake link id → the response stored through it. */
  private readonly responseIdByLink = new Map<string, string>();
  private readonly tombstones = new Map<string, PatientTombstoneRecord>();
  private readonly events = new InMemoryOutbox();
  private readonly lookup = (id: string) => this.versionsById.get(id);

  /** The in-memory outbox itself, whose `pendingNow`/`sizeNow` tests read synchronously. */
  get outbox(): InMemoryOutbox {
    return this.events;
  }

  questionnaire(id: string): Promise<QuestionnaireRecord | undefined> {
    return Promise.resolve(this.versionsById.get(id));
  }

  questionnairesById(ids: readonly string[]): Promise<Map<string, QuestionnaireRecord>> {
    const found = ids.flatMap((id) => {
      const record = this.versionsById.get(id);
      return record ? [[id, record] as const] : [];
    });
    return Promise.resolve(new Map(found));
  }

  questionnaireVersions(name: string): Promise<readonly QuestionnaireRecord[]> {
    return Promise.resolve(this.versionsOf(name));
  }

  questionnaires({ includeRetired }: { includeRetired: boolean }): Promise<QuestionnaireRecord[]> {
    const names = [...this.versionIdsByName.keys()].sort();
    return Promise.resolve(
      names.flatMap((name) => {
        const versions = this.versionsOf(name);
        return includeRetired ? versions : versions.filter((v) => v.status === 'ACTIVE');
      }),
    );
  }

  addQuestionnaireVersion(record: QuestionnaireRecord): Promise<QuestionnaireRecord> {
    return settle(() => this.addVersionNow(record));
  }

  response(id: string): Promise<QuestionnaireResponseRecord | undefined> {
    return Promise.resolve(this.responsesById.get(id));
  }

  responsesOfPatient(patientId: string): Promise<readonly QuestionnaireResponseRecord[]> {
    return Promise.resolve(this.responsesOfPatientNow(patientId));
  }

  isLinkUsed(linkId: string): Promise<boolean> {
    return Promise.resolve(this.responseIdByLink.has(linkId));
  }

  addResponse(
    record: QuestionnaireResponseRecord,
    options: { linkId?: string; audit?: ChangeAudit } = {},
  ): Promise<QuestionnaireResponseRecord> {
    return settle(() => {
      if (this.tombstones.has(record.patientId)) throw new PatientDeletedError(record.patientId);
      // Checked, then recorded, then stored: a record that cannot be written leaves nothing behind.
      this.checkResponse(record, options.linkId);
      options.audit?.writeNow([record.patientId]);
      this.insertResponse(record, options);
      this.events.append(answeredEvent(record, this.responsesOfPatientNow(record.patientId), this.lookup));
      return record;
    });
  }

  erasePatient(tombstone: PatientTombstoneRecord): Promise<number> {
    const { patientId } = tombstone;
    if (!this.tombstones.has(patientId)) this.tombstones.set(patientId, { ...tombstone });
    const ids = this.responseIdsByPatient.get(patientId) ?? [];
    for (const id of ids) this.responsesById.delete(id);
    this.responseIdsByPatient.delete(patientId);
    this.events.discard((event) => event.patientId === patientId);
    return Promise.resolve(ids.length);
  }

  tombstone(patientId: string): Promise<PatientTombstoneRecord | undefined> {
    const found = this.tombstones.get(patientId);
    return Promise.resolve(found && { ...found });
  }

  loadSeed(seed: SeedData, { announce }: { announce: boolean }): Promise<boolean> {
    return settle(() => {
      const loaded = this.loadSeedNow(seed);
      if (loaded && announce) this.announceLoaded();
      return loaded;
    });
  }

  /** `loadSeed` without the promise or the announcement: `createSeededStore` builds a store with it. */
  loadSeedNow({ questionnaire, responses }: SeedData): boolean {
    if (this.versionsById.size > 0) return false;
    this.addVersionNow(questionnaire);
    for (const record of responses) this.insertResponse(record, {});
    return true;
  }

  /**
   * Records a `clinical.answered` event for the latest response of every patient, oldest first:
   * in development the EHR sandbox starts empty, and this brings it the seed data.
   */
  announceLoaded(): void {
    const byPatient = [...this.responseIdsByPatient.keys()].map((id) => this.responsesOfPatientNow(id));
    this.events.append(...announcedEvents(byPatient, this.lookup));
  }

  private versionsOf(name: string): QuestionnaireRecord[] {
    return (this.versionIdsByName.get(name) ?? []).map((id) => this.versionsById.get(id)!);
  }

  private responsesOfPatientNow(patientId: string): QuestionnaireResponseRecord[] {
    return (this.responseIdsByPatient.get(patientId) ?? []).map((id) => this.responsesById.get(id)!);
  }

  private addVersionNow(record: QuestionnaireRecord): QuestionnaireRecord {
    if (this.versionsById.has(record.id)) throw new Error(`questionnaire id ${record.id} is taken`);
    const ids = this.versionIdsByName.get(record.name) ?? [];
    const previousId = ids.at(-1);
    if (record.version !== ids.length + 1) {
      throw new Error(`questionnaire ${record.name} expects version ${ids.length + 1}, got ${record.version}`);
    }
    if (previousId !== undefined) {
      const previous = this.versionsById.get(previousId)!;
      // Records are immutable values: retiring replaces the record rather than editing it.
      this.versionsById.set(previousId, { ...previous, status: 'RETIRED' });
    }
    const added: QuestionnaireRecord = { ...record, status: 'ACTIVE' };
    this.versionsById.set(added.id, added);
    this.versionIdsByName.set(record.name, [...ids, added.id]);
    return added;
  }

  /** Why `insertResponse` would refuse the response, thrown before anything is written. */
  private checkResponse(record: QuestionnaireResponseRecord, linkId: string | undefined): void {
    if (this.responsesById.has(record.id)) throw new Error(`response id ${record.id} is taken`);
    if (!this.versionsById.has(record.questionnaireId)) {
      throw new Error(`response ${record.id} answers unknown questionnaire ${record.questionnaireId}`);
    }
    if (linkId !== undefined && this.responseIdByLink.has(linkId)) throw new LinkAlreadyUsedError(linkId);
  }

  private insertResponse(record: QuestionnaireResponseRecord, { linkId }: { linkId?: string }): void {
    this.checkResponse(record, linkId);
    if (linkId !== undefined) this.responseIdByLink.set(linkId, record.id);
    this.responsesById.set(record.id, record);
    const ids = this.responseIdsByPatient.get(record.patientId) ?? [];
    // New responses are almost always the newest, so this stops at the first position.
    let at = 0;
    while (at < ids.length && this.responsesById.get(ids[at]!)!.submittedAt > record.submittedAt) at++;
    ids.splice(at, 0, record.id);
    this.responseIdsByPatient.set(record.patientId, ids);
  }
}

/** Runs a synchronous store step as a promise: a refusal is a rejection, as from a database. */
function settle<T>(step: () => T): Promise<T> {
  try {
    return Promise.resolve(step());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
