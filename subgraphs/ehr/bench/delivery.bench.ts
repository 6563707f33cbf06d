/**
 * Delivery's speed: `pnpm bench:delivery`. Prints figures and asserts nothing.
 *
 * The EHR sandbox and the ehr subgraph's delivery path run in this process on free ports: change
 * events are posted, signed, to the real events route (as the outboxes do), become transactions,
 * and the worker sends them to the sandbox. A transaction counts when the sandbox has accepted it
 * and the worker has recorded it DELIVERED; its latency is from the POST of its change event.
 *
 * - throughput: `BENCH_PATIENTS` new patients (default 500), each with a demographics change and
 *   answers, posted in batches of 100 events as fast as they are accepted; transactions per second
 *   from the first POST to the last DELIVERED, and p50/p99 latency.
 * - idle: one change at a time on an idle queue (`BENCH_IDLE` of them, default 50); p50/p99.
 *
 * Each for the in-memory store and for PostgreSQL (`DATABASE_URL`, or the local server; a schema of
 * its own, dropped at the end).
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  createTokenVerifier,
  EVENT_SIGNATURE_HEADER,
  EVENTS_PATH,
  SEED_ORGANIZATIONS,
  serveService,
  signEventBody,
  silentLogger,
  type ChangeEvent,
  type Logger,
  type LogFields,
} from '@carebridge/common';
import { testSchemas } from '@carebridge/db/testing';
import { createSandbox } from '@carebridge/ehr-sandbox/src/server';
import { seedEhrSystems, seedOrganizations } from '../src/data/seed';
import { openEhrStorage } from '../src/delivery/storage';
import { createService } from '../src/server';

const PATIENTS = Number(process.env['BENCH_PATIENTS'] ?? 500);
const IDLE = Number(process.env['BENCH_IDLE'] ?? 50);
const BATCH = 100;
const SECRET = 'bench-secret';

interface Result {
  store: string;
  run: string;
  transactions: number;
  seconds: number;
  p50: number;
  p99: number;
  /** This process's CPU time (worker, events route and sandbox together) per transaction. */
  cpuMs: number;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(since);
  return (user + system) / 1000;
}

let serial = 0;
function events(index: number, run: string): ChangeEvent[] {
  const organization = SEED_ORGANIZATIONS[index % SEED_ORGANIZATIONS.length]!;
  const patientId = `bench-${run}-${index}`;
  const at = new Date().toISOString();
  return [
    {
      id: `ev-${run}-${++serial}`,
      type: 'patient.upserted',
      organizationId: organization.id,
      patientId,
      occurredAt: at,
      patient: {
        id: patientId,
        organizationId: organization.id,
        mrn: `BN-${index}`,
        firstName: 'Bench',
        lastName: `Patient${index}`,
        gender: index % 2 ? 'FEMALE' : 'MALE',
        dateOfBirth: '1980-01-01',
        phone: '+15125550100',
        email: `bench${index}@example.test`,
        address: { line1: '1 Main St', line2: null, city: 'Austin', state: 'TX', postalCode: '78701', country: 'US' },
        emergencyContact: null,
        insurance: { provider: 'Blue Shield', policyNumber: `BS-${index}` },
        primaryCarePhysician: null,
        preferredLanguage: 'EN',
      },
    },
    {
      id: `ev-${run}-${++serial}`,
      type: 'clinical.answered',
      organizationId: organization.id,
      patientId,
      occurredAt: at,
      responseId: `qr-${run}-${index}`,
      questionnaireId: 'qn-intake-v1',
      answers: [
        { linkId: 'allergies.known', category: 'ALLERGIES', value: ['PENICILLIN'], display: ['Penicillin'] },
        { linkId: 'symptoms.current', category: 'SYMPTOMS', value: ['HEADACHE'], display: ['Headache'] },
      ],
    },
  ];
}

async function bench(store: 'memory' | 'postgres'): Promise<Result[]> {
  const schemas = testSchemas('bench');
  const sandbox = createSandbox();
  const sandboxRunning = await sandbox.listen(0);
  const storage = await openEhrStorage({
    database: store === 'postgres' ? { url: schemas.url, schema: schemas.schema('ehr') } : null,
    seed: {
      systems: seedEhrSystems({
        athena: `${sandboxRunning.url}/athena`,
        allscripts: `${sandboxRunning.url}/allscripts`,
      }),
      organizations: seedOrganizations(),
    },
    logger: silentLogger,
  });
  // Every DELIVERED is logged with its patient: that moment, against the POST of the patient's events.
  const posted = new Map<string, number>();
  const latencies: number[] = [];
  let delivered = 0;
  let onDelivered: (() => void) | undefined;
  const recorder: Logger = {
    info(event: string, fields?: LogFields) {
      if (event !== 'delivery.delivered') return;
      const at = posted.get(String(fields?.['patientId']));
      if (at !== undefined) latencies.push(performance.now() - at);
      delivered += 1;
      onDelivered?.();
    },
    warn: () => undefined,
    error: () => undefined,
    child: () => recorder,
  };
  const service = createService({
    verifier: createTokenVerifier({ jwks: 'http://127.0.0.1:9/.well-known/jwks.json' }),
    store: storage.store,
    mappings: storage.mappings,
    snapshots: storage.snapshots,
    transactions: storage.transactions,
    eventsSecret: SECRET,
    delivery: {
      logger: recorder,
      ...(process.env['DELIVERY_CONCURRENCY'] ? { concurrency: Number(process.env['DELIVERY_CONCURRENCY']) } : {}),
      ...(process.env['DELIVERY_CONCURRENCY_PER_SYSTEM']
        ? { perSystemConcurrency: Number(process.env['DELIVERY_CONCURRENCY_PER_SYSTEM']) }
        : {}),
    },
  });
  // Serving starts the delivery worker; closing stops it after the server drains.
  const running = await serveService(service, { port: 0 });
  const url = `${running.url.replace(/\/graphql$/, '')}${EVENTS_PATH}`;
  const post = async (batch: ChangeEvent[]) => {
    const body = JSON.stringify({ events: batch });
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [EVENT_SIGNATURE_HEADER]: signEventBody(body, SECRET) },
      body,
    });
    if (!response.ok) throw new Error(`events answered ${response.status}`);
    await response.text();
  };
  const until = async (target: number) => {
    const deadline = Date.now() + 300_000;
    while (delivered < target) {
      if (Date.now() > deadline) throw new Error(`only ${delivered} of ${target} delivered`);
      await new Promise<void>((resolve) => {
        onDelivered = () => delivered >= target && resolve();
        setTimeout(resolve, 1_000);
      });
    }
  };
  const total = async () => {
    const counts = await storage.transactions.counts();
    return counts.PENDING + counts.FAILED + counts.DELIVERED + counts.DEAD;
  };

  const results: Result[] = [];
  try {
    // Warm-up: JIT, connections, prepared plans.
    for (let i = 0; i < 20; i++) await post(events(i, 'warm'));
    await until(await total());

    // Throughput.
    latencies.length = 0;
    const before = delivered;
    const all = Array.from({ length: PATIENTS }, (_, i) => events(i, 'load')).flat();
    const cpu = process.cpuUsage();
    const start = performance.now();
    for (let i = 0; i < all.length; i += BATCH) {
      const batch = all.slice(i, i + BATCH);
      const now = performance.now();
      for (const event of batch) if (!posted.has(event.patientId)) posted.set(event.patientId, now);
      await post(batch);
    }
    const expected = (await total()) - before;
    await until(before + expected);
    const seconds = (performance.now() - start) / 1000;
    const sorted = [...latencies].sort((a, b) => a - b);
    results.push({
      store,
      run: `${PATIENTS} patients`,
      transactions: expected,
      seconds,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      cpuMs: cpuMs(cpu) / expected,
    });

    // Idle latency: one change at a time (a demographics update of a known patient: one transaction).
    latencies.length = 0;
    const idleCpu = process.cpuUsage();
    const idleStart = performance.now();
    for (let i = 0; i < IDLE; i++) {
      const [update] = events(i, 'load');
      const target = delivered + 1;
      posted.set(update!.patientId, performance.now());
      await post([{ ...update!, id: `ev-idle-${i}` }]);
      await until(target);
      await new Promise((r) => setTimeout(r, 20));
    }
    const idleSorted = [...latencies].sort((a, b) => a - b);
    results.push({
      store,
      run: 'idle, one at a time',
      transactions: IDLE,
      seconds: (performance.now() - idleStart) / 1000,
      p50: percentile(idleSorted, 50),
      p99: percentile(idleSorted, 99),
      cpuMs: cpuMs(idleCpu) / IDLE,
    });
  } finally {
    await running.close();
    await storage.close();
    await sandboxRunning.close();
    if (store === 'postgres') await schemas.drop();
  }
  return results;
}

const stores = (process.env['BENCH_STORES'] ?? 'memory,postgres').split(',') as ('memory' | 'postgres')[];
const results: Result[] = [];
for (const store of stores) results.push(...(await bench(store)));
console.log('\ndelivery: change event → DELIVERED at the EHR sandbox (load average %s)\n', loadavg()[0]!.toFixed(1));
console.log('| store      | run                  | transactions | tx/s   | p50 ms | p99 ms | CPU ms/tx |');
console.log('| ---------- | -------------------- | ------------ | ------ | ------ | ------ | --------- |');
for (const r of results) {
  const tps = r.run.startsWith('idle') ? '—' : (r.transactions / r.seconds).toFixed(0);
  console.log(
    `| ${r.store.padEnd(10)} | ${r.run.padEnd(20)} | ${String(r.transactions).padStart(12)} | ${tps.padStart(6)} | ${r.p50.toFixed(1).padStart(6)} | ${r.p99.toFixed(1).padStart(6)} | ${r.cpuMs.toFixed(2).padStart(9)} |`,
  );
}
