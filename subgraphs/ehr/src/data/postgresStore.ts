import { errorCode, isUniqueViolation } from '@carebridge/db';
import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { EhrSystemKind, OrganizationKind } from '../__generated__/schema-types';
import type { EhrDatabase, EhrTables } from './database';
import type {
  EhrSystemRecord,
  EndpointRecord,
  FieldMappingRecord,
  MappingVersionRecord,
  OrganizationRecord,
} from './records';
import { byName, createsPatientOf, type EhrStore } from './store';

/** The advisory-lock class of "seeding the ehr schema" (two-key form; see the transaction store's). */
const SEED_LOCK = 1102;
const FOREIGN_KEY_VIOLATION = '23503';

type MappingRow = Selectable<EhrTables['mapping_version']>;

export function mappingRow(
  ehrSystemId: string,
  organizationId: string | null,
  v: MappingVersionRecord,
): Insertable<EhrTables['mapping_version']> {
  return {
    ehr_system_id: ehrSystemId,
    organization_id: organizationId,
    version: v.version,
    published_at: v.publishedAt,
    published_by: v.publishedBy,
    note: v.note,
    restored_from: v.restoredFrom,
    fields: JSON.stringify(v.fields),
  };
}

export function mappingRecord(row: MappingRow): MappingVersionRecord {
  return {
    version: row.version,
    publishedAt: row.published_at,
    publishedBy: row.published_by,
    note: row.note,
    restoredFrom: row.restored_from,
    fields: row.fields as FieldMappingRecord[],
  };
}

function organizationRecord(row: Selectable<EhrTables['organization']>): OrganizationRecord {
  return { id: row.id, name: row.name, kind: row.kind as OrganizationKind, ehrSystemId: row.ehr_system_id };
}

/** A system's row and its platform line, in the caller's transaction. */
async function insertSystem(trx: Kysely<EhrTables>, system: EhrSystemRecord): Promise<void> {
  await trx
    .insertInto('ehr_system')
    .values({
      id: system.id,
      name: system.name,
      base_url: system.baseUrl,
      shared: system.shared,
      owner_organization_id: system.ownerOrganizationId,
      kind: system.kind,
      endpoints: JSON.stringify(system.endpoints),
    })
    .execute();
  if (system.mappings.length > 0) {
    await trx
      .insertInto('mapping_version')
      .values(system.mappings.map((v) => mappingRow(system.id, null, v)))
      .execute();
  }
}

/**
 * EHR systems and organizations on PostgreSQL (the ehr schema), shared by every replica; the
 * foreign key from organization to ehr_system and the primary keys refuse what the in-memory store
 * refuses by hand.
 *
 * Systems are cached in the process: they never change once created (their endpoints and platform
 * line are immutable, and no API changes a base URL or an owner), so a cached system is never stale, a system
 * another replica created is read on first use, and the worker's per-request lookup and
 * `endpointCreatesPatient` cost nothing. Organizations are read from the database every time, since
 * `setEhrSystem` on another replica changes them.
 */
export class PostgresEhrStore implements EhrStore {
  private readonly db: Kysely<EhrTables>;
  private readonly systems = new Map<string, EhrSystemRecord>();

  private constructor(database: EhrDatabase) {
    this.db = database.db;
  }

  /** The store with every system already cached. */
  static async open(database: EhrDatabase): Promise<PostgresEhrStore> {
    const store = new PostgresEhrStore(database);
    await store.ehrSystems();
    return store;
  }

  async ehrSystem(id: string): Promise<EhrSystemRecord | undefined> {
    const cached = this.systems.get(id);
    if (cached) return cached;
    const [system] = await this.readSystems(id);
    return system;
  }

  async ehrSystems(): Promise<EhrSystemRecord[]> {
    return (await this.readSystems()).sort(byName);
  }

  async addEhrSystem(system: EhrSystemRecord): Promise<void> {
    try {
      await this.db.transaction().execute((trx) => insertSystem(trx, system));
    } catch (error) {
      if (isUniqueViolation(error, 'ehr_system_pkey')) throw new Error(`EHR system ${system.id} exists`);
      throw error;
    }
    this.systems.set(system.id, system);
  }

  async organization(id: string): Promise<OrganizationRecord | undefined> {
    const row = await this.db.selectFrom('organization').selectAll().where('id', '=', id).executeTakeFirst();
    return row && organizationRecord(row);
  }

  async organizations(): Promise<OrganizationRecord[]> {
    const rows = await this.db.selectFrom('organization').selectAll().execute();
    return rows.map(organizationRecord).sort(byName);
  }

  async organizationsUsing(ehrSystemId: string): Promise<OrganizationRecord[]> {
    const rows = await this.db
      .selectFrom('organization')
      .selectAll()
      .where('ehr_system_id', '=', ehrSystemId)
      .execute();
    return rows.map(organizationRecord).sort(byName);
  }

  async addOrganization(organization: OrganizationRecord): Promise<void> {
    try {
      await this.db
        .insertInto('organization')
        .values({
          id: organization.id,
          name: organization.name,
          kind: organization.kind,
          ehr_system_id: organization.ehrSystemId,
        })
        .execute();
    } catch (error) {
      if (isUniqueViolation(error, 'organization_pkey')) throw new Error(`organization ${organization.id} exists`);
      if (errorCode(error) === FOREIGN_KEY_VIOLATION) {
        throw new Error(`organization ${organization.id} uses unknown EHR ${organization.ehrSystemId}`);
      }
      throw error;
    }
  }

  async setEhrSystem(organizationId: string, ehrSystemId: string): Promise<OrganizationRecord> {
    let row: Selectable<EhrTables['organization']> | undefined;
    try {
      row = await this.db
        .updateTable('organization')
        .set({ ehr_system_id: ehrSystemId })
        .where('id', '=', organizationId)
        .returningAll()
        .executeTakeFirst();
    } catch (error) {
      if (errorCode(error) !== FOREIGN_KEY_VIOLATION) throw error;
    }
    if (!row) throw new Error('unknown organization or EHR system');
    return organizationRecord(row);
  }

  endpointCreatesPatient(ehrSystemId: string, endpoint: string): boolean {
    return createsPatientOf(this.systems.get(ehrSystemId), endpoint);
  }

  /** Systems (one, or all) with their platform lines, read and cached. */
  private async readSystems(id?: string): Promise<EhrSystemRecord[]> {
    let systems = this.db.selectFrom('ehr_system').selectAll();
    let versions = this.db
      .selectFrom('mapping_version')
      .selectAll()
      .where('organization_id', 'is', null)
      .orderBy('version');
    if (id !== undefined) {
      systems = systems.where('id', '=', id);
      versions = versions.where('ehr_system_id', '=', id);
    }
    const [rows, lines] = await Promise.all([systems.execute(), versions.execute()]);
    const records = rows.map((row): EhrSystemRecord => ({
      id: row.id,
      name: row.name,
      baseUrl: row.base_url,
      shared: row.shared,
      ownerOrganizationId: row.owner_organization_id,
      kind: row.kind as EhrSystemKind,
      endpoints: row.endpoints as EndpointRecord[],
      mappings: lines.filter((v) => v.ehr_system_id === row.id).map(mappingRecord),
    }));
    for (const record of records) this.systems.set(record.id, record);
    return records;
  }
}

/**
 * Seeds an empty ehr schema with the platform's systems (and their first mapping versions) and
 * organizations; a schema that has any system already keeps its organizations and mappings as they
 * are, so nothing deleted or changed since comes back, and only gets the seeded systems it lacks. Replicas starting together take turns under an advisory lock: one seeds,
 * the others find it done.
 *
 * The seeded systems' base URLs come from configuration (`EHR_SANDBOX_URL`, else their placeholder
 * hosts), so they are set again at every start, with their sharing (the operator's systems are
 * shared; a schema migrated from before systems had owners learns it here): a service restarted
 * with another sandbox URL sends there, as the in-memory store would. Replicas must therefore share
 * that setting. Systems added by `createEhrSystem` keep the base URL and owner they were given.
 */
export async function seedEhrDatabase(
  database: EhrDatabase,
  seed: { systems: readonly EhrSystemRecord[]; organizations: readonly OrganizationRecord[] },
): Promise<{ seeded: boolean }> {
  return database.db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${SEED_LOCK}, hashtext(current_schema()))`.execute(trx);
    const existing = new Set((await trx.selectFrom('ehr_system').select('id').execute()).map((row) => row.id));
    const any = existing.size > 0;
    // A seeded system added to the platform since (the FHIR R4 one) reaches a schema seeded before it.
    for (const system of seed.systems) if (!existing.has(system.id)) await insertSystem(trx, system);
    if (!any && seed.organizations.length > 0) {
      await trx
        .insertInto('organization')
        .values(seed.organizations.map((o) => ({ id: o.id, name: o.name, kind: o.kind, ehr_system_id: o.ehrSystemId })))
        .execute();
    }
    for (const system of seed.systems) {
      await trx
        .updateTable('ehr_system')
        .set({ base_url: system.baseUrl, shared: system.shared, owner_organization_id: system.ownerOrganizationId })
        .where('id', '=', system.id)
        .execute();
    }
    return { seeded: !any };
  });
}
