import { silentLogger } from '@carebridge/common';
import { testSchemas } from '@carebridge/db/testing';
import { seedEhrSystems, seedOrganizations } from '../src/data/seed';
import { openEhrStorage, type EhrStorage } from '../src/delivery/storage';

/**
 * The ehr subgraph's stores on both backends, for contract tests: every behaviour a suite checks
 * holds in memory and on PostgreSQL (the real server; these fail, never skip, without one). A
 * "pair" is two storages over the same data, as two replicas have (in memory, one storage twice);
 * on PostgreSQL both open, migrate and seed the same fresh schema at once.
 */
export interface StorageBackend {
  name: string;
  pair: () => Promise<{ a: EhrStorage; b: EhrStorage; close: () => Promise<void> }>;
}

export const SEED = { systems: seedEhrSystems(), organizations: seedOrganizations() };

export function storageBackends(label: string): {
  backends: StorageBackend[];
  /** Opens a storage on a schema of this file's run (PostgreSQL only); `drop` removes them all. */
  openOn: (schema: string, seed?: typeof SEED) => Promise<EhrStorage>;
  schema: (name: string) => string;
  /** The test database's URL, for a schema opened some other way. */
  url: string;
  drop: () => Promise<void>;
} {
  const schemas = testSchemas(label);
  let count = 0;
  const openOn = (schema: string, seed = SEED) =>
    openEhrStorage({ database: { url: schemas.url, schema }, seed, logger: silentLogger });
  return {
    backends: [
      {
        name: 'in memory',
        pair: async () => {
          const storage = await openEhrStorage({ database: null, seed: SEED, logger: silentLogger });
          return { a: storage, b: storage, close: () => storage.close() };
        },
      },
      {
        name: 'PostgreSQL',
        pair: async () => {
          const schema = schemas.schema(`ehr${++count}`);
          const [a, b] = await Promise.all([openOn(schema), openOn(schema)]);
          return { a, b, close: async () => void (await Promise.all([a.close(), b.close()])) };
        },
      },
    ],
    openOn,
    schema: (name) => schemas.schema(name),
    url: schemas.url,
    drop: () => schemas.drop(),
  };
}
