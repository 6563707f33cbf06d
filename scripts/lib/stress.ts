/**
 * The stress mix as a library: clinicians of two organizations drive a gateway at a fixed rate with
 * real operations (the patient list joined across all three subgraphs, a patient's detail, patient
 * updates and, when no run patient is free, creations). `pnpm test:stress` runs it against one
 * stack; the replica test runs it against the cluster while replicas are killed, and checks
 * afterwards that every write it was answered for is there (`acknowledged`).
 *
 * Open loop: each request starts at its scheduled time whether or not earlier ones answered, so a
 * slow gateway shows as latency and failures, not as a quietly lower rate.
 */
import { graphql, login, type GraphqlResult } from './stack';

export interface StressSettings {
  /** Requests started per second. */
  rps: number;
  seconds: number;
  /** Requests in flight at most; one over it fails as `overload`. */
  concurrency: number;
  /** Per request. */
  timeoutMs: number;
}

export interface StressTarget {
  /** The gateway's GraphQL URL. */
  gatewayUrl: string;
  /** The clinicians signing in (two organizations by default). */
  emails?: string[];
  /** Called after each request is scheduled, with its index: where a test kills replicas. */
  onTick?: (index: number, elapsedMs: number) => void;
}

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

export type Operation = 'patients' | 'patient' | 'updatePatient';
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

export interface Outcome {
  operation: Operation;
  ok: boolean;
  ms: number;
  /** Why it failed: an HTTP status, a GraphQL error code, `timeout`, `overload`, `network`. */
  reason?: string;
}

/** A clinician of one organization, with patients to read and patients of the run's own to update. */
export interface Tenant {
  email: string;
  token: string;
  patientIds: string[];
  /** Patients created for this run and not being updated right now, with their current version. */
  idle: { id: string; version: number }[];
  created: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function failure(result: GraphqlResult<unknown>): string | undefined {
  if (result.status !== 200) return `http ${result.status}`;
  if (result.errors?.length) {
    // The error code only: a message may quote the input.
    const code = result.errors[0]!.extensions?.['code'];
    return typeof code === 'string' ? code : 'graphql error';
  }
  if (result.data === null || result.data === undefined) return 'no data';
  return undefined;
}

const idAndVersion = (patient: { id: string; version: number }) => ({
  patientId: patient.id,
  version: patient.version,
});

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function setUp(gatewayUrl: string, email: string): Promise<Tenant> {
  const token = await login(gatewayUrl, email);
  const list = await graphql<{ patients: { nodes: { id: string }[] } }>(gatewayUrl, token, LIST);
  if (failure(list)) throw new Error(`listing patients as ${email} failed: ${failure(list)}`);
  return { email, token, patientIds: list.data!.patients.nodes.map((node) => node.id), idle: [], created: 0 };
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

/** A write the gateway answered without error: the patient, at the version it answered. */
export interface AcknowledgedWrite {
  operation: 'createPatient' | 'updatePatient';
  tenant: string;
  patientId: string;
  version: number;
}

async function run(
  gatewayUrl: string,
  tenants: Tenant[],
  operation: Operation,
  index: number,
  timeoutMs: number,
  acknowledged: AcknowledgedWrite[],
): Promise<string | undefined> {
  const tenant = tenants[index % tenants.length]!;
  const signal = AbortSignal.timeout(timeoutMs);
  if (operation === 'patients') return failure(await graphql(gatewayUrl, tenant.token, LIST, {}, { signal }));
  if (operation === 'patient') {
    const id = tenant.patientIds[index % tenant.patientIds.length]!;
    return failure(await graphql(gatewayUrl, tenant.token, DETAIL, { id }, { signal }));
  }
  // An update of a patient no other request is updating (so the version it read is current),
  // or, when every such patient is busy, a new one that later updates can take.
  const target = tenant.idle.shift();
  if (!target) {
    const created = await graphql<{ createPatient: { id: string; version: number } }>(
      gatewayUrl,
      tenant.token,
      CREATE,
      { input: newPatientInput(tenant) },
      { signal },
    );
    if (!failure(created)) {
      tenant.idle.push(created.data!.createPatient);
      acknowledged.push({
        operation: 'createPatient',
        tenant: tenant.email,
        ...idAndVersion(created.data!.createPatient),
      });
    }
    return failure(created);
  }
  const updated = await graphql<{ updatePatient: { id: string; version: number } }>(
    gatewayUrl,
    tenant.token,
    UPDATE,
    { id: target.id, input: { preferredLanguage: index % 2 === 0 ? 'ES' : 'EN' }, expectedVersion: target.version },
    { signal },
  );
  const problem = failure(updated);
  // A failed update leaves the patient out of the pool: its version is no longer known for sure.
  if (!problem) {
    tenant.idle.push(updated.data!.updatePatient);
    acknowledged.push({
      operation: 'updatePatient',
      tenant: tenant.email,
      ...idAndVersion(updated.data!.updatePatient),
    });
  }
  return problem;
}

export function report(outcomes: Outcome[], elapsedMs: number, settings: StressSettings): void {
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
      `(target ${settings.rps}/s, at most ${settings.concurrency} in flight, timeout ${settings.timeoutMs} ms)`,
  );
}

export interface StressResult {
  outcomes: Outcome[];
  elapsedMs: number;
  acknowledged: AcknowledgedWrite[];
  tenants: Tenant[];
}

/** Signs in, then runs the mix for `settings.seconds` at `settings.rps`; answers every outcome. */
export async function runStress(target: StressTarget, settings: StressSettings): Promise<StressResult> {
  const { gatewayUrl } = target;
  const emails = target.emails ?? ['clinician@riverside.test', 'clinician@lakeside.test'];
  const tenants = await Promise.all(emails.map((email) => setUp(gatewayUrl, email)));
  const total = settings.rps * settings.seconds;
  const outcomes: Outcome[] = [];
  const acknowledged: AcknowledgedWrite[] = [];
  const pending: Promise<void>[] = [];
  let inFlight = 0;
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / settings.rps;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    target.onTick?.(i, performance.now() - started);
    const operation = MIX[i % MIX.length]!;
    if (inFlight >= settings.concurrency) {
      outcomes.push({ operation, ok: false, ms: 0, reason: 'overload' });
      continue;
    }
    inFlight++;
    pending.push(
      (async () => {
        const begin = performance.now();
        let reason: string | undefined;
        try {
          reason = await run(gatewayUrl, tenants, operation, i, settings.timeoutMs, acknowledged);
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
  return { outcomes, elapsedMs: performance.now() - started, acknowledged, tenants };
}
