import { createHmac, timingSafeEqual } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { requireStaff, type Viewer } from './auth';
import { ConfigError, envString, type Env } from './env';
import { badUserInput } from './errors';
import type { Logger } from './logger';
import { decodeCursor, encodeCursor, pageSize } from './pagination';

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

export interface AuditQuery {
  /** Always required: one organization never reads another's records. */
  organizationId: string;
  patientId?: string;
  first: number;
  /** The `seq` of the last record of the previous page. */
  after?: number;
}

export interface AuditSink {
  append(entry: AuditEntry): AuditRecord;
  /** Newest first. */
  query(filter: AuditQuery): { records: AuditRecord[]; hasMore: boolean };
}

export const AUDIT_GENESIS = 'genesis';
/** A list query can return many patients; the record keeps the first ones and the count. */
export const MAX_AUDIT_PATIENT_IDS = 100;
/** Used outside production when AUDIT_HMAC_KEY is not set, so development needs no setup. */
export const DEV_AUDIT_HMAC_KEY = 'carebridge-dev-audit-hmac-key-not-for-production';

/** JSON with object keys sorted at every level and undefined members left out, as JSON.stringify does. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function auditHash(key: string, record: Omit<AuditRecord, 'hash'>): string {
  return createHmac('sha256', key)
    .update(record.prevHash + '\n' + canonicalJson(record))
    .digest('hex');
}

export type AuditVerifyResult = { ok: true; count: number } | { ok: false; at: number; reason: string };

/**
 * Checks a whole log in file order. Reports the first record where the chain breaks: a sequence
 * gap (deleted, reordered or inserted record), a `prevHash` that is not the previous record's hash
 * (deleted or reordered), or a hash that does not match the content (edited, forged, or another key).
 */
export function verifyAuditChain(records: readonly AuditRecord[], key: string): AuditVerifyResult {
  let prevHash = AUDIT_GENESIS;
  let expectedSeq = 1;
  for (const record of records) {
    if (record === null || typeof record !== 'object') {
      return { ok: false, at: expectedSeq, reason: 'not a record' };
    }
    if (record.seq !== expectedSeq) {
      return {
        ok: false,
        at: expectedSeq,
        reason: `expected seq ${expectedSeq}, found ${String(record.seq)}: a record was deleted, reordered or inserted`,
      };
    }
    if (record.prevHash !== prevHash) {
      return { ok: false, at: expectedSeq, reason: 'prevHash is not the previous record’s hash' };
    }
    const { hash, ...rest } = record;
    if (typeof hash !== 'string' || !sameHex(hash, auditHash(key, rest))) {
      return { ok: false, at: expectedSeq, reason: 'hash does not match: record edited, forged or another key' };
    }
    prevHash = hash;
    expectedSeq += 1;
  }
  return { ok: true, count: records.length };
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
 * written to the file before it counts (synchronously: a record the service reports is on disk),
 * and a restart continues the file's chain instead of starting a second one.
 */
export class InMemoryAuditLog implements AuditSink {
  private readonly records: AuditRecord[] = [];
  private readonly byOrganization = new Map<string, AuditRecord[]>();
  private readonly byPatient = new Map<string, AuditRecord[]>();
  private readonly service: string;
  private readonly key: string;
  private readonly filePath: string | null;
  private readonly now: () => Date;
  private lastSeq = 0;
  private lastHash = AUDIT_GENESIS;

  constructor(options: InMemoryAuditLogOptions) {
    this.service = options.service;
    this.key = options.key;
    this.filePath = options.filePath ?? null;
    this.now = options.now ?? (() => new Date());
    if (this.filePath !== null && existsSync(this.filePath)) {
      for (const record of readAuditFile(this.filePath)) this.index(record);
    }
  }

  append(entry: AuditEntry): AuditRecord {
    const ids = [...new Set(entry.patientIds)];
    const body: Omit<AuditRecord, 'hash'> = {
      seq: this.lastSeq + 1,
      at: this.now().toISOString(),
      service: this.service,
      organizationId: entry.organizationId,
      actor: entry.actor.role === undefined ? { kind: entry.actor.kind, id: entry.actor.id } : { ...entry.actor },
      action: entry.action,
      outcome: entry.outcome,
      patientIds: ids.slice(0, MAX_AUDIT_PATIENT_IDS),
      patientCount: entry.patientCount ?? ids.length,
      requestId: entry.requestId,
      ...(entry.detail === undefined ? {} : { detail: entry.detail }),
      prevHash: this.lastHash,
    };
    const record: AuditRecord = { ...body, hash: auditHash(this.key, body) };
    // The file first: when the write fails the record does not exist in memory either, and the
    // chain stays whole.
    if (this.filePath !== null) appendFileSync(this.filePath, JSON.stringify(record) + '\n');
    this.index(record);
    return record;
  }

  query({ organizationId, patientId, first, after }: AuditQuery): { records: AuditRecord[]; hasMore: boolean } {
    const list =
      (patientId === undefined
        ? this.byOrganization.get(organizationId)
        : this.byPatient.get(patientKey(organizationId, patientId))) ?? [];
    // Lists are in ascending seq; a page walks backwards from just below `after`.
    const end = after === undefined ? list.length : lowerBound(list, after);
    const start = Math.max(0, end - first);
    return { records: list.slice(start, end).reverse(), hasMore: start > 0 };
  }

  /** Every record, oldest first: for tests and exports. */
  all(): readonly AuditRecord[] {
    return this.records;
  }

  private index(record: AuditRecord): void {
    this.records.push(record);
    this.lastSeq = record.seq;
    this.lastHash = record.hash;
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

/** What `audit` needs of a request context: every subgraph context has these. */
export interface AuditContext {
  viewer: Viewer;
  requestId: string;
  audit: AuditSink;
}

export interface AuditEvent {
  action: string;
  outcome: AuditOutcome;
  patientIds: readonly string[];
  patientCount?: number;
  detail?: string;
}

export function auditActor(viewer: Viewer): AuditActor {
  return viewer.kind === 'staff'
    ? { kind: 'staff', id: viewer.userId, role: viewer.role }
    : { kind: 'intake', id: viewer.linkId };
}

/** Records one event for the request's viewer (who, organization, request id come from the context). */
export function audit(context: AuditContext, event: AuditEvent): AuditRecord {
  return context.audit.append({
    organizationId: context.viewer.organizationId,
    actor: auditActor(context.viewer),
    requestId: context.requestId,
    ...event,
  });
}

const denialReasons = new WeakMap<object, string>();

/**
 * Tags a FORBIDDEN error with its reason code, so the DENIED record says why (the error's message
 * is for people; the code is what an auditor filters on). Answers the same error.
 */
export function withDenialReason<E extends object>(error: E, reason: string): E {
  denialReasons.set(error, reason);
  return error;
}

/** What to record about one resolver call. */
export interface AuditSpec<T> {
  action: string;
  /** The patients concerned: known up front (one id), or read from the result (lists, creations). */
  patientIds: readonly string[] | ((result: T) => readonly string[]);
  /** How many patients the result concerns when it counts more than it lists. */
  patientCount?: (result: T) => number;
  /** A non-PHI code for an allowed call, e.g. NOT_FOUND for an unknown id or `dry-run`. */
  detail?: (result: T) => string | undefined;
  /**
   * False records refusals and failures only: for an entity reference whose fields each record
   * their own read, so one read is not recorded twice.
   */
  recordAllowed?: boolean;
}

/** The error's `extensions.code`, read structurally so any GraphQLError copy qualifies. */
function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('extensions' in error)) return undefined;
  const { extensions } = error as { extensions?: { code?: unknown } };
  return typeof extensions?.code === 'string' ? extensions.code : undefined;
}

/**
 * Runs a resolver body and records its outcome exactly once: ALLOWED after it succeeds, DENIED
 * when it throws FORBIDDEN, FAILED for any other error (validation, version conflict, not found),
 * then rethrows. The ALLOWED record is written before the result is returned, so no patient data
 * leaves without a record: when the record cannot be written the call fails (fail closed).
 *
 * Async on purpose: a synchronous throw becomes a rejection, so inside `_entities` an error fails
 * only its own entity (as `perEntity` does).
 */
export async function audited<T>(context: AuditContext, spec: AuditSpec<T>, run: () => T | Promise<T>): Promise<T> {
  let result: T;
  try {
    result = await run();
  } catch (error) {
    const code = errorCode(error);
    const denied = code === 'FORBIDDEN';
    const reason = typeof error === 'object' && error !== null ? denialReasons.get(error) : undefined;
    audit(context, {
      action: spec.action,
      outcome: denied ? 'DENIED' : 'FAILED',
      patientIds: typeof spec.patientIds === 'function' ? [] : spec.patientIds,
      detail: (denied ? reason : undefined) ?? code ?? 'INTERNAL_ERROR',
    });
    throw error;
  }
  if (spec.recordAllowed === false) return result;
  const patientIds = typeof spec.patientIds === 'function' ? spec.patientIds(result) : spec.patientIds;
  const detail = spec.detail?.(result);
  audit(context, {
    action: spec.action,
    outcome: 'ALLOWED',
    patientIds,
    ...(spec.patientCount === undefined ? {} : { patientCount: spec.patientCount(result) }),
    ...(detail === undefined ? {} : { detail }),
  });
  return result;
}

/** An audit record as the graph's `AuditRecord` type answers it (identical in every subgraph). */
export interface AuditRecordView {
  seq: number;
  at: string;
  service: string;
  organizationId: string;
  actor: { kind: 'STAFF' | 'INTAKE'; id: string; role: string | null };
  action: string;
  outcome: AuditOutcome;
  patientIds: string[];
  patientCount: number;
  requestId: string;
  detail: string | null;
  hash: string;
}

export function auditRecordView(record: AuditRecord): AuditRecordView {
  return {
    seq: record.seq,
    at: record.at,
    service: record.service,
    organizationId: record.organizationId,
    actor: {
      kind: record.actor.kind === 'staff' ? 'STAFF' : 'INTAKE',
      id: record.actor.id,
      role: record.actor.role ?? null,
    },
    action: record.action,
    outcome: record.outcome,
    patientIds: record.patientIds,
    patientCount: record.patientCount,
    requestId: record.requestId,
    detail: record.detail ?? null,
    hash: record.hash,
  };
}

/** One page of audit records, as the graph's `AuditRecordConnection` answers it. */
export interface AuditRecordPage {
  nodes: AuditRecordView[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/**
 * The ADMIN-only audit trail fields of every subgraph: the caller organization's records (for one
 * patient, or all), newest first. Reading the trail is itself recorded as `audit.read`, and a
 * CLINICIAN or an intake link is refused (and recorded) with FORBIDDEN. Other organizations'
 * records are out of reach: the query is always narrowed to the caller's organization.
 */
export function readAuditTrail(
  context: AuditContext & { logger: Logger },
  args: { patientId?: string; first?: number | null; after?: string | null },
): Promise<AuditRecordPage> {
  const patientIds = args.patientId === undefined ? [] : [args.patientId];
  return audited(context, { action: 'audit.read', patientIds }, () => {
    const admin = requireStaff(context, ['ADMIN']);
    const first = pageSize(args.first);
    let after: number | undefined;
    if (args.after != null) {
      const [seq] = decodeCursor(args.after);
      if (typeof seq !== 'number')
        throw badUserInput([{ field: 'after', message: 'is not a cursor returned by this API' }]);
      after = seq;
    }
    const { records, hasMore } = context.audit.query({
      organizationId: admin.organizationId,
      first,
      ...(args.patientId === undefined ? {} : { patientId: args.patientId }),
      ...(after === undefined ? {} : { after }),
    });
    const last = records.at(-1);
    return {
      nodes: records.map(auditRecordView),
      pageInfo: { hasNextPage: hasMore, endCursor: last ? encodeCursor([last.seq]) : null },
    };
  });
}
