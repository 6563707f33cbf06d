import { appendToOutbox, errorCode, isUniqueViolation, PostgresOutbox, writeAuditWithin } from '@carebridge/db';
import { silentLogger, type ChangeAudit, type ChangeEvent, type Logger } from '@carebridge/common';
import { sql, type Insertable, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { ClinicalDatabase, ClinicalTables } from './database';
import { announcedEvents, answeredEvent } from './events';
import type { PatientTombstoneRecord, QuestionnaireRecord, QuestionnaireResponseRecord } from './records';
import { LinkAlreadyUsedError, PatientDeletedError, type ClinicalStore, type SeedData } from './store';

type QuestionnaireRow = Selectable<ClinicalTables['questionnaire']>;
type ResponseRow = Selectable<ClinicalTables['questionnaire_response']>;
type Db = Kysely<ClinicalTables>;

/**
 * The clinical store on PostgreSQL (the `clinical` schema), shared by every replica.
 *
 * Each change is one transaction with its change event (`appendToOutbox`) and its audit record
 * (`writeAuditWithin`), so a response is never stored without its `clinical.answered` event and
 * its record, nor the event sent without the response. Events of
 * one patient stay in order across replicas: a response is added under an advisory lock on its
 * patient, taken before the patient's latest answers are read for the event, so a second response
 * of the patient waits for the first to commit, sees it, and takes a later outbox `seq`.
 * Versions of one name are added under a lock on the name, and the table's constraints refuse
 * what the locks would otherwise have to (a second version 2, a second ACTIVE version, a reused
 * intake link).
 */
export class PostgresClinicalStore implements ClinicalStore {
  readonly outbox: PostgresOutbox<ClinicalTables>;
  private readonly db: Db;
  private readonly schema: string;

  constructor(
    private readonly database: ClinicalDatabase,
    options: { logger?: Logger } = {},
  ) {
    this.db = database.db;
    this.schema = database.schema;
    this.outbox = new PostgresOutbox({
      database,
      logger: options.logger ?? silentLogger,
    });
  }

  async questionnaire(id: string): Promise<QuestionnaireRecord | undefined> {
    const row = await this.db.selectFrom('questionnaire').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toQuestionnaire(row);
  }

  questionnairesById(ids: readonly string[]): Promise<Map<string, QuestionnaireRecord>> {
    return versionsById(this.db, ids);
  }

  questionnaireVersions(name: string): Promise<readonly QuestionnaireRecord[]> {
    return versionsOf(this.db, name);
  }

  async questionnaires({ includeRetired }: { includeRetired: boolean }): Promise<QuestionnaireRecord[]> {
    let query = this.db.selectFrom('questionnaire').selectAll();
    if (!includeRetired) query = query.where('status', '=', 'ACTIVE');
    // Byte order, as the in-memory store's sort: the database's collation could order names otherwise.
    const rows = await query
      .orderBy(sql`name COLLATE "C"`)
      .orderBy('version')
      .execute();
    return rows.map(toQuestionnaire);
  }

  addQuestionnaireVersion(record: QuestionnaireRecord): Promise<QuestionnaireRecord> {
    return this.db.transaction().execute(async (trx) => {
      await this.lock(trx, 'questionnaire', record.name);
      return insertVersion(trx, record);
    });
  }

  async response(id: string): Promise<QuestionnaireResponseRecord | undefined> {
    const row = await this.db.selectFrom('questionnaire_response').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toResponse(row);
  }

  responsesOfPatient(patientId: string): Promise<readonly QuestionnaireResponseRecord[]> {
    return responsesOf(this.db, patientId);
  }

  async isLinkUsed(linkId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('used_intake_link')
      .select('link_id')
      .where('link_id', '=', linkId)
      .executeTakeFirst();
    return row !== undefined;
  }

  addResponse(
    record: QuestionnaireResponseRecord,
    { linkId, audit }: { linkId?: string; audit?: ChangeAudit } = {},
  ): Promise<QuestionnaireResponseRecord> {
    return this.db.transaction().execute(async (trx) => {
      await this.lock(trx, 'patient', record.patientId);
      // Under the patient's lock, as the erasure: a response is refused or erased, never left behind.
      if (await tombstoneOf(trx, record.patientId)) throw new PatientDeletedError(record.patientId);
      await insertResponses(trx, [record]);
      if (linkId !== undefined) {
        try {
          await trx.insertInto('used_intake_link').values({ link_id: linkId, response_id: record.id }).execute();
        } catch (error) {
          // The other replica's response through this link committed first: this one is rolled back.
          if (isUniqueViolation(error, 'used_intake_link_pkey')) throw new LinkAlreadyUsedError(linkId);
          throw error;
        }
      }
      const responses = await responsesOf(trx, record.patientId);
      const versions = await versionsById(
        trx,
        responses.map((r) => r.questionnaireId),
      );
      await appendToOutbox(trx, this.schema, [answeredEvent(record, responses, (id) => versions.get(id))]);
      await writeAuditWithin(trx, audit, [record.patientId]);
      return record;
    });
  }

  erasePatient({ patientId, organizationId, deletedAt }: PatientTombstoneRecord): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      await this.lock(trx, 'patient', patientId);
      await trx
        .insertInto('deleted_patient')
        .values({ patient_id: patientId, organization_id: organizationId, deleted_at: deletedAt })
        .onConflict((oc) => oc.column('patient_id').doNothing())
        .execute();
      // Used links keep their row (the foreign key sets their response to null).
      const erased = await trx
        .deleteFrom('questionnaire_response')
        .where('patient_id', '=', patientId)
        .executeTakeFirst();
      await trx
        .deleteFrom('outbox')
        .where(sql<string>`event->>'patientId'`, '=', patientId)
        .execute();
      return Number(erased.numDeletedRows);
    });
  }

  async tombstone(patientId: string): Promise<PatientTombstoneRecord | undefined> {
    return tombstoneOf(this.db, patientId);
  }

  loadSeed({ questionnaire, responses }: SeedData, { announce }: { announce: boolean }): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      // Replicas starting together: the first seeds, the others wait here and then find it seeded.
      await this.lock(trx, 'seed', '');
      const any = await trx.selectFrom('questionnaire').select('id').limit(1).executeTakeFirst();
      if (any) return false;
      const added = await insertVersion(trx, questionnaire);
      await insertResponses(trx, responses);
      if (announce) await appendToOutbox(trx, this.schema, seedAnnouncements(added, responses));
      return true;
    });
  }

  /** Gives up relaying (another replica takes over); the caller closes the database after. */
  close(): Promise<void> {
    return this.outbox.close();
  }

  /** A transaction-scoped lock on one key of a kind, in this schema only (advisory locks span the database). */
  private async lock(trx: Transaction<ClinicalTables>, kind: string, key: string): Promise<void> {
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`${this.schema}:${kind}`}), hashtext(${key}))`.execute(trx);
  }
}

function seedAnnouncements(
  questionnaire: QuestionnaireRecord,
  responses: readonly QuestionnaireResponseRecord[],
): ChangeEvent[] {
  // The database was empty, so the seed is every response there is; newest first per patient.
  const byPatient = new Map<string, QuestionnaireResponseRecord[]>();
  for (const record of responses) byPatient.set(record.patientId, [...(byPatient.get(record.patientId) ?? []), record]);
  // Newest first, and on the same instant the later stored first, as `responsesOfPatient` answers.
  const newestFirst = [...byPatient.values()].map((list) =>
    [...list].reverse().sort((a, b) => (a.submittedAt === b.submittedAt ? 0 : a.submittedAt > b.submittedAt ? -1 : 1)),
  );
  return announcedEvents(newestFirst, (id) => (id === questionnaire.id ? questionnaire : undefined));
}

async function tombstoneOf(db: Db, patientId: string): Promise<PatientTombstoneRecord | undefined> {
  const row = await db.selectFrom('deleted_patient').selectAll().where('patient_id', '=', patientId).executeTakeFirst();
  return row && { patientId: row.patient_id, organizationId: row.organization_id, deletedAt: row.deleted_at };
}

async function versionsOf(db: Db, name: string): Promise<QuestionnaireRecord[]> {
  const rows = await db.selectFrom('questionnaire').selectAll().where('name', '=', name).orderBy('version').execute();
  return rows.map(toQuestionnaire);
}

async function versionsById(db: Db, ids: readonly string[]): Promise<Map<string, QuestionnaireRecord>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('questionnaire')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((row) => [row.id, toQuestionnaire(row)]));
}

async function responsesOf(db: Db, patientId: string): Promise<QuestionnaireResponseRecord[]> {
  const rows = await db
    .selectFrom('questionnaire_response')
    .selectAll()
    .where('patient_id', '=', patientId)
    .orderBy('submitted_at', 'desc')
    .orderBy('seq', 'desc')
    .execute();
  return rows.map(toResponse);
}

/** The next version of its name, retiring the previous one; the caller holds the name's lock. */
async function insertVersion(trx: Db, record: QuestionnaireRecord): Promise<QuestionnaireRecord> {
  const existing = await versionsOf(trx, record.name);
  if (record.version !== existing.length + 1) {
    throw new Error(`questionnaire ${record.name} expects version ${existing.length + 1}, got ${record.version}`);
  }
  const previous = existing.at(-1);
  if (previous)
    await trx.updateTable('questionnaire').set({ status: 'RETIRED' }).where('id', '=', previous.id).execute();
  const added: QuestionnaireRecord = { ...record, status: 'ACTIVE' };
  try {
    await trx.insertInto('questionnaire').values(toQuestionnaireRow(added)).execute();
  } catch (error) {
    if (isUniqueViolation(error, 'questionnaire_pkey')) throw new Error(`questionnaire id ${record.id} is taken`);
    throw error;
  }
  return added;
}

/** Rows per INSERT: far below PostgreSQL's 65,535 parameters at 8 a row. */
const INSERT_BATCH = 1_000;

async function insertResponses(trx: Db, records: readonly QuestionnaireResponseRecord[]): Promise<void> {
  for (let at = 0; at < records.length; at += INSERT_BATCH) {
    const batch = records.slice(at, at + INSERT_BATCH);
    try {
      await trx.insertInto('questionnaire_response').values(batch.map(toResponseRow)).execute();
    } catch (error) {
      // The same refusals as the in-memory store, naming ids only (never answers).
      const only = batch.length === 1 ? batch[0]! : undefined;
      if (only && isUniqueViolation(error, 'questionnaire_response_pkey')) {
        throw new Error(`response id ${only.id} is taken`);
      }
      if (only && errorCode(error) === '23503') {
        throw new Error(`response ${only.id} answers unknown questionnaire ${only.questionnaireId}`);
      }
      throw error;
    }
  }
}

function toQuestionnaire(row: QuestionnaireRow): QuestionnaireRecord {
  return {
    id: row.id,
    organizationId: row.organization_id,
    name: row.name,
    version: row.version,
    status: row.status,
    title: row.title,
    items: row.items,
    publishedAt: row.published_at,
  };
}

function toQuestionnaireRow(record: QuestionnaireRecord): Insertable<ClinicalTables['questionnaire']> {
  return {
    id: record.id,
    organization_id: record.organizationId,
    name: record.name,
    version: record.version,
    status: record.status,
    title: JSON.stringify(record.title),
    items: JSON.stringify(record.items),
    published_at: record.publishedAt,
  };
}

function toResponse(row: ResponseRow): QuestionnaireResponseRecord {
  return {
    id: row.id,
    patientId: row.patient_id,
    organizationId: row.organization_id,
    questionnaireId: row.questionnaire_id,
    language: row.language,
    answers: row.answers,
    submittedAt: row.submitted_at,
    submittedBy: row.submitted_by,
  };
}

function toResponseRow(record: QuestionnaireResponseRecord): Insertable<ClinicalTables['questionnaire_response']> {
  return {
    id: record.id,
    patient_id: record.patientId,
    organization_id: record.organizationId,
    questionnaire_id: record.questionnaireId,
    language: record.language,
    answers: JSON.stringify(record.answers),
    submitted_at: record.submittedAt,
    submitted_by: record.submittedBy,
  };
}
