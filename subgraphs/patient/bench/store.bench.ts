/**
 * Timings of the in-memory store at 100,000 patients: `npx tsx subgraphs/patient/bench/store.bench.ts`.
 * Prints numbers and asserts nothing; the tests check correctness at the same scale.
 */
import { performance } from 'node:perf_hooks';
import { SEED_PROVIDERS } from '../src/data/seed';
import { InMemoryPatientStore } from '../src/data/store';
import { generatePatients } from '../test/generate';
import { newPatient } from '../test/helpers';

const COUNT = 100_000;
const idOf = (i: number): string => `gen-${String(i).padStart(6, '0')}`;
let n = 0;

function time<T>(label: string, runs: number, fn: (run: number) => T): T {
  let result = fn(0);
  const start = performance.now();
  for (let run = 1; run <= runs; run++) result = fn(run);
  const each = (performance.now() - start) / runs;
  console.log(`${label.padEnd(52)} ${each.toFixed(3).padStart(10)} ms${runs > 1 ? ` (mean of ${runs})` : ''}`);
  return result;
}

const records = generatePatients(COUNT);
const store = new InMemoryPatientStore({ providers: SEED_PROVIDERS });
const loadStart = performance.now();
store.load(records);
console.log(
  `${'load 100,000 patients (bulk)'.padEnd(52)} ${(performance.now() - loadStart).toFixed(3).padStart(10)} ms`,
);

let mrn = 0;
time('create 1 patient into 100,000', 200, () => store.create([newPatient({ mrn: `BENCH-${mrn++}` })]));
time('create 500 patients in one call', 5, () =>
  store.create(Array.from({ length: 500 }, () => newPatient({ mrn: `BENCH-${mrn++}`, lastName: `Bench${mrn}` }))),
);
const first = time('first page of 20 (no filter)', 1000, () => store.list({ first: 20 }));
const afterKey = first.endKey ?? undefined;
time('next page of 20 after a cursor', 1000, () => store.list({ first: 20, after: afterKey }));
time('filter by organization', 1000, () => store.list({ first: 20, filter: { organizationId: 'org-lakeside' } }));
time('filter by primary care physician', 1000, () =>
  store.list({ first: 20, filter: { primaryCarePhysicianId: 'prov-riverside-2' } }),
);
time('organization + physician', 100, () =>
  store.list({ first: 20, filter: { organizationId: 'org-riverside', primaryCarePhysicianId: 'prov-riverside-2' } }),
);
time('search "garza4 ada" (narrow)', 1000, () => store.list({ first: 20, filter: { search: 'garza4 ada' } }));
time('search "a" (broad, one letter)', 20, () => store.list({ first: 20, filter: { search: 'a' } }));
time('search "elena" + organization', 100, () =>
  store.list({ first: 20, filter: { search: 'elena', organizationId: 'org-hillcrest' } }),
);
time('search by MRN prefix "gen-9999"', 1000, () => store.list({ first: 20, filter: { search: 'gen-9999' } }));
time('entity lookup by id', 100_000, () => store.findById(idOf(n++ % COUNT)));
time('update (rename)', 100, (run) => {
  const patient = store.findById(idOf(50_000 + run));
  return patient && store.update(patient.id, { lastName: `Renamed${run}` }, patient.version);
});
time('delete', 100, (run) => store.delete(idOf(60_000 + run)));
