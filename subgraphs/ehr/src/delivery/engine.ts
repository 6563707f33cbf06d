import { randomUUID } from 'node:crypto';
import {
  currentTraceparent,
  inTraceOf,
  notFound,
  type ChangeAudit,
  type ChangeEvent,
  type Logger,
} from '@carebridge/common';
import type { EhrTransactionTrigger } from '../__generated__/schema-types';
import type { CanonicalRecord, EhrSystemRecord, EhrTransactionRecord, MappingVersionRecord } from '../data/records';
import type { EhrStore } from '../data/store';
import { buildSystemRequests, type ChangeScope } from '../mapping/kinds';
import type { SnapshotStore } from './snapshots';
import type { EventChange, TransactionStore } from './transactions';

/** The mapping versions delivery reads: an organization's current one, or a given one. */
export interface MappingSource {
  current(ehrSystemId: string, organizationId: string): Promise<MappingVersionRecord>;
  version(ehrSystemId: string, organizationId: string, version: number): Promise<MappingVersionRecord | undefined>;
}

/** The `lastError` of a transaction given up on because its patient was deleted. */
export const PATIENT_DELETED_ERROR = 'The patient was deleted before delivery.';

export interface DeliveryEngineOptions {
  ehr: EhrStore;
  mappings: MappingSource;
  snapshots: SnapshotStore;
  transactions: TransactionStore;
  logger: Logger;
  now?: () => number;
}

/**
 * Turns changes into EHR transactions: one per endpoint with data (one Bundle for a FHIR R4
 * system), built with the organization's mapping at that moment and kept with the record it was
 * built from. Sending is the worker's job.
 */
export class DeliveryEngine {
  private readonly now: () => number;

  constructor(private readonly options: DeliveryEngineOptions) {
    this.now = options.now ?? Date.now;
  }

  /**
   * Applies change events and queues what they change. An event is applied at most once: the
   * transaction store records its id with the transactions it made, in one step, so a redelivered
   * event (to this replica or another) adds nothing.
   *
   * Order of writes: each event's snapshot first (durable on its own, with the event id), then the
   * transactions and the processed event ids together, last. A crash in between leaves the event
   * unprocessed, so its sender delivers it again; the snapshot store recognises it (no change, and
   * the same `hadRecord` as the first time) and its transactions are made then, exactly as they
   * would have been.
   */
  async ingest(events: readonly ChangeEvent[]): Promise<{ applied: number; duplicates: number }> {
    const unseen = await this.options.transactions.unseenEvents(events.map((e) => e.id));
    const changes: EventChange[] = [];
    for (const event of events) {
      if (!unseen.has(event.id)) continue;
      unseen.delete(event.id);
      const { hadRecord: known } = await this.options.snapshots.apply(event);
      // Its transactions are sent in the change's trace: the events route's span when it continues
      // that trace (a batch of one change), else the span that recorded the event.
      const traceparent = inTraceOf(event.traceparent, currentTraceparent);
      switch (event.type) {
        case 'patient.upserted':
          changes.push({
            eventId: event.id,
            add: await this.plan(
              event.patientId,
              known ? 'PATIENT_UPDATED' : 'PATIENT_CREATED',
              'demographics',
              traceparent,
            ),
          });
          break;
        case 'clinical.answered':
          changes.push({
            eventId: event.id,
            add: await this.plan(event.patientId, 'RESPONSE_SUBMITTED', 'clinical', traceparent),
          });
          break;
        case 'patient.deleted':
          changes.push({
            eventId: event.id,
            add: [],
            // A deleted patient's unsent transactions are given up on: nothing must reach the EHR after it.
            cancel: {
              patientId: event.patientId,
              reason: PATIENT_DELETED_ERROR,
              at: new Date(this.now()).toISOString(),
            },
          });
          break;
      }
    }
    const applied = await this.options.transactions.recordEvents(changes);
    for (const change of changes) {
      if (applied.has(change.eventId) && change.add.length > 0) {
        const [first] = change.add;
        this.options.logger.info('delivery.queued', {
          patientId: first!.patientId,
          trigger: first!.trigger,
          count: change.add.length,
        });
      }
    }
    const duplicates = events.length - applied.size;
    this.options.logger.info('delivery.ingested', { applied: applied.size, duplicates });
    return { applied: applied.size, duplicates };
  }

  /** Queues every request of a patient again; the patient must be known here and not deleted. */
  resend(patientId: string, audit?: ChangeAudit): Promise<EhrTransactionRecord[]> {
    return this.resendAll([patientId], audit);
  }

  /**
   * `resend` of several patients in one step: every request of all of them is queued, with the
   * change's audit record, or none is.
   */
  async resendAll(patientIds: readonly string[], audit?: ChangeAudit): Promise<EhrTransactionRecord[]> {
    const plans: { patientId: string; created: EhrTransactionRecord[] }[] = [];
    for (const patientId of patientIds) plans.push({ patientId, created: await this.plan(patientId, 'RESEND', 'all') });
    const created = plans.flatMap((plan) => plan.created);
    await this.add(created, audit);
    for (const { patientId, created: queued } of plans) {
      if (queued.length > 0)
        this.options.logger.info('delivery.queued', { patientId, trigger: 'RESEND', count: queued.length });
    }
    return created;
  }

  /** How many requests a resend of these patients would make, without queuing anything. */
  async countRequests(patientIds: readonly string[]): Promise<number> {
    let count = 0;
    for (const id of patientIds) count += (await this.requests(id, 'all'))?.requests.length ?? 0;
    return count;
  }

  /** Queues a DEAD transaction again as a new one, built under its own or the current mapping. */
  async replay(
    dead: EhrTransactionRecord,
    mapping: 'ORIGINAL' | 'CURRENT',
    audit?: ChangeAudit,
  ): Promise<EhrTransactionRecord> {
    const transaction = await this.planReplay(dead, mapping);
    await this.add([transaction], audit);
    return transaction;
  }

  /**
   * `replay` of several DEAD transactions in one step, each under the current mapping: all of the
   * replays are queued, with the change's audit record, or none is (the store refuses the whole
   * step when one of them was replayed meanwhile).
   */
  async replayAll(dead: readonly EhrTransactionRecord[], audit?: ChangeAudit): Promise<EhrTransactionRecord[]> {
    const replays: EhrTransactionRecord[] = [];
    for (const transaction of dead) replays.push(await this.planReplay(transaction, 'CURRENT'));
    await this.add(replays, audit);
    return replays;
  }

  /** The replay of a DEAD transaction, not yet added. */
  private async planReplay(dead: EhrTransactionRecord, mapping: 'ORIGINAL' | 'CURRENT'): Promise<EhrTransactionRecord> {
    // Its patient was deleted: the data is erased, and nothing goes to the EHR after the deletion.
    const { source } = dead;
    if (!source) throw notFound('Patient', dead.patientId);
    const system = await this.system(dead.ehrSystemId);
    const version =
      mapping === 'ORIGINAL'
        ? await this.options.mappings.version(dead.ehrSystemId, dead.organizationId, dead.mappingVersion)
        : await this.options.mappings.current(dead.ehrSystemId, dead.organizationId);
    if (!version) throw new Error(`mapping version ${dead.mappingVersion} is gone`);
    const ehrPatientId = await this.options.transactions.ehrPatientId(dead.ehrSystemId, dead.patientId);
    const request = buildSystemRequests(source, version, system, ehrPatientId, 'all').find(
      (r) => r.endpoint === dead.endpoint,
    );
    return this.create(dead, ehrPatientId, {
      trigger: 'REPLAY',
      endpoint: dead.endpoint,
      method: request?.method ?? dead.method,
      payload: request?.payload ?? {},
      mappingVersion: version.version,
      source,
      replayOf: dead.id,
    });
  }

  /** A staff change's transactions go in with its audit record (`addWithAudit`), others alone. */
  private add(transactions: EhrTransactionRecord[], audit: ChangeAudit | undefined): Promise<void> {
    const store = this.options.transactions;
    return audit ? store.addWithAudit(transactions, audit) : store.add(...transactions);
  }

  private async requests(
    patientId: string,
    scope: ChangeScope,
  ): Promise<
    | {
        record: CanonicalRecord;
        organizationId: string;
        system: EhrSystemRecord;
        mapping: MappingVersionRecord;
        ehrPatientId: string | null;
        requests: ReturnType<typeof buildSystemRequests>;
      }
    | undefined
  > {
    const copy = await this.options.snapshots.get(patientId);
    // Answers can arrive before the patient's demographics; they go out with the first patient event.
    if (!copy?.record || copy.deleted) return undefined;
    const organization = await this.options.ehr.organization(copy.organizationId);
    if (!organization) return undefined;
    const system = await this.system(organization.ehrSystemId);
    const mapping = await this.options.mappings.current(system.id, organization.id);
    const ehrPatientId = await this.options.transactions.ehrPatientId(system.id, patientId);
    const requests = buildSystemRequests(copy.record, mapping, system, ehrPatientId, scope);
    return { record: copy.record, organizationId: organization.id, system, mapping, ehrPatientId, requests };
  }

  /** The transactions a change makes, not yet added. */
  private async plan(
    patientId: string,
    trigger: EhrTransactionTrigger,
    scope: ChangeScope,
    traceparent?: string,
  ): Promise<EhrTransactionRecord[]> {
    // A new patient's first event also sends any answers that came before it.
    const effective = trigger === 'PATIENT_CREATED' ? 'all' : scope;
    const plan = await this.requests(patientId, effective);
    if (!plan) return [];
    return plan.requests.map((request) =>
      this.create({ organizationId: plan.organizationId, patientId, ehrSystemId: plan.system.id }, plan.ehrPatientId, {
        trigger,
        endpoint: request.endpoint,
        method: request.method,
        payload: request.payload,
        mappingVersion: plan.mapping.version,
        source: plan.record,
        replayOf: null,
        ...(traceparent === undefined ? {} : { traceparent }),
      }),
    );
  }

  private create(
    about: { organizationId: string; patientId: string; ehrSystemId: string },
    ehrPatientId: string | null,
    what: Pick<
      EhrTransactionRecord,
      'trigger' | 'endpoint' | 'method' | 'payload' | 'mappingVersion' | 'source' | 'replayOf' | 'traceparent'
    >,
  ): EhrTransactionRecord {
    const at = new Date(this.now()).toISOString();
    const id = randomUUID();
    // The trace it is sent in: the change's (an event's), or the staff request's (a resend, a replay).
    const traceparent = what.traceparent ?? currentTraceparent();
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
      ehrPatientId,
      createdAt: at,
      updatedAt: at,
      deliveredAt: null,
      ...what,
      ...(traceparent === undefined ? {} : { traceparent }),
    };
  }

  private async system(id: string): Promise<EhrSystemRecord> {
    const system = await this.options.ehr.ehrSystem(id);
    if (!system) throw new Error(`unknown EHR system ${id}`);
    return system;
  }
}
