import { isUniqueViolation } from '@carebridge/db';
import { sql, type Kysely } from 'kysely';
import type { EhrDatabase, EhrTables } from '../data/database';
import { mappingRecord, mappingRow } from '../data/postgresStore';
import type { MappingVersionRecord } from '../data/records';
import { copyField, requireCurrentVersion, type FieldMappingLike, type MappingStore, type PublishMeta } from './store';

const LINE_VERSION = 'mapping_version_line_version';
/** Publications lost to a concurrent one without `expectedVersion` are tried again this often at most. */
const MAX_ATTEMPTS = 10;

/**
 * Mapping versions on PostgreSQL (`mapping_version`, shared by every replica). The platform's line
 * is the rows without an organization; an organization's first publication copies it into the
 * organization's own line, exactly as the in-memory store does, so history and numbering read alike.
 *
 * A publication is an INSERT of version `latest + 1`, guarded by the unique (system, organization,
 * version) constraint: of two publications from the same version one commits and the other hits the
 * constraint, and is then a VERSION_CONFLICT when it named an `expectedVersion` (or numbered again
 * after the winner when it did not).
 */
export class PostgresMappingStore implements MappingStore {
  private readonly db: Kysely<EhrTables>;

  constructor(
    database: EhrDatabase,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.db = database.db;
  }

  /** The rows of the line an organization sees: its own once it has published, else the platform's. */
  private line(db: Kysely<EhrTables>, ehrSystemId: string, organizationId: string) {
    return db
      .selectFrom('mapping_version')
      .selectAll()
      .where('ehr_system_id', '=', ehrSystemId)
      .where((eb) =>
        eb.or([
          eb('organization_id', '=', organizationId),
          eb.and([
            eb('organization_id', 'is', null),
            eb.not(
              eb.exists(
                eb
                  .selectFrom('mapping_version as own')
                  .select(sql`1`.as('one'))
                  .where('own.ehr_system_id', '=', ehrSystemId)
                  .where('own.organization_id', '=', organizationId),
              ),
            ),
          ]),
        ]),
      );
  }

  async current(ehrSystemId: string, organizationId: string): Promise<MappingVersionRecord> {
    const row = await this.line(this.db, ehrSystemId, organizationId)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    // Every known system is created with a first version; reaching this is a data error.
    if (!row) throw new Error(`EHR system ${ehrSystemId} has no mapping`);
    return mappingRecord(row);
  }

  async history(ehrSystemId: string, organizationId: string): Promise<MappingVersionRecord[]> {
    const rows = await this.line(this.db, ehrSystemId, organizationId).orderBy('version', 'desc').execute();
    return rows.map(mappingRecord);
  }

  async version(
    ehrSystemId: string,
    organizationId: string,
    version: number,
  ): Promise<MappingVersionRecord | undefined> {
    const row = await this.line(this.db, ehrSystemId, organizationId).where('version', '=', version).executeTakeFirst();
    return row && mappingRecord(row);
  }

  async publish(
    ehrSystemId: string,
    organizationId: string,
    fields: readonly FieldMappingLike[],
    meta: PublishMeta,
    expectedVersion?: number | null,
  ): Promise<MappingVersionRecord> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db
          .transaction()
          .execute((trx) => this.append(trx, ehrSystemId, organizationId, fields, meta, expectedVersion));
      } catch (error) {
        if (!isUniqueViolation(error, LINE_VERSION) || attempt >= MAX_ATTEMPTS) throw error;
        // Another publication took the number since this one read the line: against what it
        // published, the expected version is stale.
        requireCurrentVersion(ehrSystemId, await this.current(ehrSystemId, organizationId), expectedVersion);
      }
    }
  }

  private async append(
    trx: Kysely<EhrTables>,
    ehrSystemId: string,
    organizationId: string,
    fields: readonly FieldMappingLike[],
    meta: PublishMeta,
    expectedVersion: number | null | undefined,
  ): Promise<MappingVersionRecord> {
    const own = await trx
      .selectFrom('mapping_version')
      .select((eb) => eb.fn.max('version').as('latest'))
      .where('ehr_system_id', '=', ehrSystemId)
      .where('organization_id', '=', organizationId)
      .executeTakeFirst();
    let latest = own?.latest ?? null;
    if (latest === null) {
      const platform = await trx
        .selectFrom('mapping_version')
        .selectAll()
        .where('ehr_system_id', '=', ehrSystemId)
        .where('organization_id', 'is', null)
        .orderBy('version')
        .execute();
      if (platform.length === 0) throw new Error(`unknown EHR system ${ehrSystemId}`);
      // The organization's line starts as a copy of the platform's (see the in-memory store).
      await trx
        .insertInto('mapping_version')
        .values(platform.map((row) => mappingRow(ehrSystemId, organizationId, mappingRecord(row))))
        .execute();
      latest = platform.at(-1)!.version;
    }
    requireCurrentVersion(ehrSystemId, { version: latest }, expectedVersion);
    const record: MappingVersionRecord = {
      version: latest + 1,
      publishedAt: this.now().toISOString(),
      publishedBy: meta.publishedBy,
      note: meta.note,
      restoredFrom: meta.restoredFrom,
      fields: fields.map(copyField),
    };
    await trx
      .insertInto('mapping_version')
      .values(mappingRow(ehrSystemId, organizationId, record))
      .execute();
    return record;
  }
}
