import type { ChangeEvent, Logger, PatientSnapshot } from '@carebridge/common';
import { createMetrics, silentLogger } from '@carebridge/common';
import { seedEhrSystems } from '../src/data/seed';
import { createSeededStore } from '../src/data/store';
import type { EhrSystemRecord, MappingVersionRecord } from '../src/data/records';
import { DeliveryEngine, type MappingSource } from '../src/delivery/engine';
import { deliveryMetrics } from '../src/delivery/metrics';
import { InMemorySnapshotStore } from '../src/delivery/snapshots';
import { createsPatientIn, InMemoryTransactionStore, type TransactionStore } from '../src/delivery/transactions';
import { DeliveryWorker, type DeliveryWorkerOptions, type RetryPolicy } from '../src/delivery/worker';

/** A fictional patient of Lakeside Clinic (Allscripts). */
export function patientSnapshot(overrides: Partial<PatientSnapshot> = {}): PatientSnapshot {
  return {
    id: 'pt-d1',
    organizationId: 'org-lakeside',
    mrn: 'LC-000901',
    firstName: 'Marisol',
    lastName: 'Vega',
    gender: 'FEMALE',
    dateOfBirth: '1984-07-09',
    phone: '+15125550142',
    email: 'marisol.vega@example.test',
    address: { line1: '12 Elm St', line2: null, city: 'Austin', state: 'TX', postalCode: '78701', country: 'US' },
    emergencyContact: null,
    insurance: { provider: 'Blue Shield', policyNumber: 'BS-1' },
    primaryCarePhysician: { id: 'prov-lakeside-1', displayName: 'Dr. Example', npi: '1234567890' },
    preferredLanguage: 'ES',
    ...overrides,
  };
}

let counter = 0;
export function upserted(patient: PatientSnapshot = patientSnapshot()): ChangeEvent {
  counter += 1;
  return {
    id: `ev-${counter}`,
    type: 'patient.upserted',
    organizationId: patient.organizationId,
    patientId: patient.id,
    occurredAt: new Date().toISOString(),
    patient,
  };
}

export function answered(patientId = 'pt-d1', organizationId = 'org-lakeside'): ChangeEvent {
  counter += 1;
  return {
    id: `ev-${counter}`,
    type: 'clinical.answered',
    organizationId,
    patientId,
    occurredAt: new Date().toISOString(),
    responseId: `qr-${counter}`,
    questionnaireId: 'qn-intake-v1',
    answers: [{ linkId: 'allergies.known', category: 'ALLERGIES', value: ['PENICILLIN'], display: ['Penicillin'] }],
  };
}

/** The platform's seeded mappings, as the current version for every organization. */
export function seededMappings(
  systems = seedEhrSystems(),
): MappingSource & { publish(systemId: string, fields: MappingVersionRecord['fields']): void } {
  const extra = new Map<string, MappingVersionRecord[]>();
  const versions = (id: string) => [...(systems.find((s) => s.id === id)?.mappings ?? []), ...(extra.get(id) ?? [])];
  return {
    current: (id) => Promise.resolve(versions(id).at(-1)!),
    version: (id, _org, n) => Promise.resolve(versions(id).find((v) => v.version === n)),
    publish: (id, fields) => {
      const list = extra.get(id) ?? [];
      list.push({
        version: versions(id).length + 1,
        publishedAt: new Date().toISOString(),
        publishedBy: 'test',
        note: null,
        restoredFrom: null,
        fields,
      });
      extra.set(id, list);
    },
  };
}

export type Reply = { status: number; body?: unknown; headers?: Record<string, string> } | 'network-error';

/** A fake EHR: answers from a script (then 200s), and records every request it received. */
export function scriptedEhr(script: Reply[] = []) {
  const requests: { method: string; url: string; key: string | null; body: unknown }[] = [];
  let next = 1;
  // The worker always calls fetch(url string, init with a string body).
  const fetchImpl = (input: string, init?: RequestInit & { body?: string }): Promise<Response> => {
    const headers = new Headers(init?.headers);
    requests.push({
      method: init?.method ?? 'GET',
      url: input,
      key: headers.get('idempotency-key'),
      body: JSON.parse(init?.body ?? 'null'),
    });
    const reply = script.shift() ?? {
      status: (init?.method ?? 'GET') === 'POST' ? 201 : 200,
      body: { patientId: `EHR-${next++}` },
    };
    if (reply === 'network-error') return Promise.reject(new TypeError('fetch failed'));
    return Promise.resolve(
      new Response(JSON.stringify(reply.body ?? {}), { status: reply.status, headers: reply.headers ?? {} }),
    );
  };
  return { requests, fetch: fetchImpl as unknown as typeof fetch };
}

export const FAST_POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 100, timeoutMs: 1_000 };

export function deliveryRig(
  options: {
    fetch?: typeof fetch;
    policy?: RetryPolicy;
    transactions?: (ehr: ReturnType<typeof createSeededStore>) => TransactionStore;
    logger?: Logger;
    /** More EHR systems than the seeded ones, with their platform mappings. */
    systems?: EhrSystemRecord[];
  } & Pick<DeliveryWorkerOptions, 'destinations' | 'pinnedFetch'> = {},
) {
  let now = Date.parse('2026-03-01T10:00:00.000Z');
  const clock = { now: () => now, advance: (ms: number) => (now += ms) };
  const ehr = createSeededStore();
  for (const system of options.systems ?? []) void ehr.addEhrSystem(system);
  const mappings = seededMappings([...seedEhrSystems(), ...(options.systems ?? [])]);
  const snapshots = new InMemorySnapshotStore();
  const transactions =
    options.transactions?.(ehr) ?? new InMemoryTransactionStore({ createsPatient: createsPatientIn(ehr) });
  const engine = new DeliveryEngine({ ehr, mappings, snapshots, transactions, logger: silentLogger, now: clock.now });
  // The service's metrics, counted by the worker and read from the store as a scrape would.
  const metrics = createMetrics({ service: 'ehr' });
  const worker = new DeliveryWorker({
    ehr,
    transactions,
    metrics: deliveryMetrics(metrics, transactions, clock.now),
    logger: options.logger ?? silentLogger,
    policy: options.policy ?? FAST_POLICY,
    now: clock.now,
    random: () => 1,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.destinations ? { destinations: options.destinations } : {}),
    ...(options.pinnedFetch ? { pinnedFetch: options.pinnedFetch } : {}),
  });
  /** Runs worker passes, moving the clock past every retry, until nothing is open or `max` passes. */
  const drain = async (max = 50) => {
    for (let i = 0; i < max && (await transactions.open()).length > 0; i++) {
      await worker.tick();
      clock.advance(1_000);
    }
  };
  return { ehr, mappings, snapshots, transactions, engine, worker, clock, drain, metrics };
}
