import { appendFileSync, existsSync } from 'node:fs';
import { ConfigError, envString, type Env } from '../env';
import {
  AUDIT_GENESIS,
  AuditWriteError,
  chainRecord,
  DEV_AUDIT_HMAC_KEY,
  readAuditFile,
  type AuditEntry,
  type AuditPage,
  type AuditQuery,
  type AuditRecord,
  type AuditSink,
} from './chain';
import { RequestSettlement } from './settle';

/** The audit log in memory, optionally continued in a file, and its configuration. */

export interface InMemoryAuditLogOptions {
  /** The service writing the log: patient, clinical or ehr. */
  service: string;
  /** The HMAC key (AUDIT_HMAC_KEY). */
  key: string;
  /** When set, each record is also appended to this file as one JSON line, and an existing file is continued. */
  filePath?: string | null;
  now?: () => Date;
}

/**
 * The audit log kept in memory and indexed by organization and by (organization, patient), so a
 * trail query is a binary search plus one page, never a scan. With `filePath`, every record is
 * written to the file before it counts, and a restart continues the file's chain instead of
 * starting a second one (a file holding another service's records is refused: each service needs
 * a file of its own).
 *
 * `append` (a read's record) only queues: the records appended within one turn of the event loop
 * (a list's entities, concurrent requests) go to the file in one write, and `settled(requestId)`,
 * which every response waits for (`auditSettledPlugin`), resolves once the request's records are
 * on disk, or rejects when the write failed, failing the request. A failed write leaves the chain
 * where the file's last record left it: the queued records are dropped (their requests fail) and
 * the next record chains onto what is on disk. `appendNow` (a change's record, written before the
 * store applies the change) writes the queue and its record at once, synchronously, and throws
 * when they cannot be written. Without a file both are immediate: there is nothing to wait for.
 */
export class InMemoryAuditLog implements AuditSink {
  private readonly records: AuditRecord[] = [];
  private readonly byOrganization = new Map<string, AuditRecord[]>();
  private readonly byPatient = new Map<string, AuditRecord[]>();
  private readonly service: string;
  private readonly key: string;
  private readonly filePath: string | null;
  private readonly now: () => Date;
  /** The chain's head, queued records included. */
  private lastSeq = 0;
  private lastHash = AUDIT_GENESIS;
  /** The head of what is in the log (and on disk): where the chain resumes when a write fails. */
  private writtenSeq = 0;
  private writtenHash = AUDIT_GENESIS;
  /** Records appended and not yet written to the file. */
  private queue: AuditRecord[] = [];
  private scheduled = false;
  private readonly settlement = new RequestSettlement();

  constructor(options: InMemoryAuditLogOptions) {
    this.service = options.service;
    this.key = options.key;
    this.filePath = options.filePath ?? null;
    this.now = options.now ?? (() => new Date());
    if (this.filePath !== null && existsSync(this.filePath)) {
      const records = readAuditFile(this.filePath);
      // Another service's file: continuing it would interleave two chains, and neither verifies.
      const other = records.find((record) => record.service !== this.service)?.service;
      if (other !== undefined) {
        throw new ConfigError(
          `AUDIT_LOG_PATH ${this.filePath} holds records of the ${String(other)} service, not ${this.service}: give each service its own file`,
        );
      }
      for (const record of records) this.index(record);
      this.lastSeq = this.writtenSeq;
      this.lastHash = this.writtenHash;
    }
  }

  append(entry: AuditEntry): AuditRecord {
    if (this.filePath === null) return this.appendNow(entry);
    const record = this.chain(entry);
    this.queue.push(record);
    this.settlement.queued(record.requestId);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.writeQueued());
    }
    return record;
  }

  /** The record is in the log, and on disk with a file, when this returns; throws AuditWriteError when it cannot be. */
  appendNow(entry: AuditEntry): AuditRecord {
    // What is queued chains before this record, so it goes to the file first, in the same write.
    const queued = this.takeQueue();
    const record = this.chain(entry);
    const error = this.write([...queued, record]);
    this.settle(queued, error);
    if (error) {
      this.settlement.fail(entry.requestId, error);
      throw error;
    }
    return record;
  }

  /** Writes what is queued now. */
  writeQueued(): void {
    this.scheduled = false;
    const queued = this.takeQueue();
    if (queued.length > 0) this.settle(queued, this.write(queued));
  }

  private takeQueue(): AuditRecord[] {
    const queued = this.queue;
    this.queue = [];
    return queued;
  }

  /** The next record of the chain, which becomes its head. */
  private chain(entry: AuditEntry): AuditRecord {
    const record = chainRecord(entry, {
      service: this.service,
      key: this.key,
      seq: this.lastSeq + 1,
      prevHash: this.lastHash,
      at: this.now().toISOString(),
    });
    this.lastSeq = record.seq;
    this.lastHash = record.hash;
    return record;
  }

  /**
   * Writes records to the file in one append, then into the log. When the append fails they are in
   * neither, and the chain's head goes back to the last record written: the chain stays whole.
   */
  private write(records: readonly AuditRecord[]): AuditWriteError | undefined {
    if (this.filePath !== null) {
      try {
        appendFileSync(this.filePath, records.map((record) => JSON.stringify(record) + '\n').join(''));
      } catch (cause) {
        this.lastSeq = this.writtenSeq;
        this.lastHash = this.writtenHash;
        return new AuditWriteError({ cause });
      }
    }
    for (const record of records) this.index(record);
    return undefined;
  }

  private settle(records: readonly AuditRecord[], error: AuditWriteError | undefined): void {
    for (const record of records) this.settlement.done(record.requestId, error);
  }

  settled(requestId: string): Promise<void> {
    return this.settlement.settled(requestId);
  }

  flush(): Promise<void> {
    this.writeQueued();
    return Promise.resolve();
  }

  query({ organizationId, patientId, first, after }: AuditQuery): Promise<AuditPage> {
    // A trail answers every record appended before it was asked for.
    this.writeQueued();
    const list =
      (patientId === undefined
        ? this.byOrganization.get(organizationId)
        : this.byPatient.get(patientKey(organizationId, patientId))) ?? [];
    // Lists are in ascending seq; a page walks backwards from just below `after`. One chain, so a
    // position is its seq (a position from a log of several chains names one here too).
    const afterSeq = after === undefined ? undefined : typeof after === 'number' ? after : after.seq;
    const end = afterSeq === undefined ? list.length : lowerBound(list, afterSeq);
    const start = Math.max(0, end - first);
    const records = list.slice(start, end).reverse();
    return Promise.resolve({ records, hasMore: start > 0, end: records.at(-1)?.seq ?? null });
  }

  /** Every record, oldest first: for tests and exports. */
  all(): readonly AuditRecord[] {
    this.writeQueued();
    return this.records;
  }

  private index(record: AuditRecord): void {
    this.records.push(record);
    this.writtenSeq = record.seq;
    this.writtenHash = record.hash;
    push(this.byOrganization, record.organizationId, record);
    for (const id of record.patientIds) push(this.byPatient, patientKey(record.organizationId, id), record);
  }
}

function patientKey(organizationId: string, patientId: string): string {
  return `${organizationId}\u0000${patientId}`;
}

function push(map: Map<string, AuditRecord[]>, key: string, record: AuditRecord): void {
  const list = map.get(key);
  if (list) list.push(record);
  else map.set(key, [record]);
}

/** The index of the first record with seq >= `seq` in a list sorted by seq. */
function lowerBound(list: readonly AuditRecord[], seq: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((list[middle]?.seq ?? Infinity) < seq) low = middle + 1;
    else high = middle;
  }
  return low;
}

export interface AuditConfig {
  hmacKey: string;
  /** One file per service: two services appending to one file would interleave two chains. */
  logPath: string | null;
}

/** AUDIT_HMAC_KEY (required in production, at least 32 characters) and AUDIT_LOG_PATH (optional). */
export function readAuditConfig(env: Env): AuditConfig {
  const production = env['NODE_ENV'] === 'production';
  const hmacKey = envString(env, 'AUDIT_HMAC_KEY', production ? '' : DEV_AUDIT_HMAC_KEY);
  if (production && (hmacKey.length < 32 || hmacKey === DEV_AUDIT_HMAC_KEY)) {
    throw new ConfigError('AUDIT_HMAC_KEY is required in production: a secret of at least 32 characters');
  }
  const logPath = envString(env, 'AUDIT_LOG_PATH', '');
  return { hmacKey, logPath: logPath === '' ? null : logPath };
}
