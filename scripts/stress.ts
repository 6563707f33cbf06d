/**
 * `pnpm test:stress`: starts the stack on free loopback ports (as `pnpm start` does), signs in as
 * clinicians of two organizations, and drives the gateway at a fixed rate with a mix of real
 * operations: the patient list joined across all three subgraphs, a patient's detail, and patient
 * updates. Prints throughput and latency percentiles per operation, stops the stack, and exits
 * non-zero when any request failed.
 *
 *   STRESS_RPS          requests started per second (default 40)
 *   STRESS_SECONDS      how long (default 15)
 *   STRESS_CONCURRENCY  requests in flight at most; one over it fails as `overload` (default 64)
 *   STRESS_TIMEOUT_MS   per request (default 10000)
 *
 * Open loop: each request starts at its scheduled time whether or not earlier ones answered, so a
 * slow gateway shows as latency and failures, not as a quietly lower rate.
 */
import { envInt } from '@carebridge/common';
import { graphql, startStack, type GraphqlResult, type RunningStack } from './lib/stack';

const RPS = envInt(process.env, 'STRESS_RPS', 40, { min: 1, max: 2_000 });
const SECONDS = envInt(process.env, 'STRESS_SECONDS', 15, { min: 1, max: 3_600 });
const CONCURRENCY = envInt(process.env, 'STRESS_CONCURRENCY', 64, { min: 1, max: 10_000 });
const TIMEOUT_MS = envInt(process.env, 'STRESS_TIMEOUT_MS', 10_000, { min: 100 });

const LIST = `{ patients(first: 20) { nodes { id firstName organization { name } clinicalHistory { allergies } ehrSystem { name } } } }`;
const DETAIL = `query ($id: ID!) {
  patient(id: $id) {
    id mrn firstName lastName gender dateOfBirth phone email preferredLanguage version
    address { city state } organization { name } ehrSystem { name }
    clinicalHistory { allergies symptoms }
    questionnaireResponses { id language }
    ehrTransactions { id status endpoint }
  }
}`;
const UPDATE = `mutation ($id: ID!, $input: PatientUpdateInput!, $expectedVersion: Int!) {
  updatePatient(id: $id, input: $input, expectedVersion: $expectedVersion) { id version }
}`;
const CREATE = `mutation ($input: PatientInput!) { createPatient(input: $input) { id version } }`;

type Operation = 'patients' | 'patient' | 'updatePatient';
/** Half lists, three in ten details, one in five updates; the same sequence on every run. */
const MIX: readonly Operation[] = [
  'patients',
  'patient',
  'patients',
  'updatePatient',
  'patient',
  'patients',
  'patient',
  'patients',
  'updatePatient',
  'patients',
];

interface Outcome {
  operation: Operation;
  ok: boolean;
  ms: number;
  /** Why it failed: an HTTP status, a GraphQL error code, `timeout`, `overload`, `network`. */
  reason?: string;
}

/** A clinician of one organization, with patients to read and patients of the run's own to update. */
interface Tenant {
  token: string;
  patientIds: string[];
  /** Patients created for this run and not being updated right now, with their current version. */
  idle: { id: string; version: number }[];
  created: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function failure(result: GraphqlResult<unknown>): string | undefined {
  if (result.status !== 200) return `http ${result.status}`;
  if (result.errors?.length) {
    // The error code only: a message may quote the input.
    const code = result.errors[0]!.extensions?.['code'];
    return typeof code === 'string' ? code : 'graphql error';
  }
  if (result.data === null || result.data === undefined) return 'no data';
  return undefined;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function setUp(stack: RunningStack, email: string): Promise<Tenant> {
  const token = await stack.login(email);
  const list = await graphql<{ patients: { nodes: { id: string }[] } }>(stack.gatewayUrl, token, LIST);
  if (failure(list)) throw new Error(`listing patients as ${email} failed: ${failure(list)}`);
  return { token, patientIds: list.data!.patients.nodes.map((node) => node.id), idle: [], created: 0 };
}

/** A patient of the run's own (names no seeded patient has, so check-logs can tell them apart). */
function newPatientInput(tenant: Tenant): Record<string, unknown> {
  tenant.created++;
  return {
    firstName: 'Loadtest',
    lastName: `Runner${'abcdefghij'[tenant.created % 10]}`,
    gender: 'UNKNOWN',
    dateOfBirth: '1980-06-15',
  };
}

async function run(
  stack: RunningStack,
  tenants: Tenant[],
  operation: Operation,
  index: number,
): Promise<string | undefined> {
  const tenant = tenants[index % tenants.length]!;
  const signal = AbortSignal.timeout(TIMEOUT_MS);
  if (operation === 'patients') return failure(await graphql(stack.gatewayUrl, tenant.token, LIST, {}, { signal }));
  if (operation === 'patient') {
    const id = tenant.patientIds[index % tenant.patientIds.length]!;
    return failure(await graphql(stack.gatewayUrl, tenant.token, DETAIL, { id }, { signal }));
  }
  // An update of a patient no other request is updating (so the version it read is current),
  // or, when every such patient is busy, a new one that later updates can take.
  const target = tenant.idle.shift();
  if (!target) {
    const created = await graphql<{ createPatient: { id: string; version: number } }>(
      stack.gatewayUrl,
      tenant.token,
      CREATE,
      { input: newPatientInput(tenant) },
      { signal },
    );
    if (!failure(created)) tenant.idle.push(created.data!.createPatient);
    return failure(created);
  }
  const updated = await graphql<{ updatePatient: { id: string; version: number } }>(
    stack.gatewayUrl,
    tenant.token,
    UPDATE,
    { id: target.id, input: { preferredLanguage: index % 2 === 0 ? 'ES' : 'EN' }, expectedVersion: target.version },
    { signal },
  );
  const problem = failure(updated);
  // A failed update leaves the patient out of the pool: its version is no longer known for sure.
  if (!problem) tenant.idle.push(updated.data!.updatePatient);
  return problem;
}

function report(outcomes: Outcome[], elapsedMs: number): void {
  const rows: [string, Outcome[]][] = [
    ...(['patients', 'patient', 'updatePatient'] as const).map((op): [string, Outcome[]] => [
      op,
      outcomes.filter((o) => o.operation === op),
    ]),
    ['all', outcomes],
  ];
  console.log(
    `\n${'operation'.padEnd(14)} ${'count'.padStart(6)} ${'failed'.padStart(6)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(8)}`,
  );
  for (const [name, list] of rows) {
    const ms = list
      .filter((o) => o.ok)
      .map((o) => o.ms)
      .sort((a, b) => a - b);
    const cells = [50, 95, 99, 100].map((p) => percentile(ms, p).toFixed(1).padStart(8));
    console.log(
      `${name.padEnd(14)} ${String(list.length).padStart(6)} ${String(list.filter((o) => !o.ok).length).padStart(6)} ${cells.join(' ')}`,
    );
  }
  const reasons = new Map<string, number>();
  for (const o of outcomes)
    if (!o.ok) reasons.set(`${o.operation}: ${o.reason}`, (reasons.get(`${o.operation}: ${o.reason}`) ?? 0) + 1);
  for (const [reason, count] of reasons) console.log(`  failed ${count}× ${reason}`);
  console.log(
    `throughput: ${((outcomes.length / elapsedMs) * 1000).toFixed(1)} requests/s over ${(elapsedMs / 1000).toFixed(1)} s ` +
      `(target ${RPS}/s, at most ${CONCURRENCY} in flight, timeout ${TIMEOUT_MS} ms)`,
  );
}

async function main(): Promise<number> {
  console.log(`stress: starting the stack; ${RPS} requests/s for ${SECONDS} s`);
  let stack: RunningStack;
  try {
    stack = await startStack();
  } catch (error) {
    console.error(`stress: ${error instanceof Error ? error.message : String(error)}`);
    console.log('stress: 0 passed, 1 failed');
    return 1;
  }
  let exitCode = 1;
  try {
    // Loopback only: a stress run must never be pointed at a shared environment by accident.
    if (new URL(stack.gatewayUrl).hostname !== '127.0.0.1')
      throw new Error(`not a loopback gateway: ${stack.gatewayUrl}`);
    const tenants = await Promise.all([
      setUp(stack, 'clinician@riverside.test'),
      setUp(stack, 'clinician@lakeside.test'),
    ]);

    const total = RPS * SECONDS;
    const outcomes: Outcome[] = [];
    const pending: Promise<void>[] = [];
    let inFlight = 0;
    const started = performance.now();
    for (let i = 0; i < total; i++) {
      const due = started + (i * 1000) / RPS;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const operation = MIX[i % MIX.length]!;
      if (inFlight >= CONCURRENCY) {
        outcomes.push({ operation, ok: false, ms: 0, reason: 'overload' });
        continue;
      }
      inFlight++;
      pending.push(
        (async () => {
          const begin = performance.now();
          let reason: string | undefined;
          try {
            reason = await run(stack, tenants, operation, i);
          } catch (error) {
            reason = error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : 'network';
          }
          inFlight--;
          outcomes.push({
            operation,
            ok: reason === undefined,
            ms: performance.now() - begin,
            ...(reason ? { reason } : {}),
          });
        })(),
      );
    }
    await Promise.all(pending);
    report(outcomes, performance.now() - started);
    const failed = outcomes.filter((o) => !o.ok).length;
    console.log(`stress: ${outcomes.length - failed} passed, ${failed} failed`);
    exitCode = failed === 0 ? 0 : 1;
  } catch (error) {
    console.error(`stress: ${error instanceof Error ? error.message : String(error)}`);
    console.log('stress: 0 passed, 1 failed');
  } finally {
    const stopped = await stack.stop();
    if (stopped !== 0) {
      console.error(`stress: the stack exited with code ${stopped} when stopped`);
      exitCode = 1;
    }
  }
  return exitCode;
}

process.exitCode = await main();
