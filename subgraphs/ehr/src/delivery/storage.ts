import type { Logger } from '@carebridge/common';
import { PostgresAlertStore } from '../alerts/postgresStore';
import { InMemoryAlertStore, type AlertStore } from '../alerts/store';
import { openEhrDatabase, type EhrDatabase } from '../data/database';
import { PostgresEhrStore, seedEhrDatabase } from '../data/postgresStore';
import type { EhrSystemRecord, OrganizationRecord } from '../data/records';
import { InMemoryEhrStore, type EhrStore } from '../data/store';
import { PostgresMappingStore } from '../mapping/postgresStore';
import { InMemoryMappingStore, type MappingStore } from '../mapping/store';
import { PostgresSnapshotStore } from './postgresSnapshots';
import { PostgresTransactionStore } from './postgresTransactions';
import { InMemorySnapshotStore, type SnapshotStore } from './snapshots';
import { createsPatientIn, InMemoryTransactionStore, type TransactionStore } from './transactions';

/** Every store of the ehr subgraph, over one backend. */
export interface EhrStorage {
  store: EhrStore;
  mappings: MappingStore;
  snapshots: SnapshotStore;
  transactions: TransactionStore;
  alerts: AlertStore;
  /** The database under the stores, when there is one. */
  database: EhrDatabase | undefined;
  /** Ends the transaction store's listener, then the database: call it once the service has stopped. */
  close(): Promise<void>;
}

/**
 * The ehr subgraph's stores as configured: on PostgreSQL (the ehr schema, opened once, migrated
 * first, seeded when empty; see `seedEhrDatabase`) when `DATABASE_URL` is set, shared by every
 * replica; in memory over the seed otherwise, exactly as before there was a database.
 */
export async function openEhrStorage(options: {
  database: { url: string; schema: string } | null;
  seed: { systems: readonly EhrSystemRecord[]; organizations: readonly OrganizationRecord[] };
  logger: Logger;
}): Promise<EhrStorage> {
  if (!options.database) {
    const store = new InMemoryEhrStore(options.seed.systems, options.seed.organizations);
    const transactions = new InMemoryTransactionStore({ createsPatient: createsPatientIn(store) });
    return {
      store,
      mappings: new InMemoryMappingStore(store),
      snapshots: new InMemorySnapshotStore(),
      transactions,
      alerts: new InMemoryAlertStore(),
      database: undefined,
      close: () => transactions.close(),
    };
  }
  const database = await openEhrDatabase({ ...options.database, logger: options.logger });
  try {
    const { seeded } = await seedEhrDatabase(database, options.seed);
    options.logger.info('ehr.storage', { schema: database.schema, seeded });
    const store = await PostgresEhrStore.open(database);
    const transactions = new PostgresTransactionStore(database, {
      createsPatient: createsPatientIn(store),
      logger: options.logger,
    });
    return {
      store,
      mappings: new PostgresMappingStore(database),
      snapshots: new PostgresSnapshotStore(database),
      transactions,
      alerts: new PostgresAlertStore(database),
      database,
      close: async () => {
        await transactions.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
