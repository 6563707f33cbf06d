import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * The PHI audit log: every read and change of patient data, allowed, denied or failed, recorded
 * by the service that owns the data. Records carry ids, action names and reason codes only (never
 * names, dates, contact details or answers), so the log itself holds no PHI beyond identifiers.
 *
 * Records form an HMAC chain: each record's `hash` covers the record and the previous record's
 * hash. Whoever lacks the key cannot edit, delete, reorder or insert a record without
 * `verifyAuditChain` (and `pnpm audit:verify`) naming the first record where the chain breaks.
 * Truncating the tail is the one change a chain cannot reveal by itself; shipping the file to
 * append-only storage covers that.
 */

export type AuditOutcome = 'ALLOWED' | 'DENIED' | 'FAILED';

/** Who acted: a staff user (with their role) or the holder of an intake link. */
export interface AuditActor {
  kind: 'staff' | 'intake';
  /** The user id, or the intake link's id. */
  id: string;
  role?: string;
}

export interface AuditRecord {
  /** 1, 2, 3… in the order the service wrote them; the chain runs in this order. */
  seq: number;
  /** ISO 8601 instant. */
  at: string;
  /** The service that owns the data and wrote the record. */
  service: string;
  /** The organization the actor acted for. */
  organizationId: string;
  actor: AuditActor;
  /** What was done, e.g. `patient.read`, `response.submit`, `ehr.resend`. */
  action: string;
  outcome: AuditOutcome;
  /** The patients concerned, at most `MAX_AUDIT_PATIENT_IDS` (the first ones). */
  patientIds: string[];
  /** How many patients were concerned, counting those beyond `patientIds`. */
  patientCount: number;
  requestId: string;
  /** A reason code (FORBIDDEN, BAD_USER_INPUT, a denial reason…); never patient data. */
  detail?: string;
  /** The previous record's `hash`, or `genesis` for the first. */
  prevHash: string;
  /** HMAC-SHA256(key, prevHash + '\n' + canonicalJson(record without hash)), hex. */
  hash: string;
}

/** What a caller supplies; the sink adds the sequence, time and chain. */
export interface AuditEntry {
  organizationId: string;
  actor: AuditActor;
  action: string;
  outcome: AuditOutcome;
  patientIds: readonly string[];
  /** Defaults to the number of distinct `patientIds`. */
  patientCount?: number;
  requestId: string;
  detail?: string;
}

/**
 * Where a record sits in a log's newest-first order, as a page cursor carries it: its `seq` in a
 * log of one chain (the in-memory log); in a log of several chains (PostgreSQL, one chain per
 * process), its time, chain and seq, the order the chains are merged in.
 */
export type AuditPosition = number | { at: string; chain: string; seq: number };

export interface AuditQuery {
  /** Always required: one organization never reads another's records. */
  organizationId: string;
  patientId?: string;
  first: number;
  /** The position of the last record of the previous page (its `end`). */
  after?: AuditPosition;
}

export interface AuditPage {
  /** Newest first. */
  records: AuditRecord[];
  hasMore: boolean;
  /** The position of the last record, for the next page's `after`; null when the page is empty. */
  end: AuditPosition | null;
}

/**
 * Where a service records. `append` is synchronous so that resolvers need not await it: it builds
 * the chained record and queues it, and a sink that writes later (in batches) reports the outcome
 * through `settled`, which the subgraph's Apollo Server plugin awaits before any response leaves.
 *
 * A change's record is written with the change instead (see `ChangeAudit`): `appendNow` by a store
 * in memory, inside the change's transaction by a store on PostgreSQL (`PostgresAuditLog`).
 */
export interface AuditSink {
  /** Builds and queues the record; throws `AuditWriteError` when it cannot even be queued. */
  append(entry: AuditEntry): AuditRecord;
  /**
   * Writes the record durably before returning, or throws `AuditWriteError` having written
   * nothing (and fails the request, as a failed `append` does): what a store in memory calls
   * between a change's checks and applying it. A sink that writes a change's record only within
   * the change's database transaction (`PostgresAuditLog`) refuses.
   */
  appendNow(entry: AuditEntry): AuditRecord;
  /**
   * A change whose record was written with it has been committed: a sink that chains such records
   * after their commit (`PostgresAuditLog`) may do so now. `audited` calls it.
   */
  committed?(): void;
  /**
   * Resolves once every record appended so far for `requestId` is written; rejects with
   * `AuditWriteError` when one was not. A request whose records failed keeps failing for a while
   * (requests sharing the id, like a gateway's several calls for one client request, all see it).
   */
  settled(requestId: string): Promise<void>;
  /** Resolves once everything appended so far is written or has failed; never rejects. */
  flush(): Promise<void>;
  /** Newest first, one page. */
  query(filter: AuditQuery): Promise<AuditPage>;
}

export const AUDIT_WRITE_FAILED = 'The audit record could not be written.';

/**
 * The one error a request gets when its audit record could not be written, whatever the storage:
 * the cause (a file path, a database error) stays in the service's log, never in the response.
 */
export class AuditWriteError extends Error {
  override name = 'AuditWriteError';
  constructor(options?: { cause?: unknown }) {
    super(AUDIT_WRITE_FAILED, options);
  }
}

export const AUDIT_GENESIS = 'genesis';
/** A list query can return many patients; the record keeps the first ones and the count. */
export const MAX_AUDIT_PATIENT_IDS = 100;
/** Used outside production when AUDIT_HMAC_KEY is not set, so development needs no setup. */
export const DEV_AUDIT_HMAC_KEY = 'carebridge-dev-audit-hmac-key-not-for-production';

/** JSON with object keys sorted at every level and undefined members left out, as JSON.stringify does. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  // Plain loops: this runs for every audit record a request writes, on the hot path.
  let out: string;
  if (Array.isArray(value)) {
    out = '[';
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      out += (i > 0 ? ',' : '') + (item === undefined ? 'null' : canonicalJson(item));
    }
    return out + ']';
  }
  const record = value as Record<string, unknown>;
  // Keys in UTF-16 code unit order (the default sort), as every sink and the verifier hash them.
  const keys = Object.keys(record).sort();
  out = '{';
  for (const key of keys) {
    const field = record[key];
    if (field === undefined) continue;
    out += (out.length > 1 ? ',' : '') + JSON.stringify(key) + ':' + canonicalJson(field);
  }
  return out + '}';
}

export function auditHash(key: string, record: Omit<AuditRecord, 'hash'>): string {
  return createHmac('sha256', key)
    .update(record.prevHash + '\n' + canonicalJson(record))
    .digest('hex');
}

/** The next record of a chain: what every sink appends, so that every sink hashes alike. */
export function chainRecord(
  entry: AuditEntry,
  chain: { service: string; key: string; seq: number; prevHash: string; at: string },
): AuditRecord {
  const ids = [...new Set(entry.patientIds)];
  const body: Omit<AuditRecord, 'hash'> = {
    seq: chain.seq,
    at: chain.at,
    service: chain.service,
    organizationId: entry.organizationId,
    actor: entry.actor.role === undefined ? { kind: entry.actor.kind, id: entry.actor.id } : { ...entry.actor },
    action: entry.action,
    outcome: entry.outcome,
    patientIds: ids.slice(0, MAX_AUDIT_PATIENT_IDS),
    patientCount: entry.patientCount ?? ids.length,
    requestId: entry.requestId,
    ...(entry.detail === undefined ? {} : { detail: entry.detail }),
    prevHash: chain.prevHash,
  };
  return { ...body, hash: auditHash(chain.key, body) };
}

export type AuditVerifyResult = { ok: true; count: number } | { ok: false; at: number; reason: string };

/**
 * Checks a whole log in file order. Reports the first record where the chain breaks: a sequence
 * gap (deleted, reordered or inserted record), a `prevHash` that is not the previous record's hash
 * (deleted or reordered), or a hash that does not match the content (edited, forged, or another key).
 */
export function verifyAuditChain(records: readonly AuditRecord[], key: string): AuditVerifyResult {
  const verifier = new AuditChainVerifier(key);
  for (const record of records) {
    const broken = verifier.next(record);
    if (broken) return broken;
  }
  return verifier.result();
}

/** `verifyAuditChain` a record at a time, for chains read in pages (from a database). */
export class AuditChainVerifier {
  private prevHash = AUDIT_GENESIS;
  private expectedSeq = 1;
  private broken: AuditVerifyResult | null = null;

  constructor(private readonly key: string) {}

  /** The break at this record, if the chain breaks here (or broke before); null otherwise. */
  next(record: AuditRecord): AuditVerifyResult | null {
    if (this.broken) return this.broken;
    const expectedSeq = this.expectedSeq;
    if (record === null || typeof record !== 'object') {
      return (this.broken = { ok: false, at: expectedSeq, reason: 'not a record' });
    }
    if (record.seq !== expectedSeq) {
      return (this.broken = {
        ok: false,
        at: expectedSeq,
        reason: `expected seq ${expectedSeq}, found ${String(record.seq)}: a record was deleted, reordered or inserted`,
      });
    }
    if (record.prevHash !== this.prevHash) {
      return (this.broken = { ok: false, at: expectedSeq, reason: 'prevHash is not the previous record’s hash' });
    }
    const { hash, ...rest } = record;
    if (typeof hash !== 'string' || !sameHex(hash, auditHash(this.key, rest))) {
      return (this.broken = {
        ok: false,
        at: expectedSeq,
        reason: 'hash does not match: record edited, forged or another key',
      });
    }
    this.prevHash = hash;
    this.expectedSeq += 1;
    return null;
  }

  result(): AuditVerifyResult {
    return this.broken ?? { ok: true, count: this.expectedSeq - 1 };
  }
}

function sameHex(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export class AuditFileError extends Error {
  override name = 'AuditFileError';
  constructor(readonly line: number) {
    super(`line ${line} is not a JSON record`);
  }
}

/** The records of an audit file (one JSON object per line), unverified. */
export function readAuditFile(path: string): AuditRecord[] {
  const records: AuditRecord[] = [];
  const lines = readFileSync(path, 'utf8').split('\n');
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      throw new AuditFileError(index + 1);
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new AuditFileError(index + 1);
    // Shape is checked by verifyAuditChain: any difference from what was hashed breaks the chain.
    records.push(parsed as AuditRecord);
  });
  return records;
}
