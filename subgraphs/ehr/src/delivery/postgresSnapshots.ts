import type { ChangeEvent, QuestionnaireCanonical } from '@carebridge/common';
import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { EhrDatabase, EhrTables } from '../data/database';
import type { CanonicalRecord } from '../data/records';
import { applyEvent, recordOf, type Applied, type PatientCopy, type SnapshotStore } from './snapshots';

/** The advisory-lock class of "a patient's snapshot is being changed" (two-key form). */
const SNAPSHOT_LOCK = 1101;

type Row = Selectable<EhrTables['snapshot']>;

function toCopy(row: Row): PatientCopy {
  const answers = row.answers as CanonicalRecord['answers'];
  const patient = row.patient as CanonicalRecord['patient'] | null;
  const questionnaire = (row.questionnaire as QuestionnaireCanonical | null) ?? undefined;
  const known = { answers, ...(questionnaire === undefined ? {} : { questionnaire }) };
  return {
    organizationId: row.organization_id,
    record: patient ? recordOf(patient, known) : null,
    ...known,
    primaryCarePhysicianId: row.primary_care_physician_id,
    deleted: row.deleted,
  };
}

function toRow(patientId: string, copy: PatientCopy): Insertable<EhrTables['snapshot']> {
  return {
    patient_id: patientId,
    organization_id: copy.organizationId,
    patient: copy.record ? JSON.stringify(copy.record.patient) : null,
    answers: JSON.stringify(copy.answers),
    questionnaire: copy.questionnaire === undefined ? null : JSON.stringify(copy.questionnaire),
    primary_care_physician_id: copy.primaryCarePhysicianId,
    deleted: copy.deleted,
  };
}

/**
 * The patients' copies on PostgreSQL (`snapshot`, shared by every replica), with the ids of the
 * events applied (`snapshot_event`). An event is applied in one database transaction holding an
 * advisory lock on its patient: the patient and clinical subgraphs' events about one patient may
 * reach two replicas at once, and each reads the copy, applies its event (`applyEvent`, as in
 * memory) and writes it back without losing the other's change.
 */
export class PostgresSnapshotStore implements SnapshotStore {
  private readonly db: Kysely<EhrTables>;

  constructor(database: EhrDatabase) {
    this.db = database.db;
  }

  async get(patientId: string): Promise<PatientCopy | undefined> {
    const row = await this.db.selectFrom('snapshot').selectAll().where('patient_id', '=', patientId).executeTakeFirst();
    return row && toCopy(row);
  }

  apply(event: ChangeEvent): Promise<Applied> {
    return this.db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(${SNAPSHOT_LOCK}, hashtext(${event.patientId}))`.execute(trx);
      const seen = await trx
        .selectFrom('snapshot_event')
        .select('had_record')
        .where('event_id', '=', event.id)
        .executeTakeFirst();
      if (seen) return { applied: false, hadRecord: seen.had_record };
      const row = await trx
        .selectFrom('snapshot')
        .selectAll()
        .where('patient_id', '=', event.patientId)
        .executeTakeFirst();
      const before = row && toCopy(row);
      const hadRecord = Boolean(before?.record);
      const { patient_id: _id, ...values } = toRow(event.patientId, applyEvent(before, event));
      await trx
        .insertInto('snapshot')
        .values({ patient_id: event.patientId, ...values })
        .onConflict((oc) => oc.column('patient_id').doUpdateSet(values))
        .execute();
      await trx.insertInto('snapshot_event').values({ event_id: event.id, had_record: hadRecord }).execute();
      return { applied: true, hadRecord };
    });
  }

  async patientsOf(organizationId: string, primaryCarePhysicianId?: string): Promise<string[]> {
    let query = this.db
      .selectFrom('snapshot')
      .select('patient_id')
      .where('organization_id', '=', organizationId)
      .where('deleted', '=', false)
      .where('patient', 'is not', null);
    if (primaryCarePhysicianId !== undefined) {
      query = query.where('primary_care_physician_id', '=', primaryCarePhysicianId);
    }
    const rows = await query.execute();
    // Code-unit order, as in memory (the database's collation need not agree).
    return rows.map((r) => r.patient_id).sort();
  }
}
