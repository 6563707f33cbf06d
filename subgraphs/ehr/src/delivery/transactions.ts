import type { EhrTransactionStatus } from '../__generated__/schema-types';
import type { EhrTransactionRecord } from '../data/records';

/** Where transactions are kept; a database (with an index per query below) can replace it. */
export interface TransactionStore {
  /**
   * Records a new transaction. Refuses (throws, adding nothing) a second replay of the same
   * transaction: a transaction is replayed at most once.
   */
  add(transaction: EhrTransactionRecord): void;
  get(id: string): EhrTransactionRecord | undefined;
  /** Saves a changed transaction (records are replaced, never edited in place by readers). */
  save(transaction: EhrTransactionRecord): void;
  /** A patient's transactions, newest first. */
  byPatient(patientId: string): EhrTransactionRecord[];
  /** A patient's most recent transaction (the first of `byPatient`), without reading the others. */
  latestOfPatient(patientId: string): EhrTransactionRecord | undefined;
  /** The replay of a transaction (the transaction whose `replayOf` is `id`), if it was replayed. */
  replayedBy(id: string): EhrTransactionRecord | undefined;
  /** An organization's transactions, newest first, optionally in one status or of one patient. */
  list(
    organizationId: string,
    filter: { status?: EhrTransactionStatus | null; patientId?: string | null },
  ): EhrTransactionRecord[];
  /** PENDING or FAILED transactions, oldest first: what the worker still has to send. */
  open(): EhrTransactionRecord[];
  /** Counts by status, over every organization: the delivery invariant's figures. */
  counts(): Record<EhrTransactionStatus, number>;
  /** The EHR's id for a patient, once an EHR answered it. */
  ehrPatientId(ehrSystemId: string, patientId: string): string | null;
  setEhrPatientId(ehrSystemId: string, patientId: string, ehrPatientId: string): void;
}

export class InMemoryTransactionStore implements TransactionStore {
  private readonly byId = new Map<string, EhrTransactionRecord>();
  private readonly patients = new Map<string, string[]>();
  private readonly organizations = new Map<string, string[]>();
  /** Ids that are PENDING or FAILED: the only ones the worker looks at. */
  private readonly openIds = new Set<string>();
  private readonly ehrPatientIds = new Map<string, string>();
  /** Insertion order: breaks ties between transactions created in the same millisecond. */
  private readonly sequence = new Map<string, number>();
  /** Each patient's newest transaction id, kept up to date by `add` (creation times never change). */
  private readonly latest = new Map<string, string>();
  /** The replay's id of each replayed transaction. */
  private readonly replays = new Map<string, string>();

  private readonly oldestFirst = (a: EhrTransactionRecord, b: EhrTransactionRecord): number =>
    a.createdAt.localeCompare(b.createdAt) || (this.sequence.get(a.id) ?? 0) - (this.sequence.get(b.id) ?? 0);

  private readonly newestFirst = (a: EhrTransactionRecord, b: EhrTransactionRecord): number => this.oldestFirst(b, a);

  add(transaction: EhrTransactionRecord): void {
    const { replayOf } = transaction;
    if (replayOf !== null && this.replays.has(replayOf)) {
      throw new Error(`transaction ${replayOf} was already replayed as ${this.replays.get(replayOf)}`);
    }
    if (this.byId.has(transaction.id)) throw new Error(`transaction ${transaction.id} already exists`);
    this.sequence.set(transaction.id, this.sequence.size);
    this.byId.set(transaction.id, transaction);
    this.index(this.patients, transaction.patientId, transaction.id);
    this.index(this.organizations, transaction.organizationId, transaction.id);
    if (replayOf !== null) this.replays.set(replayOf, transaction.id);
    // The newest has the latest creation time; among equal times, the last added (see `oldestFirst`).
    const newest = this.byId.get(this.latest.get(transaction.patientId) ?? '');
    if (!newest || this.oldestFirst(newest, transaction) < 0) this.latest.set(transaction.patientId, transaction.id);
    this.track(transaction);
  }

  get(id: string): EhrTransactionRecord | undefined {
    return this.byId.get(id);
  }

  save(transaction: EhrTransactionRecord): void {
    this.byId.set(transaction.id, transaction);
    this.track(transaction);
  }

  byPatient(patientId: string): EhrTransactionRecord[] {
    return this.resolve(this.patients.get(patientId)).sort(this.newestFirst);
  }

  latestOfPatient(patientId: string): EhrTransactionRecord | undefined {
    const id = this.latest.get(patientId);
    return id === undefined ? undefined : this.byId.get(id);
  }

  replayedBy(id: string): EhrTransactionRecord | undefined {
    const replayId = this.replays.get(id);
    return replayId === undefined ? undefined : this.byId.get(replayId);
  }

  list(
    organizationId: string,
    filter: { status?: EhrTransactionStatus | null; patientId?: string | null },
  ): EhrTransactionRecord[] {
    const ids = filter.patientId ? this.patients.get(filter.patientId) : this.organizations.get(organizationId);
    return this.resolve(ids)
      .filter((t) => t.organizationId === organizationId && (!filter.status || t.status === filter.status))
      .sort(this.newestFirst);
  }

  open(): EhrTransactionRecord[] {
    return this.resolve([...this.openIds]).sort(this.oldestFirst);
  }

  counts(): Record<EhrTransactionStatus, number> {
    const counts: Record<EhrTransactionStatus, number> = { PENDING: 0, FAILED: 0, DELIVERED: 0, DEAD: 0 };
    for (const t of this.byId.values()) counts[t.status] += 1;
    return counts;
  }

  ehrPatientId(ehrSystemId: string, patientId: string): string | null {
    return this.ehrPatientIds.get(`${ehrSystemId}:${patientId}`) ?? null;
  }

  setEhrPatientId(ehrSystemId: string, patientId: string, ehrPatientId: string): void {
    this.ehrPatientIds.set(`${ehrSystemId}:${patientId}`, ehrPatientId);
  }

  private track(transaction: EhrTransactionRecord): void {
    if (transaction.status === 'PENDING' || transaction.status === 'FAILED') this.openIds.add(transaction.id);
    else this.openIds.delete(transaction.id);
  }

  private index(map: Map<string, string[]>, key: string, id: string): void {
    const ids = map.get(key);
    if (ids) ids.push(id);
    else map.set(key, [id]);
  }

  private resolve(ids: readonly string[] | undefined): EhrTransactionRecord[] {
    return (ids ?? []).map((id) => this.byId.get(id)).filter((t): t is EhrTransactionRecord => t !== undefined);
  }
}
