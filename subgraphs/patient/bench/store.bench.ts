/**
 * Timings of the patient store at 100,000 patients: `npx tsx subgraphs/patient/bench/store.bench.ts`
 * for the in-memory store, with `--postgres` for the PostgreSQL one (DATABASE_URL or the local
 * server, in a schema of its own that is dropped at the end). Prints numbers and asserts nothing;
 * the tests check correctness.
 */
import { performance } from 'node:perf_hooks';
import { testSchemas } from '@carebridge/db/testing';
import { openPatientDatabase } from '../src/data/database';
import { PostgresPatientStore } from '../src/data/postgresStore';
import { SEED_PROVIDERS } from '../src/data/seed';
import { InMemoryPatientStore, type PatientStore } from '../src/data/store';
import { generatePatients } from '../test/generate';
import { newPatient } from '../test/helpers';

const COUNT = 100_000;
const postgres = process.argv.includes('--postgres');
/** A database answers each call over the network: fewer runs keep the benchmark short. */
const runs = (n: number): number => (postgres ? Math.max(5, Math.ceil(n / 20)) : n);
const idOf = (i: number): string => `gen-${String(i).padStart(6, '0')}`;
let n = 0;

async function time<T>(label: string, count: number, fn: (run: number) => Promise<T>): Promise<T> {
  const total = runs(count);
  let result = await fn(0);
  const start = performance.now();
  for (let run = 1; run <= total; run++) result = await fn(run);
  const each = (performance.now() - start) / total;
  console.log(`${label.padEnd(52)} ${each.toFixed(3).padStart(10)} ms${total > 1 ? ` (mean of ${total})` : ''}`);
  return result;
}

const records = generatePatients(COUNT);
const schemas = testSchemas('patientbench');
let store: PatientStore;
let close = (): Promise<void> => Promise.resolve();
const loadStart = performance.now();
if (postgres) {
  const database = await openPatientDatabase({ url: schemas.url, schema: schemas.schema('patient') });
  const pg = await PostgresPatientStore.open(database);
  await pg.seed({ providers: SEED_PROVIDERS, patients: [] });
  await pg.load(records);
  await database.pool.query('ANALYZE');
  store = pg;
  close = async () => {
    await pg.close();
    await database.close();
    await schemas.drop();
  };
} else {
  const memory = new InMemoryPatientStore({ providers: SEED_PROVIDERS });
  memory.load(records);
  store = memory;
}
console.log(`${postgres ? 'PostgreSQL' : 'in memory'}`);
console.log(
  `${'load 100,000 patients (bulk)'.padEnd(52)} ${(performance.now() - loadStart).toFixed(3).padStart(10)} ms`,
);

try {
  let mrn = 0;
  await time('create 1 patient into 100,000', 200, () => store.create([newPatient({ mrn: `BENCH-${mrn++}` })]));
  await time('create 500 patients in one call', 5, () =>
    store.create(Array.from({ length: 500 }, () => newPatient({ mrn: `BENCH-${mrn++}`, lastName: `Bench${mrn}` }))),
  );
  const first = await time('first page of 20 (no filter)', 1000, () => store.list({ first: 20 }));
  const afterKey = first.endKey ?? undefined;
  await time('next page of 20 after a cursor', 1000, () => store.list({ first: 20, after: afterKey }));
  await time('filter by organization', 1000, () =>
    store.list({ first: 20, filter: { organizationId: 'org-lakeside' } }),
  );
  await time('filter by primary care physician', 1000, () =>
    store.list({ first: 20, filter: { primaryCarePhysicianId: 'prov-riverside-2' } }),
  );
  await time('organization + physician', 100, () =>
    store.list({ first: 20, filter: { organizationId: 'org-riverside', primaryCarePhysicianId: 'prov-riverside-2' } }),
  );
  await time('search "garza4 ada" (narrow)', 1000, () => store.list({ first: 20, filter: { search: 'garza4 ada' } }));
  await time('search "a" (broad, one letter)', 20, () => store.list({ first: 20, filter: { search: 'a' } }));
  await time('search "elena" + organization', 100, () =>
    store.list({ first: 20, filter: { search: 'elena', organizationId: 'org-hillcrest' } }),
  );
  await time('search by MRN prefix "gen-9999"', 1000, () => store.list({ first: 20, filter: { search: 'gen-9999' } }));
  await time('entity lookup by id', 100_000, () => store.findById(idOf(n++ % COUNT)));
  await time('update (rename)', 100, async (run) => {
    const patient = await store.findById(idOf(50_000 + run));
    return patient && store.update(patient.id, { lastName: `Renamed${run}` }, patient.version);
  });
  await time('delete', 100, (run) => store.delete(idOf(60_000 + run)));
} finally {
  await close();
}
