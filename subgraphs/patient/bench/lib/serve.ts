/**
 * The patient subgraph as `src/index.ts` runs it (`servePatientSubgraph`: the same config,
 * runtime, service and runner), holding `BENCH_PATIENT_COUNT` patients instead of the seed alone:
 * the seed patients (whose ids the clinical and ehr subgraphs' seeds share) and generated ones
 * (`test/generate.ts`) up to that count. Only `scale.bench.ts` starts it; nothing in `src/` knows of it, so no setting of the
 * service can load generated patients.
 *
 * In memory it loads them with `InMemoryPatientStore.load`; with DATABASE_URL it opens the patient
 * schema as the service does (migrated and seeded when empty) and bulk-loads the generated patients
 * with `PostgresPatientStore.load`, then VACUUM ANALYZE, before it listens.
 */
import { performance } from 'node:perf_hooks';
import { SEED_PATIENT_COUNT, type Logger } from '@carebridge/common';
import { openPatientDatabase } from '../../src/data/database';
import { PostgresPatientStore } from '../../src/data/postgresStore';
import { SEED_PROVIDERS, seedPatients } from '../../src/data/seed';
import { InMemoryPatientStore, type PatientStore } from '../../src/data/store';
import { servePatientSubgraph } from '../../src/main';
import { generatePatients } from '../../test/generate';

const count = Number(process.env['BENCH_PATIENT_COUNT'] ?? SEED_PATIENT_COUNT);
if (!Number.isInteger(count) || count < SEED_PATIENT_COUNT) {
  throw new Error(`BENCH_PATIENT_COUNT must be a whole number of at least ${SEED_PATIENT_COUNT}`);
}

/** The store with the seed and `count - seed` generated patients; `close` ends what it opened. */
async function openBenchStore(
  database: { url: string; schema: string } | null,
  logger: Logger,
): Promise<{ store: PatientStore; close(): Promise<void> }> {
  const started = performance.now();
  const generated = generatePatients(count - SEED_PATIENT_COUNT);
  if (database === null) {
    const store = new InMemoryPatientStore({ providers: SEED_PROVIDERS });
    store.load([...seedPatients(), ...generated]);
    logger.info('bench.loaded', { backend: 'memory', patients: store.size, ms: performance.now() - started });
    return { store, close: () => Promise.resolve() };
  }
  const opened = await openPatientDatabase({ ...database, logger });
  const store = await PostgresPatientStore.open(opened, { logger });
  await store.seed({ providers: SEED_PROVIDERS, patients: seedPatients() });
  await store.load(generated);
  // As autovacuum would soon after a bulk load: statistics, and the visibility map index-only scans need.
  await opened.pool.query('VACUUM ANALYZE');
  logger.info('bench.loaded', { backend: 'postgres', patients: count, ms: performance.now() - started });
  return {
    store,
    close: async () => {
      await store.close();
      await opened.close();
    },
  };
}

await servePatientSubgraph((config, logger) => openBenchStore(config.database, logger));
