import type { Logger } from '@carebridge/common';
import { openEhrDatabase, type EhrDatabase } from '../data/database';
import type { EhrStore } from '../data/store';
import { PostgresTransactionStore } from './postgresTransactions';
import { createsPatientIn, InMemoryTransactionStore, type TransactionStore } from './transactions';

/**
 * Delivery's transaction store as configured: on PostgreSQL (the ehr schema, migrated first) when
 * `DATABASE_URL` is set, shared by every replica; in memory otherwise. `close()` ends both.
 */
export async function openTransactionStore(options: {
  database: { url: string; schema: string } | null;
  ehr: EhrStore;
  logger: Logger;
}): Promise<{ transactions: TransactionStore; database: EhrDatabase | undefined; close(): Promise<void> }> {
  const createsPatient = createsPatientIn(options.ehr);
  if (!options.database) {
    const transactions = new InMemoryTransactionStore({ createsPatient });
    return { transactions, database: undefined, close: () => transactions.close() };
  }
  const database = await openEhrDatabase({ ...options.database, logger: options.logger });
  const transactions = new PostgresTransactionStore(database, { createsPatient, logger: options.logger });
  return {
    transactions,
    database,
    close: async () => {
      await transactions.close();
      await database.close();
    },
  };
}
