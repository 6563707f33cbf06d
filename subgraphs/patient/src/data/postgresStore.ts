import { randomUUID } from 'node:crypto';
import {
  badUserInput,
  notFound,
  silentLogger,
  versionConflict,
  type ChangeAudit,
  type ChangeEvent,
  type Logger,
} from '@carebridge/common';
import { appendToOutbox, isUniqueViolation, PostgresOutbox, writeAuditWithin } from '@carebridge/db';
import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { Gender, Language } from '../__generated__/schema-types';
import type { PatientDatabase, PatientTables } from './database';
import { copyAddress, copyEmergencyContact, copyInsurance, patientDeleted, patientUpserted } from './events';
import { generatedMrn, generatedMrnNumber, mrnKey } from './mrn-index';
import { cursorKey, inListOrder, listRows, matching, searchOrganization } from './postgresList';
import type {
  AddressRecord,
  EmergencyContactRecord,
  InsuranceRecord,
  NewPatient,
  PatientPatch,
  PatientRecord,
  ProviderRecord,
} from './records';
import {
  mrnTaken,
  planChange,
  refuseTakenMrns,
  type PatientListFilter,
  type PatientListQuery,
  type PatientPage,
  type PatientStore,
  type VersionedId,
} from './store';
import { patientSortKey, searchTokens, searchWords } from './text';

type Db = Kysely<PatientTables>;
type PatientRow = Selectable<PatientTables['patient']>;

/** The unique index of (organization, MRN); its violation is another patient's MRN. */
const MRN_INDEX = 'patient_mrn';
/** Rows per INSERT: 19 columns each stay far below PostgreSQL's 65,535 parameters. */
const INSERT_CHUNK = 1_000;
/** Tries of a change whose MRN another replica took between this one's check and its write. */
const MRN_RACE_TRIES = 3;

export interface PostgresPatientStoreOptions {
  now?: () => Date;
  newId?: () => string;
  logger?: Logger;
}

export interface SeedData {
  providers: readonly ProviderRecord[];
  patients: readonly PatientRecord[];
  /** Record a `patient.upserted` per seeded patient (as `announceLoaded`), in the seeding transaction. */
  announce?: boolean;
}

/**
 * `PatientStore` on PostgreSQL (the patient schema, see migrations/), shared by every replica. It
 * answers exactly what `InMemoryPatientStore` answers; the database enforces what that store
 * enforces by hand:
 *
 * - MRNs unique per organization: the `patient_mrn` index. The in-memory store's checks run first,
 *   inside the transaction, so a refusal names the same fields; a violation that still happens (a
 *   replica took the MRN in between) runs the change again, whose check then reports it.
 * - optimistic concurrency: `UPDATE … WHERE id = $1 AND version = $2`; no row means another
 *   change won, answered as NOT_FOUND or VERSION_CONFLICT from the row as it now is.
 * - generated MRNs: `mrn_counter`, one row per organization, locked by every change that generates
 *   an MRN or writes one in the generated format, so replicas never propose the same MRN.
 *
 * Each change, its events and its audit record commit in one transaction (`appendToOutbox`,
 * `writeAuditWithin`); the patient's row is written before its event is appended, so the row lock
 * orders one patient's events.
 *
 * Providers are reference data that only the seed writes: read once at `open` (and after `seed`)
 * and answered from memory, so a page of patients costs no query per physician.
 */
export class PostgresPatientStore implements PatientStore {
  readonly outbox: PostgresOutbox<PatientTables>;
  private readonly db: Db;
  private readonly now: () => Date;
  private readonly newId: () => string;
  private providers = new Map<string, ProviderRecord>();
  private providerList: readonly ProviderRecord[] = [];

  private constructor(
    private readonly database: PatientDatabase,
    options: PostgresPatientStoreOptions,
  ) {
    this.db = database.db;
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? (() => `pt-${randomUUID()}`);
    this.outbox = new PostgresOutbox({
      database,
      logger: options.logger ?? silentLogger,
    });
  }

  /** A store over a migrated patient schema (`openPatientDatabase`), with its providers read. */
  static async open(
    database: PatientDatabase,
    options: PostgresPatientStoreOptions = {},
  ): Promise<PostgresPatientStore> {
    const store = new PostgresPatientStore(database, options);
    await store.readProviders();
    return store;
  }

  /** Gives up the outbox's lead (another replica relays); the caller closes the database after. */
  close(): Promise<void> {
    return this.outbox.close();
  }

  /**
   * Writes the seed data once per database: only when it was never seeded and holds no patient, under
   * an advisory lock, so replicas starting together seed it once and the others wait and skip it.
   * Answers whether this call seeded.
   */
  async seed(data: SeedData): Promise<boolean> {
    const seeded = await this.db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(hashtext(${`carebridge:${this.database.schema}:seed`}))`.execute(trx);
      const marked = await trx.selectFrom('seed_state').select('name').where('name', '=', 'seed').executeTakeFirst();
      const anyPatient = await trx.selectFrom('patient').select('id').limit(1).executeTakeFirst();
      if (marked !== undefined || anyPatient !== undefined) return false;
      if (data.providers.length > 0) {
        await trx
          .insertInto('provider')
          .values(data.providers.map(providerRow))
          .onConflict((oc) => oc.column('id').doNothing())
          .execute();
      }
      await this.insertRecords(trx, data.patients);
      if (data.announce === true) {
        const providers = new Map(data.providers.map((p) => [p.id, p]));
        const ordered = [...data.patients].sort((a, b) => compareSortKeys(a, b));
        await appendToOutbox(
          trx,
          this.database.schema,
          ordered.map((record) => upserted(record, providers, record.updatedAt)),
        );
      }
      await trx.insertInto('seed_state').values({ name: 'seed' }).execute();
      return true;
    });
    await this.readProviders();
    return seeded;
  }

  /**
   * Loads complete records (imports, tests, the benchmark) keeping their ids, versions and
   * timestamps, as `InMemoryPatientStore.load`; records no events. All or nothing.
   */
  async load(records: readonly PatientRecord[]): Promise<void> {
    try {
      await this.db.transaction().execute((trx) => this.insertRecords(trx, records));
    } catch (error) {
      if (isUniqueViolation(error)) throw new Error('load: duplicate id or MRN');
      throw error;
    }
  }

  async findById(id: string): Promise<PatientRecord | undefined> {
    const row = await this.db.selectFrom('patient').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toRecord(row);
  }

  async findIdByMrn(organizationId: string, mrn: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('patient')
      .select('id')
      .where('organization_id', '=', organizationId)
      .where(sql`lower(mrn)`, '=', sql`lower(${mrn})`)
      .executeTakeFirst();
    return row?.id;
  }

  findProviderById(id: string): Promise<ProviderRecord | undefined> {
    return Promise.resolve(this.providers.get(id));
  }

  listProviders(organizationId?: string | null): Promise<ProviderRecord[]> {
    return Promise.resolve(
      this.providerList.filter((p) => organizationId == null || p.organizationId === organizationId),
    );
  }

  async list({ filter, first, after }: PatientListQuery): Promise<PatientPage> {
    const cursor = after === undefined ? undefined : cursorKey(after);
    const words = searchWords(filter?.search);
    const organizationId = filter?.organizationId;
    // A search within an organization (every staff member's) reads that organization's token rows.
    const { rows, total } =
      organizationId != null && words.length > 0
        ? await searchOrganization(this.db, {
            organizationId,
            words,
            primaryCarePhysicianId: filter?.primaryCarePhysicianId,
            after: cursor,
            limit: first + 1,
          })
        : await listRows(this.db, filter ?? {}, cursor, first + 1);
    const nodes = rows.map(toRecord);
    const shown = nodes.slice(0, first);
    const last = shown.at(-1);
    return {
      nodes: shown,
      hasNextPage: nodes.length > first,
      endKey: last === undefined ? null : patientSortKey(last),
      totalCount: total,
    };
  }

  async listAll(filter: PatientListFilter): Promise<PatientRecord[]> {
    const rows = await inListOrder(this.db.selectFrom('patient').selectAll().where(matching(filter))).execute();
    return rows.map(toRecord);
  }

  create(inputs: readonly NewPatient[], audit?: ChangeAudit): Promise<PatientRecord[]> {
    const timestamp = this.now().toISOString();
    return this.retryingMrnRace(() =>
      this.db.transaction().execute(async (trx) => {
        const given = inputs.flatMap((input) =>
          input.mrn === null ? [] : [{ organizationId: input.organizationId, mrn: input.mrn }],
        );
        const holders = await mrnHolders(trx, given);
        const reserved = refuseTakenMrns(inputs, (organizationId, mrn) => holders.get(mrnKey(organizationId, mrn)));
        const counters = await lockCounters(
          trx,
          inputs.filter((input) => input.mrn === null || generatedMrnNumber(input.organizationId, input.mrn)),
        );
        const generated = await generateMrns(trx, inputs, reserved, counters);
        const records = inputs.map((input, i): PatientRecord => ({
          ...input,
          id: this.newId(),
          mrn: input.mrn ?? generated[i] ?? '',
          version: 1,
          createdAt: timestamp,
          updatedAt: timestamp,
        }));
        await this.insertRecords(trx, records, counters);
        await appendToOutbox(
          trx,
          this.database.schema,
          records.map((record) => upserted(record, this.providers, timestamp)),
        );
        await writeAuditWithin(
          trx,
          audit,
          records.map((record) => record.id),
        );
        return records;
      }),
    );
  }

  async update(id: string, patch: PatientPatch, expectedVersion: number, audit?: ChangeAudit): Promise<PatientRecord> {
    const [updated] = await this.updateMany([{ id, expectedVersion }], patch, audit);
    if (updated === undefined) throw new Error('updateMany returned no patient');
    return updated;
  }

  updateMany(targets: readonly VersionedId[], patch: PatientPatch, audit?: ChangeAudit): Promise<PatientRecord[]> {
    const updatedAt = this.now().toISOString();
    return this.retryingMrnRace(() =>
      this.db.transaction().execute(async (trx) => {
        const ids = targets.map((t) => t.id);
        const rows =
          ids.length === 0 ? [] : await trx.selectFrom('patient').selectAll().where('id', 'in', ids).execute();
        const current = new Map(rows.map((row) => [row.id, toRecord(row)]));
        const nextMrns = targets.flatMap(({ id }) => {
          const record = current.get(id);
          return record === undefined ? [] : [{ organizationId: record.organizationId, mrn: patch.mrn ?? record.mrn }];
        });
        const holders = await mrnHolders(trx, nextMrns);
        const steps = planChange(targets, patch, updatedAt, {
          current: (id) => current.get(id),
          mrnHolder: (organizationId, mrn) => holders.get(mrnKey(organizationId, mrn)),
        });
        const changed = steps.filter(({ current, next }) => next !== current);
        const counters = await lockCounters(
          trx,
          changed.map(({ next }) => next).filter((next) => generatedMrnNumber(next.organizationId, next.mrn)),
        );
        // Rows in id order, the same in every session, so two bulk changes sharing patients cannot deadlock.
        const byId = [...changed].sort((a, b) => (a.next.id < b.next.id ? -1 : a.next.id > b.next.id ? 1 : 0));
        for (const { current: before, next } of byId) {
          const { id: _id, organization_id: _org, created_at: _created, ...values } = patientRow(next);
          const result = await trx
            .updateTable('patient')
            .set(values)
            .where('id', '=', next.id)
            .where('version', '=', before.version)
            .executeTakeFirst();
          if (result.numUpdatedRows === 0n) await refuseLostRace(trx, next.id, before.version);
        }
        const changedIds = changed.map(({ next }) => next.id);
        if (changedIds.length > 0) {
          await trx.deleteFrom('patient_search_token').where('patient_id', 'in', changedIds).execute();
        }
        await insertTokens(
          trx,
          changed.map(({ next }) => next),
        );
        await advanceCounters(
          trx,
          changed.map(({ next }) => next),
          counters,
        );
        await appendToOutbox(
          trx,
          this.database.schema,
          changed.map(({ next }) => upserted(next, this.providers, updatedAt)),
        );
        await writeAuditWithin(trx, audit, changedIds);
        return steps.map(({ next }) => next);
      }),
    );
  }

  delete(id: string, audit?: ChangeAudit): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.deleteFrom('patient').where('id', '=', id).returningAll().executeTakeFirst();
      if (row === undefined) return false;
      await appendToOutbox(trx, this.database.schema, [patientDeleted(toRecord(row), this.now().toISOString())]);
      await writeAuditWithin(trx, audit, [id]);
      return true;
    });
  }

  private async readProviders(): Promise<void> {
    const rows = await this.db.selectFrom('provider').selectAll().execute();
    const providers = rows.map((row): ProviderRecord => ({
      id: row.id,
      organizationId: row.organization_id,
      displayName: row.display_name,
      npi: row.npi,
      specialty: row.specialty,
    }));
    providers.sort((a, b) => compareStrings(a.displayName, b.displayName) || compareStrings(a.id, b.id));
    this.providerList = providers;
    this.providers = new Map(providers.map((p) => [p.id, p]));
  }

  /** Inserts rows, their search tokens, and moves the MRN generators past their MRNs. */
  private async insertRecords(trx: Db, records: readonly PatientRecord[], locked?: Map<string, number>): Promise<void> {
    for (let i = 0; i < records.length; i += INSERT_CHUNK) {
      await trx
        .insertInto('patient')
        .values(records.slice(i, i + INSERT_CHUNK).map(patientRow))
        .execute();
    }
    await insertTokens(trx, records);
    await advanceCounters(trx, records, locked ?? (await lockCounters(trx, records)));
  }

  /** Runs `change` again when another replica took one of its MRNs between its check and its write. */
  private async retryingMrnRace<T>(change: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await change();
      } catch (error) {
        if (!isUniqueViolation(error, MRN_INDEX)) throw error;
        if (attempt >= MRN_RACE_TRIES) throw badUserInput([mrnTaken('mrn')]);
      }
    }
  }
}

/** The patients holding these MRNs now, by `mrnKey`. */
async function mrnHolders(
  trx: Db,
  mrns: readonly { organizationId: string; mrn: string }[],
): Promise<Map<string, string>> {
  if (mrns.length === 0) return new Map();
  const { rows } = await sql<{ id: string; organization_id: string; mrn: string }>`
    SELECT p.id, p.organization_id, p.mrn FROM patient p
    JOIN unnest(${mrns.map((m) => m.organizationId)}::text[], ${mrns.map((m) => m.mrn)}::text[]) AS wanted (org, mrn)
      ON p.organization_id = wanted.org AND lower(p.mrn) = lower(wanted.mrn)
  `.execute(trx);
  return new Map(rows.map((row) => [mrnKey(row.organization_id, row.mrn), row.id]));
}

/**
 * Locks the MRN generators of the organizations these patients belong to (creating missing ones),
 * in organization order so that two changes cannot deadlock, and answers their next numbers.
 */
async function lockCounters(trx: Db, patients: readonly { organizationId: string }[]): Promise<Map<string, number>> {
  const organizations = [...new Set(patients.map((p) => p.organizationId))].sort();
  if (organizations.length === 0) return new Map();
  const rows = await trx
    .insertInto('mrn_counter')
    .values(organizations.map((organization_id) => ({ organization_id, next_number: 1 })))
    .onConflict((oc) => oc.column('organization_id').doUpdateSet({ next_number: sql`mrn_counter.next_number` }))
    .returning(['organization_id', 'next_number'])
    .execute();
  return new Map(rows.map((row) => [row.organization_id, Number(row.next_number)]));
}

/**
 * MRNs for the inputs without one, by input index, as `MrnIndex.generate` picks them: the next
 * numbers of the organization that are neither held nor given in this call. Moves `counters` on.
 */
async function generateMrns(
  trx: Db,
  inputs: readonly NewPatient[],
  reserved: Set<string>,
  counters: Map<string, number>,
): Promise<(string | undefined)[]> {
  const generated: (string | undefined)[] = [];
  const wanted = new Map<string, number[]>();
  inputs.forEach((input, i) => {
    if (input.mrn === null) wanted.set(input.organizationId, [...(wanted.get(input.organizationId) ?? []), i]);
  });
  for (const [organizationId, indexes] of wanted) {
    let n = counters.get(organizationId) ?? 1;
    let next = 0;
    while (next < indexes.length) {
      const candidates = Array.from({ length: indexes.length - next }, (_, k) => generatedMrn(organizationId, n + k));
      const held = await mrnHolders(
        trx,
        candidates.map((mrn) => ({ organizationId, mrn })),
      );
      for (const mrn of candidates) {
        n++;
        const key = mrnKey(organizationId, mrn);
        if (held.has(key) || reserved.has(key)) continue;
        reserved.add(key);
        generated[indexes[next++] ?? -1] = mrn;
        if (next === indexes.length) break;
      }
    }
    counters.set(organizationId, n);
  }
  return generated;
}

/** Stores each locked generator's next number: past what it generated and past every MRN written in its format. */
async function advanceCounters(
  trx: Db,
  records: readonly PatientRecord[],
  counters: Map<string, number>,
): Promise<void> {
  const next = new Map(counters);
  for (const record of records) {
    const number = generatedMrnNumber(record.organizationId, record.mrn);
    if (number === undefined || !Number.isSafeInteger(number + 1)) continue;
    next.set(record.organizationId, Math.max(next.get(record.organizationId) ?? 1, number + 1));
  }
  const changed = [...next].filter(([organizationId]) => counters.has(organizationId));
  if (changed.length === 0) return;
  await sql`
    UPDATE mrn_counter c SET next_number = greatest(c.next_number, n.next_number)
    FROM unnest(${changed.map(([o]) => o)}::text[], ${changed.map(([, n]) => n)}::bigint[]) AS n (organization_id, next_number)
    WHERE c.organization_id = n.organization_id
  `.execute(trx);
}

async function insertTokens(trx: Db, records: readonly PatientRecord[]): Promise<void> {
  const tokens: string[] = [];
  const ids: string[] = [];
  const organizations: string[] = [];
  const lasts: string[] = [];
  const firsts: string[] = [];
  for (const record of records) {
    const [last, first] = patientSortKey(record) as [string, string, string];
    for (const token of searchTokens(record)) {
      tokens.push(token);
      ids.push(record.id);
      organizations.push(record.organizationId);
      lasts.push(last);
      firsts.push(first);
    }
  }
  if (tokens.length === 0) return;
  await sql`
    INSERT INTO patient_search_token (token, patient_id, organization_id, sort_last, sort_first)
    SELECT * FROM unnest(${tokens}::text[], ${ids}::text[], ${organizations}::text[], ${lasts}::text[], ${firsts}::text[])
  `.execute(trx);
}

/** After `UPDATE … WHERE version` changed nothing: the patient is gone, or another change won. */
async function refuseLostRace(trx: Db, id: string, expectedVersion: number): Promise<never> {
  const now = await trx.selectFrom('patient').select('version').where('id', '=', id).executeTakeFirst();
  if (now === undefined) throw notFound('Patient', id);
  throw versionConflict('Patient', id, expectedVersion, now.version);
}

function upserted(record: PatientRecord, providers: ReadonlyMap<string, ProviderRecord>, at: string): ChangeEvent {
  const physicianId = record.primaryCarePhysicianId;
  return patientUpserted(record, physicianId === null ? undefined : providers.get(physicianId), at);
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareSortKeys(a: PatientRecord, b: PatientRecord): number {
  const [x, y] = [patientSortKey(a), patientSortKey(b)];
  for (let i = 0; i < x.length; i++) {
    const c = compareStrings(String(x[i]), String(y[i]));
    if (c !== 0) return c;
  }
  return 0;
}

function providerRow(p: ProviderRecord): Insertable<PatientTables['provider']> {
  return {
    id: p.id,
    organization_id: p.organizationId,
    display_name: p.displayName,
    npi: p.npi,
    specialty: p.specialty,
  };
}

function patientRow(r: PatientRecord) {
  const [sortLast = '', sortFirst = ''] = patientSortKey(r) as string[];
  return {
    id: r.id,
    organization_id: r.organizationId,
    mrn: r.mrn,
    first_name: r.firstName,
    last_name: r.lastName,
    gender: r.gender,
    date_of_birth: r.dateOfBirth,
    phone: r.phone,
    email: r.email,
    address: json(r.address),
    emergency_contact: json(r.emergencyContact),
    insurance: json(r.insurance),
    primary_care_physician_id: r.primaryCarePhysicianId,
    preferred_language: r.preferredLanguage,
    version: r.version,
    created_at: r.createdAt,
    updated_at: r.updatedAt,
    sort_last: sortLast,
    sort_first: sortFirst,
  } satisfies Insertable<PatientTables['patient']>;
}

function json(value: object | null): string | null {
  return value === null ? null : JSON.stringify(value);
}

function toRecord(row: PatientRow): PatientRecord {
  return {
    id: row.id,
    organizationId: row.organization_id,
    mrn: row.mrn,
    firstName: row.first_name,
    lastName: row.last_name,
    gender: row.gender as Gender,
    dateOfBirth: row.date_of_birth,
    phone: row.phone,
    email: row.email,
    address: copyAddress(row.address as AddressRecord | null),
    emergencyContact: copyEmergencyContact(row.emergency_contact as EmergencyContactRecord | null),
    insurance: copyInsurance(row.insurance as InsuranceRecord | null),
    primaryCarePhysicianId: row.primary_care_physician_id,
    preferredLanguage: row.preferred_language as Language,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
