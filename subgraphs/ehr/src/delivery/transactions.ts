import type { ChangeAudit } from '@carebridge/common';
import type { EhrTransactionStatus } from '../__generated__/schema-types';
import type { EhrTransactionRecord } from '../data/records';
import type { EhrStore } from '../data/store';
import { MinHeap } from './heap';

/** Whether a transaction is still to be sent (PENDING, or FAILED and waiting for its retry). */
export function isOpen(transaction: Pick<EhrTransactionRecord, 'status'>): boolean {
  return transaction.status === 'PENDING' || transaction.status === 'FAILED';
}

/**
 * Whether an endpoint of an EHR system creates the patient there. The queue needs it for the rule
 * "nothing else goes to a patient while an earlier request to its creating endpoint is open"; it
 * is fixed per transaction when the transaction is added.
 */
export type CreatesPatient = (ehrSystemId: string, endpoint: string) => boolean;

export function createsPatientIn(ehr: Pick<EhrStore, 'endpointCreatesPatient'>): CreatesPatient {
  return (ehrSystemId, endpoint) => ehr.endpointCreatesPatient(ehrSystemId, endpoint);
}

export interface ClaimOptions {
  /** Transactions to claim at most. */
  limit: number;
  /** Epoch milliseconds: what is due by then can be claimed. */
  now: number;
  /** Claims of one EHR system held at once by this store (this replica), counting earlier claims. */
  perSystemLimit: number;
  /** How long a claim lasts: after it, a claimer that crashed or hung loses it to the others. */
  leaseMs: number;
}

export interface ClaimedTransaction {
  transaction: EhrTransactionRecord;
  /** The EHR's id for the patient as known at claim time (what the request is addressed with). */
  ehrPatientId: string | null;
}

/** One EHR system's transactions in one status. */
export interface QueueStats {
  ehrSystemId: string;
  status: EhrTransactionStatus;
  count: number;
  /** The oldest one's `createdAt` (ISO 8601). */
  oldestCreatedAt: string;
}

/** A claimed transaction's new state after an attempt. */
export interface Completion {
  status: EhrTransactionStatus;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  ehrPatientId: string | null;
  updatedAt: string;
  /** The EHR's id for the patient when this attempt learnt it; recorded together with the completion. */
  learnedEhrPatientId?: string | null;
}

/**
 * An organization's delivery figures since a time (what alert rules are evaluated from): counts of
 * its transactions, of one EHR system or all, whose latest change (`updatedAt`) is at or after it.
 */
export interface DeliveryActivity {
  /** DEAD transactions. */
  dead: number;
  /** Transactions attempted at least once. */
  attempted: number;
  /** Of those, FAILED (waiting for a retry) or DEAD. */
  failed: number;
  /** DELIVERED transactions (delivered at or after the time). */
  delivered: number;
  /** When the oldest PENDING or FAILED transaction was created, whenever that was; null if none. */
  oldestOpenCreatedAt: string | null;
}

/** The activity to count for an organization: of one EHR system or all, since an ISO time. */
export interface ActivityQuery {
  organizationId: string;
  ehrSystemId: string | null;
  since: string;
}

/** Adds one transaction to the figures of `activity` (the in-memory store's and tests' rule). */
export function countActivity(figures: DeliveryActivity, t: EhrTransactionRecord, sinceMs: number): void {
  if (isOpen(t) && (figures.oldestOpenCreatedAt === null || t.createdAt < figures.oldestOpenCreatedAt)) {
    figures.oldestOpenCreatedAt = t.createdAt;
  }
  if (Date.parse(t.updatedAt) < sinceMs) return;
  if (t.status === 'DEAD') figures.dead += 1;
  if (t.attempts > 0) {
    figures.attempted += 1;
    if (t.status === 'FAILED' || t.status === 'DEAD') figures.failed += 1;
  }
  if (t.status === 'DELIVERED' && t.deliveredAt !== null && Date.parse(t.deliveredAt) >= sinceMs)
    figures.delivered += 1;
}

export const NO_ACTIVITY = (): DeliveryActivity => ({
  dead: 0,
  attempted: 0,
  failed: 0,
  delivered: 0,
  oldestOpenCreatedAt: null,
});

/** What one change event does to the queue, applied at most once per event id. */
export interface EventChange {
  eventId: string;
  add: readonly EhrTransactionRecord[];
  /**
   * A deleted patient: their open transactions are DEAD with this reason, and every transaction of
   * theirs keeps only its metadata (its `payload` emptied, its `source` null): nothing of their
   * data stays here, and nothing is sent or replayed after the deletion.
   */
  cancel?: { patientId: string; reason: string; at: string };
}

/**
 * Where transactions are kept, and the delivery queue over them. Per lane (EHR system, patient,
 * endpoint) transactions are claimed one at a time in the order they were added; a claim is a lease,
 * so a claimer that disappears gives its transactions back once the lease ends.
 */
export interface TransactionStore {
  /**
   * Records new transactions. Refuses (throws, adding none of them) a second replay of the same
   * transaction (a transaction is replayed at most once) or an id that exists.
   */
  add(...transactions: EhrTransactionRecord[]): Promise<void>;
  /**
   * `add` of a staff member's change (a resend, a replay) with its audit record (see
   * `ChangeAudit`), in the same step: when the record cannot be written nothing is added (and
   * nothing sent), and a refused addition writes no record. The record is written even when there
   * is nothing to add (a patient with no request to make).
   */
  addWithAudit(transactions: readonly EhrTransactionRecord[], audit: ChangeAudit): Promise<void>;
  /** Of these change-event ids, those not recorded yet. */
  unseenEvents(eventIds: readonly string[]): Promise<Set<string>>;
  /**
   * Applies each change whose event was not recorded before, recording its id with it atomically
   * (so a redelivered event, even to another replica, adds nothing); answers the ids applied now.
   */
  recordEvents(changes: readonly EventChange[]): Promise<Set<string>>;
  get(id: string): Promise<EhrTransactionRecord | undefined>;
  /** Saves a changed transaction as it is (staff tools and tests; the worker uses `complete`). */
  save(transaction: EhrTransactionRecord): Promise<void>;
  /** Makes a patient's open transactions DEAD with `reason`; answers how many. */
  cancelOpen(patientId: string, reason: string, at: string): Promise<number>;
  /** A patient's transactions, newest first. */
  byPatient(patientId: string): Promise<EhrTransactionRecord[]>;
  /** A patient's most recent transaction (the first of `byPatient`), without reading the others. */
  latestOfPatient(patientId: string): Promise<EhrTransactionRecord | undefined>;
  /** The replay of a transaction (the transaction whose `replayOf` is `id`), if it was replayed. */
  replayedBy(id: string): Promise<EhrTransactionRecord | undefined>;
  /** An organization's transactions, newest first, optionally in one status or of one patient. */
  list(
    organizationId: string,
    filter: { status?: EhrTransactionStatus | null; patientId?: string | null },
  ): Promise<EhrTransactionRecord[]>;
  /** PENDING or FAILED transactions, oldest first (for monitors and tests; the worker claims). */
  open(): Promise<EhrTransactionRecord[]>;
  /** An organization's delivery figures since a time (see `DeliveryActivity`), in one query. */
  activity(query: ActivityQuery): Promise<DeliveryActivity>;
  /** Counts by status, over every organization: the delivery invariant's figures. */
  counts(): Promise<Record<EhrTransactionStatus, number>>;
  /** Per EHR system and status: how many, and when the oldest was created (the metrics' queue gauges). */
  stats(): Promise<QueueStats[]>;
  /** The EHR's id for a patient, once an EHR answered it. */
  ehrPatientId(ehrSystemId: string, patientId: string): Promise<string | null>;
  setEhrPatientId(ehrSystemId: string, patientId: string, ehrPatientId: string): Promise<void>;
  /**
   * Claims due transactions that head their lane, are not claimed, and come after no open request
   * of their patient to a creating endpoint; oldest first.
   */
  claim(options: ClaimOptions): Promise<ClaimedTransaction[]>;
  /**
   * Ends a claim with the attempt's outcome. False (nothing changed) when the claim was lost (its
   * lease ran out and another claimer took it) or the transaction was closed meanwhile.
   */
  complete(id: string, completion: Completion): Promise<boolean>;
  /** When the next unclaimed transaction becomes due (or a lease ends), epoch ms; null if never. */
  nextDueAt(): Promise<number | null>;
  /** Calls `listener` when transactions are added (on PostgreSQL, by any replica). Answers an unsubscribe. */
  onWork(listener: () => void): () => void;
  close(): Promise<void>;
}

const EMPTY_COUNTS = (): Record<EhrTransactionStatus, number> => ({ PENDING: 0, FAILED: 0, DELIVERED: 0, DEAD: 0 });

/** The patients these transactions are for, each once: what their audit record names by default. */
export function patientsOf(transactions: readonly EhrTransactionRecord[]): string[] {
  return [...new Set(transactions.map((t) => t.patientId))];
}

interface Entry {
  record: EhrTransactionRecord;
  /** Insertion order: lane order, and ties between transactions created in the same millisecond. */
  seq: number;
  creates: boolean;
  lane: Lane;
}

interface Lane {
  key: string;
  ehrSystemId: string;
  patientKey: string;
  /** Open transactions, oldest first. */
  entries: Entry[];
  claim: { id: string; token: number; until: number } | null;
}

interface Ready {
  id: string;
  due: number;
  seq: number;
}

const dueOf = (record: EhrTransactionRecord): number =>
  record.nextAttemptAt === null ? 0 : Date.parse(record.nextAttemptAt);

const readyFirst = (a: Ready, b: Ready): boolean => a.due < b.due || (a.due === b.due && a.seq < b.seq);

/**
 * The embedded store. The queue is per-lane FIFO arrays plus, per EHR system, a heap of lane heads by
 * due time: a claim pops what it takes (O(claimed log n)) instead of scanning every open transaction.
 * Heap entries are hints, checked when popped, so changes never have to search the heap.
 */
export class InMemoryTransactionStore implements TransactionStore {
  private readonly byId = new Map<string, Entry>();
  private readonly patients = new Map<string, string[]>();
  private readonly organizations = new Map<string, string[]>();
  private readonly ehrPatientIds = new Map<string, string>();
  /** Each patient's newest transaction id, kept up to date by `add` (creation times never change). */
  private readonly latest = new Map<string, string>();
  /** The replay's id of each replayed transaction. */
  private readonly replays = new Map<string, string>();
  private readonly processedEvents = new Set<string>();
  private readonly statusCounts = EMPTY_COUNTS();

  private readonly lanes = new Map<string, Lane>();
  /** Per patient (system and patient), the lanes of endpoints that create the patient. */
  private readonly createLanes = new Map<string, Set<Lane>>();
  /** Lanes whose head waits for an older request of the same patient's creating lane (the key). */
  private readonly waitingOn = new Map<Lane, Set<Lane>>();
  private readonly ready = new Map<string, MinHeap<Ready>>();
  private readonly leases = new MinHeap<{ until: number; lane: Lane; token: number }>((a, b) => a.until < b.until);
  private readonly claimedBySystem = new Map<string, number>();
  private readonly listeners = new Set<() => void>();
  private sequence = 0;
  private tokens = 0;
  private readonly createsPatient: CreatesPatient;

  constructor(options: { createsPatient?: CreatesPatient } = {}) {
    this.createsPatient = options.createsPatient ?? (() => false);
  }

  private readonly oldestFirst = (a: EhrTransactionRecord, b: EhrTransactionRecord): number =>
    a.createdAt.localeCompare(b.createdAt) || (this.byId.get(a.id)?.seq ?? 0) - (this.byId.get(b.id)?.seq ?? 0);

  private readonly newestFirst = (a: EhrTransactionRecord, b: EhrTransactionRecord): number => this.oldestFirst(b, a);

  add(...transactions: EhrTransactionRecord[]): Promise<void> {
    return this.addNow(transactions, undefined);
  }

  addWithAudit(transactions: readonly EhrTransactionRecord[], audit: ChangeAudit): Promise<void> {
    return this.addNow(transactions, audit);
  }

  /** Checks every addition, then writes the audit record (which may throw), then adds them. */
  private addNow(transactions: readonly EhrTransactionRecord[], audit: ChangeAudit | undefined): Promise<void> {
    const refused = this.check(transactions);
    if (refused) return Promise.reject(refused);
    try {
      audit?.writeNow(patientsOf(transactions));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    for (const t of transactions) this.insert(t);
    if (transactions.length > 0) this.notify();
    return Promise.resolve();
  }

  unseenEvents(eventIds: readonly string[]): Promise<Set<string>> {
    return Promise.resolve(new Set(eventIds.filter((id) => !this.processedEvents.has(id))));
  }

  recordEvents(changes: readonly EventChange[]): Promise<Set<string>> {
    const fresh = changes.filter((c) => !this.processedEvents.has(c.eventId));
    // All or nothing, as in one database transaction: check every addition before applying any.
    const refused = this.check(fresh.flatMap((c) => c.add));
    if (refused) return Promise.reject(refused);
    const applied = new Set<string>();
    for (const change of fresh) {
      if (applied.has(change.eventId)) continue;
      applied.add(change.eventId);
      this.processedEvents.add(change.eventId);
      for (const t of change.add) this.insert(t);
      if (change.cancel) {
        this.cancel(change.cancel.patientId, change.cancel.reason, change.cancel.at);
        this.erase(change.cancel.patientId);
      }
    }
    if (fresh.some((c) => c.add.length > 0)) this.notify();
    return Promise.resolve(applied);
  }

  get(id: string): Promise<EhrTransactionRecord | undefined> {
    return Promise.resolve(this.byId.get(id)?.record);
  }

  save(transaction: EhrTransactionRecord): Promise<void> {
    const entry = this.byId.get(transaction.id);
    if (!entry) return this.add(transaction);
    const wasOpen = isOpen(entry.record);
    const wasDue = dueOf(entry.record);
    this.setRecord(entry, transaction);
    if (wasOpen && !isOpen(transaction)) this.removeFromLane(entry);
    else if (!wasOpen && isOpen(transaction)) this.reopen(entry);
    else if (isOpen(transaction) && wasDue !== dueOf(transaction) && entry.lane.entries[0] === entry) {
      this.pushHead(entry.lane);
      this.notify();
    }
    return Promise.resolve();
  }

  cancelOpen(patientId: string, reason: string, at: string): Promise<number> {
    return Promise.resolve(this.cancel(patientId, reason, at));
  }

  byPatient(patientId: string): Promise<EhrTransactionRecord[]> {
    return Promise.resolve(this.resolve(this.patients.get(patientId)).sort(this.newestFirst));
  }

  latestOfPatient(patientId: string): Promise<EhrTransactionRecord | undefined> {
    const id = this.latest.get(patientId);
    return Promise.resolve(id === undefined ? undefined : this.byId.get(id)?.record);
  }

  replayedBy(id: string): Promise<EhrTransactionRecord | undefined> {
    const replayId = this.replays.get(id);
    return Promise.resolve(replayId === undefined ? undefined : this.byId.get(replayId)?.record);
  }

  list(
    organizationId: string,
    filter: { status?: EhrTransactionStatus | null; patientId?: string | null },
  ): Promise<EhrTransactionRecord[]> {
    const ids = filter.patientId ? this.patients.get(filter.patientId) : this.organizations.get(organizationId);
    return Promise.resolve(
      this.resolve(ids)
        .filter((t) => t.organizationId === organizationId && (!filter.status || t.status === filter.status))
        .sort(this.newestFirst),
    );
  }

  open(): Promise<EhrTransactionRecord[]> {
    const open: Entry[] = [];
    for (const lane of this.lanes.values()) open.push(...lane.entries);
    return Promise.resolve(open.sort((a, b) => a.seq - b.seq).map((e) => e.record));
  }

  activity(query: ActivityQuery): Promise<DeliveryActivity> {
    const figures = NO_ACTIVITY();
    const sinceMs = Date.parse(query.since);
    for (const id of this.organizations.get(query.organizationId) ?? []) {
      const record = this.byId.get(id)?.record;
      if (record && (query.ehrSystemId === null || record.ehrSystemId === query.ehrSystemId)) {
        countActivity(figures, record, sinceMs);
      }
    }
    return Promise.resolve(figures);
  }

  counts(): Promise<Record<EhrTransactionStatus, number>> {
    return Promise.resolve({ ...this.statusCounts });
  }

  stats(): Promise<QueueStats[]> {
    const groups = new Map<string, QueueStats>();
    for (const { record } of this.byId.values()) {
      const key = `${record.ehrSystemId}\u0000${record.status}`;
      const group = groups.get(key);
      if (!group)
        groups.set(key, {
          ehrSystemId: record.ehrSystemId,
          status: record.status,
          count: 1,
          oldestCreatedAt: record.createdAt,
        });
      else {
        group.count += 1;
        if (record.createdAt < group.oldestCreatedAt) group.oldestCreatedAt = record.createdAt;
      }
    }
    return Promise.resolve([...groups.values()]);
  }

  ehrPatientId(ehrSystemId: string, patientId: string): Promise<string | null> {
    return Promise.resolve(this.ehrPatientIds.get(`${ehrSystemId}:${patientId}`) ?? null);
  }

  setEhrPatientId(ehrSystemId: string, patientId: string, ehrPatientId: string): Promise<void> {
    this.ehrPatientIds.set(`${ehrSystemId}:${patientId}`, ehrPatientId);
    return Promise.resolve();
  }

  claim(options: ClaimOptions): Promise<ClaimedTransaction[]> {
    this.expireLeases(options.now);
    const claimed: ClaimedTransaction[] = [];
    while (claimed.length < options.limit) {
      // The oldest due head over the systems that still have room.
      let best: { system: string; heap: MinHeap<Ready>; top: Ready } | undefined;
      for (const [system, heap] of this.ready) {
        if ((this.claimedBySystem.get(system) ?? 0) >= options.perSystemLimit) continue;
        const top = this.validTop(heap);
        if (top && top.due <= options.now && (!best || readyFirst(top, best.top))) best = { system, heap, top };
      }
      if (!best) break;
      best.heap.pop();
      const entry = this.byId.get(best.top.id)!;
      const blocker = this.blockingCreate(entry);
      if (blocker) {
        // Woken again when the creating lane's head changes (see `headChanged`).
        let waiting = this.waitingOn.get(blocker);
        if (!waiting) this.waitingOn.set(blocker, (waiting = new Set()));
        waiting.add(entry.lane);
        continue;
      }
      const token = ++this.tokens;
      const until = options.now + options.leaseMs;
      entry.lane.claim = { id: entry.record.id, token, until };
      this.leases.push({ until, lane: entry.lane, token });
      this.claimedBySystem.set(best.system, (this.claimedBySystem.get(best.system) ?? 0) + 1);
      claimed.push({
        transaction: entry.record,
        ehrPatientId: this.ehrPatientIds.get(`${entry.record.ehrSystemId}:${entry.record.patientId}`) ?? null,
      });
    }
    return Promise.resolve(claimed);
  }

  complete(id: string, completion: Completion): Promise<boolean> {
    const entry = this.byId.get(id);
    const lane = entry?.lane;
    if (!entry || lane?.claim?.id !== id) return Promise.resolve(false);
    this.releaseClaim(lane);
    if (!isOpen(entry.record)) {
      // Closed while in flight (its patient deleted): the lane moves on without it.
      this.headChanged(lane);
      return Promise.resolve(false);
    }
    const { learnedEhrPatientId, ...fields } = completion;
    if (learnedEhrPatientId) {
      this.ehrPatientIds.set(`${entry.record.ehrSystemId}:${entry.record.patientId}`, learnedEhrPatientId);
    }
    this.setRecord(entry, { ...entry.record, ...fields });
    if (isOpen(entry.record)) this.pushHead(lane);
    else this.removeFromLane(entry);
    return Promise.resolve(true);
  }

  nextDueAt(): Promise<number | null> {
    let next: number | null = this.leases.peek()?.until ?? null;
    for (const heap of this.ready.values()) {
      const top = this.validTop(heap);
      if (top && (next === null || top.due < next)) next = top.due;
    }
    return Promise.resolve(next);
  }

  onWork(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): Promise<void> {
    this.listeners.clear();
    return Promise.resolve();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  /** Why these transactions cannot be added, if they cannot. */
  private check(transactions: readonly EhrTransactionRecord[]): Error | undefined {
    const ids = new Set<string>();
    const replayed = new Set<string>();
    for (const { id, replayOf } of transactions) {
      if (replayOf !== null && (this.replays.has(replayOf) || replayed.has(replayOf))) {
        return new Error(`transaction ${replayOf} was already replayed as ${this.replays.get(replayOf) ?? id}`);
      }
      if (this.byId.has(id) || ids.has(id)) return new Error(`transaction ${id} already exists`);
      ids.add(id);
      if (replayOf !== null) replayed.add(replayOf);
    }
    return undefined;
  }

  private laneOf(transaction: EhrTransactionRecord, creates: boolean): Lane {
    const { ehrSystemId, patientId, endpoint } = transaction;
    const patientKey = `${ehrSystemId}\u0000${patientId}`;
    const laneKey = `${patientKey}\u0000${endpoint}`;
    let lane = this.lanes.get(laneKey);
    if (!lane) {
      lane = { key: laneKey, ehrSystemId, patientKey, entries: [], claim: null };
      this.lanes.set(laneKey, lane);
    }
    if (creates) {
      let lanes = this.createLanes.get(patientKey);
      if (!lanes) this.createLanes.set(patientKey, (lanes = new Set()));
      lanes.add(lane);
    }
    return lane;
  }

  private insert(transaction: EhrTransactionRecord): void {
    const { replayOf, ehrSystemId, patientId, endpoint } = transaction;
    const creates = this.createsPatient(ehrSystemId, endpoint);
    const lane = this.laneOf(transaction, creates);
    const entry: Entry = { record: transaction, seq: this.sequence++, creates, lane };
    this.byId.set(transaction.id, entry);
    this.statusCounts[transaction.status] += 1;
    this.index(this.patients, patientId, transaction.id);
    this.index(this.organizations, transaction.organizationId, transaction.id);
    if (replayOf !== null) this.replays.set(replayOf, transaction.id);
    // The newest has the latest creation time; among equal times, the last added (see `oldestFirst`).
    const newest = this.byId.get(this.latest.get(patientId) ?? '');
    if (!newest || this.oldestFirst(newest.record, transaction) < 0) this.latest.set(patientId, transaction.id);
    if (isOpen(transaction)) {
      lane.entries.push(entry);
      if (lane.entries.length === 1) this.pushHead(lane);
    }
  }

  private cancel(patientId: string, reason: string, at: string): number {
    let count = 0;
    for (const id of this.patients.get(patientId) ?? []) {
      const entry = this.byId.get(id)!;
      if (!isOpen(entry.record)) continue;
      this.setRecord(entry, { ...entry.record, status: 'DEAD', lastError: reason, nextAttemptAt: null, updatedAt: at });
      this.removeFromLane(entry);
      count += 1;
    }
    return count;
  }

  /** Empties the payload and source of every transaction of a deleted patient (see `EventChange.cancel`). */
  private erase(patientId: string): void {
    for (const id of this.patients.get(patientId) ?? []) {
      const entry = this.byId.get(id)!;
      entry.record = { ...entry.record, payload: {}, source: null };
    }
  }

  private setRecord(entry: Entry, record: EhrTransactionRecord): void {
    this.statusCounts[entry.record.status] -= 1;
    this.statusCounts[record.status] += 1;
    entry.record = record;
  }

  /** An entry that was closed and is open again (only `save` does that): back into its lane, in order. */
  private reopen(entry: Entry): void {
    // Its lane may have been dropped when it emptied.
    entry.lane = this.laneOf(entry.record, entry.creates);
    const { entries } = entry.lane;
    const at = entries.findIndex((e) => e.seq > entry.seq);
    entries.splice(at === -1 ? entries.length : at, 0, entry);
    if (entries[0] === entry) this.headChanged(entry.lane);
    this.notify();
  }

  private removeFromLane(entry: Entry): void {
    const { entries } = entry.lane;
    const at = entries.indexOf(entry);
    if (at === -1) return;
    entries.splice(at, 1);
    if (at === 0) this.headChanged(entry.lane);
  }

  private headChanged(lane: Lane): void {
    this.pushHead(lane);
    if (lane.entries.length === 0 && !lane.claim) {
      this.lanes.delete(lane.key);
      this.createLanes.get(lane.patientKey)?.delete(lane);
    }
    const waiting = this.waitingOn.get(lane);
    if (waiting) {
      this.waitingOn.delete(lane);
      for (const other of waiting) this.pushHead(other);
    }
  }

  private pushHead(lane: Lane): void {
    const head = lane.entries[0];
    if (!head || lane.claim) return;
    let heap = this.ready.get(lane.ehrSystemId);
    if (!heap) this.ready.set(lane.ehrSystemId, (heap = new MinHeap(readyFirst)));
    heap.push({ id: head.record.id, due: dueOf(head.record), seq: head.seq });
  }

  /** The heap's top once stale hints (no longer a head, claimed, or rescheduled) are dropped. */
  private validTop(heap: MinHeap<Ready>): Ready | undefined {
    for (;;) {
      const top = heap.peek();
      if (!top) return undefined;
      const entry = this.byId.get(top.id);
      const valid =
        entry !== undefined &&
        entry.lane.entries[0] === entry &&
        entry.lane.claim === null &&
        dueOf(entry.record) === top.due;
      if (valid) return top;
      heap.pop();
    }
  }

  /** The creating lane of the same patient whose head is older than `entry`, if any. */
  private blockingCreate(entry: Entry): Lane | undefined {
    for (const lane of this.createLanes.get(entry.lane.patientKey) ?? []) {
      if (lane === entry.lane) continue;
      const head = lane.entries[0];
      if (head && head.seq < entry.seq) return lane;
    }
    return undefined;
  }

  private releaseClaim(lane: Lane): void {
    lane.claim = null;
    this.claimedBySystem.set(lane.ehrSystemId, (this.claimedBySystem.get(lane.ehrSystemId) ?? 1) - 1);
  }

  private expireLeases(now: number): void {
    for (let lease = this.leases.peek(); lease && lease.until <= now; lease = this.leases.peek()) {
      this.leases.pop();
      if (lease.lane.claim?.token !== lease.token) continue;
      this.releaseClaim(lease.lane);
      this.pushHead(lease.lane);
    }
  }

  private index(map: Map<string, string[]>, key: string, id: string): void {
    const ids = map.get(key);
    if (ids) ids.push(id);
    else map.set(key, [id]);
  }

  private resolve(ids: readonly string[] | undefined): EhrTransactionRecord[] {
    return (ids ?? []).map((id) => this.byId.get(id)?.record).filter((t): t is EhrTransactionRecord => t !== undefined);
  }
}
