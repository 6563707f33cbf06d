import { randomUUID } from 'node:crypto';
import type { ChangeEvent, Logger } from '@carebridge/common';
import type { DataCategory, EhrTransactionTrigger } from '../__generated__/schema-types';
import type { CanonicalRecord, EhrSystemRecord, EhrTransactionRecord, MappingVersionRecord } from '../data/records';
import type { EhrStore } from '../data/store';
import { buildRequests } from '../mapping/build';
import type { SnapshotStore } from './snapshots';
import type { TransactionStore } from './transactions';

/** The mapping versions delivery reads: an organization's current one, or a given one. */
export interface MappingSource {
  current(ehrSystemId: string, organizationId: string): MappingVersionRecord;
  version(ehrSystemId: string, organizationId: string, version: number): MappingVersionRecord | undefined;
}

const DEMOGRAPHIC: readonly DataCategory[] = ['DEMOGRAPHICS', 'INSURANCE', 'CARE_TEAM'];

/** Which endpoints a change concerns: demographics for a patient change, the rest for answers. */
function concerns(categories: readonly DataCategory[], scope: 'demographics' | 'clinical' | 'all'): boolean {
  if (scope === 'all') return true;
  const demographic = categories.some((c) => DEMOGRAPHIC.includes(c));
  return scope === 'demographics' ? demographic : !demographic;
}

export interface DeliveryEngineOptions {
  ehr: EhrStore;
  mappings: MappingSource;
  snapshots: SnapshotStore;
  transactions: TransactionStore;
  logger: Logger;
  now?: () => number;
}

/**
 * Turns changes into EHR transactions: one per endpoint with data, built with the organization's
 * mapping at that moment and kept with the record it was built from. Sending is the worker's job.
 */
export class DeliveryEngine {
  private readonly now: () => number;

  constructor(private readonly options: DeliveryEngineOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Applies change events (a redelivered event is ignored) and queues what they change. */
  ingest(events: readonly ChangeEvent[]): { applied: number; duplicates: number } {
    let applied = 0;
    for (const event of events) {
      const known = Boolean(this.options.snapshots.get(event.patientId)?.record);
      if (!this.options.snapshots.apply(event)) continue;
      applied += 1;
      switch (event.type) {
        case 'patient.upserted':
          this.enqueue(event.patientId, known ? 'PATIENT_UPDATED' : 'PATIENT_CREATED', 'demographics');
          break;
        case 'clinical.answered':
          this.enqueue(event.patientId, 'RESPONSE_SUBMITTED', 'clinical');
          break;
        case 'patient.deleted':
          this.cancelOpen(event.patientId);
          break;
      }
    }
    this.options.logger.info('delivery.ingested', { applied, duplicates: events.length - applied });
    return { applied, duplicates: events.length - applied };
  }

  /** Queues every request of a patient again; the patient must be known here and not deleted. */
  resend(patientId: string): EhrTransactionRecord[] {
    return this.enqueue(patientId, 'RESEND', 'all');
  }

  /** How many requests a resend of these patients would make, without queuing anything. */
  countRequests(patientIds: readonly string[]): number {
    let count = 0;
    for (const id of patientIds) count += this.plan(id, 'all')?.requests.length ?? 0;
    return count;
  }

  /** Queues a DEAD transaction again as a new one, built under its own or the current mapping. */
  replay(dead: EhrTransactionRecord, mapping: 'ORIGINAL' | 'CURRENT'): EhrTransactionRecord {
    const system = this.system(dead.ehrSystemId);
    const version =
      mapping === 'ORIGINAL'
        ? this.options.mappings.version(dead.ehrSystemId, dead.organizationId, dead.mappingVersion)
        : this.options.mappings.current(dead.ehrSystemId, dead.organizationId);
    if (!version) throw new Error(`mapping version ${dead.mappingVersion} is gone`);
    const ehrPatientId = this.options.transactions.ehrPatientId(dead.ehrSystemId, dead.patientId);
    const request = buildRequests(dead.source, version, system, ehrPatientId).find((r) => r.endpoint === dead.endpoint);
    const transaction = this.create(dead, {
      trigger: 'REPLAY',
      endpoint: dead.endpoint,
      method: request?.method ?? dead.method,
      payload: request?.payload ?? {},
      mappingVersion: version.version,
      source: dead.source,
      replayOf: dead.id,
    });
    this.options.transactions.add(transaction);
    return transaction;
  }

  private plan(
    patientId: string,
    scope: 'demographics' | 'clinical' | 'all',
  ):
    | {
        record: CanonicalRecord;
        organizationId: string;
        system: EhrSystemRecord;
        mapping: MappingVersionRecord;
        requests: ReturnType<typeof buildRequests>;
      }
    | undefined {
    const copy = this.options.snapshots.get(patientId);
    // Answers can arrive before the patient's demographics; they go out with the first patient event.
    if (!copy?.record || copy.deleted) return undefined;
    const organization = this.options.ehr.organization(copy.organizationId);
    if (!organization) return undefined;
    const system = this.system(organization.ehrSystemId);
    const mapping = this.options.mappings.current(system.id, organization.id);
    const ehrPatientId = this.options.transactions.ehrPatientId(system.id, patientId);
    const requests = buildRequests(copy.record, mapping, system, ehrPatientId).filter((request) => {
      const endpoint = system.endpoints.find((e) => e.path === request.endpoint);
      return endpoint !== undefined && concerns(endpoint.categories, scope);
    });
    return { record: copy.record, organizationId: organization.id, system, mapping, requests };
  }

  private enqueue(
    patientId: string,
    trigger: EhrTransactionTrigger,
    scope: 'demographics' | 'clinical' | 'all',
  ): EhrTransactionRecord[] {
    // A new patient's first event also sends any answers that came before it.
    const effective = trigger === 'PATIENT_CREATED' ? 'all' : scope;
    const plan = this.plan(patientId, effective);
    if (!plan) return [];
    const created = plan.requests.map((request) =>
      this.create(
        { organizationId: plan.organizationId, patientId, ehrSystemId: plan.system.id },
        {
          trigger,
          endpoint: request.endpoint,
          method: request.method,
          payload: request.payload,
          mappingVersion: plan.mapping.version,
          source: plan.record,
          replayOf: null,
        },
      ),
    );
    for (const transaction of created) this.options.transactions.add(transaction);
    this.options.logger.info('delivery.queued', { patientId, trigger, count: created.length });
    return created;
  }

  private create(
    about: { organizationId: string; patientId: string; ehrSystemId: string },
    what: Pick<
      EhrTransactionRecord,
      'trigger' | 'endpoint' | 'method' | 'payload' | 'mappingVersion' | 'source' | 'replayOf'
    >,
  ): EhrTransactionRecord {
    const at = new Date(this.now()).toISOString();
    const id = randomUUID();
    return {
      id,
      organizationId: about.organizationId,
      patientId: about.patientId,
      ehrSystemId: about.ehrSystemId,
      status: 'PENDING',
      attempts: 0,
      nextAttemptAt: null,
      lastError: null,
      // One key per transaction: its retries repeat it, so the EHR applies it at most once.
      idempotencyKey: id,
      ehrPatientId: this.options.transactions.ehrPatientId(about.ehrSystemId, about.patientId),
      createdAt: at,
      updatedAt: at,
      deliveredAt: null,
      ...what,
    };
  }

  /** A deleted patient's unsent transactions are given up on: nothing must reach the EHR after it. */
  private cancelOpen(patientId: string): void {
    const at = new Date(this.now()).toISOString();
    for (const t of this.options.transactions.byPatient(patientId)) {
      if (t.status === 'PENDING' || t.status === 'FAILED') {
        this.options.transactions.save({
          ...t,
          status: 'DEAD',
          lastError: 'The patient was deleted before delivery.',
          nextAttemptAt: null,
          updatedAt: at,
        });
      }
    }
  }

  private system(id: string): EhrSystemRecord {
    const system = this.options.ehr.ehrSystem(id);
    if (!system) throw new Error(`unknown EHR system ${id}`);
    return system;
  }
}
