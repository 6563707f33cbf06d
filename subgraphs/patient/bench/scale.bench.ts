/**
 * `pnpm bench:patients`: the web app's patient search and patient page through the real gateway,
 * with 1,000 patients and with 100,000, and the ratio of the two. A benchmark: it prints figures
 * (and a Markdown table for the README) and asserts nothing; the tests check correctness.
 *
 * - Two stacks run side by side, each as `pnpm start` runs it (scripts/lib/stack) in production
 *   mode (NODE_ENV=production with the secrets production requires), from the TypeScript sources
 *   through tsx: the gateway, the clinical and ehr subgraphs (in memory, seeded) and the EHR
 *   sandbox; the patient subgraph is `lib/serve.ts`, the service's own entry over a store holding
 *   the seed and generated patients up to 1,000 or 100,000 (the stack starts no patient subgraph
 *   of its own: no replica of it, and the gateway routed to `lib/serve.ts`). With `--postgres` the
 *   patient subgraph keeps them in PostgreSQL (DATABASE_URL or the local server), in a schema of
 *   each stack's own (`testSchemas`), dropped at the end.
 * - The operations are the web app's (`lib/operations.ts`), as a Riverside clinician: the list's
 *   `PatientsQuery` (20 rows with totalCount and pageInfo) for a common name prefix, an MRN and a
 *   rare name, and the patient page's `PatientDetailQuery`, alternating over seed patients (with
 *   clinical history, answers and deliveries) and generated ones (with none).
 * - Each round drives every operation against both stacks in turn (interleaved, the order
 *   alternating) with `--concurrency` closed loops for `--duration` seconds after a warm-up. The
 *   figures are p50 and p95 over every round's requests.
 *
 * Flags: --postgres, --rounds N (3), --duration S (4), --warmup S (1), --concurrency N (4),
 * --port-base P (12200, below the kernel's ephemeral ports; each stack takes 20 ports from there),
 * --small N (1000), --large N (100000).
 */
import { parseArgs } from 'node:util';
import { DEFAULT_AUDIENCE, DEFAULT_ISSUER } from '@carebridge/common';
import { testSchemas, type TestSchemas } from '@carebridge/db/testing';
import { generateSigningJwk, keyRingFromJwks } from '../../../gateway/src/auth/keys';
import { createTokenIssuer } from '../../../gateway/src/auth/tokens';
import { seedPatients } from '../src/data/seed';
import { drive, quantile, requestOf, type BenchRequest } from './lib/load';
import { PATIENT_DETAIL_QUERY, PATIENTS_QUERY } from './lib/operations';
import { startBenchStack, type BenchStack } from './lib/stack';

const { values: flags } = parseArgs({
  options: {
    postgres: { type: 'boolean', default: false },
    rounds: { type: 'string', default: '3' },
    duration: { type: 'string', default: '4' },
    warmup: { type: 'string', default: '1' },
    concurrency: { type: 'string', default: '4' },
    'port-base': { type: 'string', default: '12200' },
    small: { type: 'string', default: '1000' },
    large: { type: 'string', default: '100000' },
  },
});
const rounds = Number(flags.rounds);
const durationMs = Number(flags.duration) * 1000;
const warmupMs = Number(flags.warmup) * 1000;
const concurrency = Number(flags.concurrency);
const portBase = Number(flags['port-base']);
const sizes = [Number(flags.small), Number(flags.large)] as const;
const ORGANIZATION = 'org-riverside';

const jwk = await generateSigningJwk();
const tokens = createTokenIssuer({
  keys: await keyRingFromJwks([jwk]),
  issuer: DEFAULT_ISSUER,
  audience: DEFAULT_AUDIENCE,
});
const token = await tokens.accessToken(
  { id: 'bench-clinician', organizationId: ORGANIZATION, role: 'CLINICIAN' },
  3600,
);

// What is searched and opened: the same patients at both sizes.
const riversideSeed = seedPatients().filter((p) => p.organizationId === ORGANIZATION);
const search = (term: string): BenchRequest[] => [requestOf(PATIENTS_QUERY, { first: 20, filter: { search: term } })];
const detailIds = [
  ...riversideSeed.slice(0, 8).map((p) => p.id),
  // Generated patient i belongs to the i-th organization in turn: every fourth is Riverside's.
  ...Array.from({ length: 8 }, (_, i) => `gen-${String(i * 4).padStart(6, '0')}`),
];
const OPERATIONS: { name: string; requests: BenchRequest[] }[] = [
  { name: 'search "gar" (common name prefix)', requests: search('gar') },
  { name: `search "${riversideSeed[0]!.mrn}" (an MRN)`, requests: search(riversideSeed[0]!.mrn) },
  { name: 'search "lindqvist" (rare name)', requests: search('lindqvist') },
  {
    name: 'patient detail (16 patients in turn)',
    requests: detailIds.map((id) => requestOf(PATIENT_DETAIL_QUERY, { id, organizationId: ORGANIZATION })),
  },
];

const schemas: TestSchemas[] = [];
const stacks: BenchStack[] = [];
const store = flags.postgres ? 'PostgreSQL' : 'in memory';
try {
  for (const [i, count] of sizes.entries()) {
    const database = flags.postgres ? testSchemas(`patientscale${i}`) : undefined;
    if (database) schemas.push(database);
    console.log(`Starting a stack with ${count.toLocaleString('en-US')} patients (${store})…`);
    stacks.push(
      await startBenchStack({ count, portBase: portBase + 20 * i, signingKeys: JSON.stringify([jwk]), database }),
    );
  }

  // Each operation once on each stack: what it answers, and that it answers without errors.
  const answers = new Map<string, string[]>();
  for (const { name, requests } of OPERATIONS) {
    answers.set(
      name,
      await Promise.all(
        stacks.map(async (stack) => {
          const shown: string[] = [];
          for (const { body } of requests) {
            const response = await fetch(stack.gatewayUrl, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
              body,
            });
            const result = (await response.json()) as {
              data?: {
                patients?: { totalCount: number };
                patient?: { questionnaireResponses: unknown[] } | null;
              };
              errors?: unknown[];
            };
            if (result.errors || !result.data) {
              throw new Error(`${name} answered errors at ${stack.count}: ${JSON.stringify(result).slice(0, 500)}`);
            }
            const { patients, patient } = result.data;
            if (patients) shown.push(`${patients.totalCount} matches`);
            else if (patient) shown.push(patient.questionnaireResponses.length > 0 ? 'answered' : 'found');
            else shown.push('not found');
          }
          if (requests.length === 1) return shown[0]!;
          const answered = shown.filter((s) => s === 'answered').length;
          return `${shown.filter((s) => s !== 'not found').length} found, ${answered} with answers`;
        }),
      ),
    );
  }

  const latencies = new Map<string, number[]>();
  const failures = new Map<string, number>();
  for (let round = 0; round < rounds; round++) {
    for (const [o, { name, requests }] of OPERATIONS.entries()) {
      const order = (round + o) % 2 === 0 ? stacks : [...stacks].reverse();
      for (const stack of order) {
        const load = { url: stack.gatewayUrl, token, requests, concurrency };
        await drive({ ...load, durationMs: round === 0 ? warmupMs * 2 : warmupMs });
        const result = await drive({ ...load, durationMs });
        const key = `${name}\u0000${stack.count}`;
        latencies.set(key, [...(latencies.get(key) ?? []), ...result.latencies]);
        failures.set(key, (failures.get(key) ?? 0) + result.failures);
        console.log(
          `round ${round + 1} ${name.padEnd(40)} ${stack.count.toLocaleString('en-US').padStart(7)}: ${result.latencies.length} requests, p50 ${quantile(result.latencies, 0.5).toFixed(1)} ms, p95 ${quantile(result.latencies, 0.95).toFixed(1)} ms${result.failures ? `, ${result.failures} FAILED: ${result.firstFailure}` : ''}`,
        );
      }
    }
  }

  const [small, large] = sizes.map((count) => count.toLocaleString('en-US'));
  const lines = [
    '',
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${store}: ${concurrency} closed loops, ${rounds} rounds of ${durationMs / 1000} s per operation and stack (interleaved), p50/p95 over all rounds.`,
    '',
    `| operation | answers (${small} / ${large}) | requests | ${small} p50 (ms) | ${small} p95 (ms) | ${large} p50 (ms) | ${large} p95 (ms) | p50 ${large} / ${small} | p95 ${large} / ${small} |`,
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const { name } of OPERATIONS) {
    const [a, b] = sizes.map((count) => latencies.get(`${name}\u0000${count}`) ?? []);
    const failed = sizes.reduce((sum, count) => sum + (failures.get(`${name}\u0000${count}`) ?? 0), 0);
    const figures = [a!, b!].flatMap((l) => [quantile(l, 0.5), quantile(l, 0.95)]);
    lines.push(
      `| ${name}${failed ? ` (${failed} failed)` : ''} | ${answers.get(name)!.join(' / ')} | ${a!.length} / ${b!.length} | ${figures.map((f) => f.toFixed(1)).join(' | ')} | ${(figures[2]! / figures[0]!).toFixed(2)} | ${(figures[3]! / figures[1]!).toFixed(2)} |`,
    );
  }
  console.log(lines.join('\n'));
} finally {
  for (const stack of stacks) await stack.stop();
  for (const database of schemas) await database.drop();
}
