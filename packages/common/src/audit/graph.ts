import { denialReason, requireRole } from '../access';
import { badUserInput } from '../errors';
import type { Logger } from '../logger';
import { decodeCursor, encodeCursor, pageSize } from '../pagination';
import { auditActor, ChangeAudit, type AuditContext } from './change';
import type { AuditOutcome, AuditPosition, AuditRecord } from './chain';
import { coalesceRead, takeCoalescedReads } from './coalesce';

/** Recording from resolvers (`audit`, `audited`) and answering the graph's audit trail fields. */

export interface AuditEvent {
  action: string;
  outcome: AuditOutcome;
  patientIds: readonly string[];
  patientCount?: number;
  detail?: string;
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
  /**
   * True for a read made once per entity of a list (an entity reference, a field of each
   * patient): its ALLOWED record joins the request's other reads of the same action and detail,
   * one record naming them all, written before the response leaves (`coalesce.ts`).
   */
  coalesce?: boolean;
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
 * A change hands `change` (its ALLOWED record) to the store method that makes it, which writes the
 * record with the change, atomically (see `ChangeAudit`); `audited` then writes no second one.
 * When no store wrote it (a read, a dry run), `audited` appends the ALLOWED record itself.
 *
 * Async on purpose: a synchronous throw becomes a rejection, so inside `_entities` an error fails
 * only its own entity (as `perEntity` does).
 */
export async function audited<T>(
  context: AuditContext,
  spec: AuditSpec<T>,
  run: (change: ChangeAudit) => T | Promise<T>,
): Promise<T> {
  const change = new ChangeAudit(
    context,
    spec.action,
    typeof spec.patientIds === 'function' ? undefined : spec.patientIds,
  );
  let result: T;
  try {
    result = await run(change);
  } catch (error) {
    const code = errorCode(error);
    const denied = code === 'FORBIDDEN';
    audit(context, {
      action: spec.action,
      outcome: denied ? 'DENIED' : 'FAILED',
      patientIds: typeof spec.patientIds === 'function' ? [] : spec.patientIds,
      // A guard's reason code says why it was denied (see access.ts); the error code otherwise.
      detail: (denied ? denialReason(error) : undefined) ?? code ?? 'INTERNAL_ERROR',
    });
    throw error;
  }
  if (change.written) {
    // Committed with the change; a sink that chains such records later may do so now.
    context.audit.committed?.();
    return result;
  }
  if (spec.recordAllowed === false) return result;
  const patientIds = typeof spec.patientIds === 'function' ? spec.patientIds(result) : spec.patientIds;
  const detail = spec.detail?.(result);
  if (spec.coalesce === true && spec.patientCount === undefined) {
    if (coalesceRead(context, { action: spec.action, detail, patientIds })) return result;
  }
  audit(context, {
    action: spec.action,
    outcome: 'ALLOWED',
    patientIds,
    ...(spec.patientCount === undefined ? {} : { patientCount: spec.patientCount(result) }),
    ...(detail === undefined ? {} : { detail }),
  });
  return result;
}

/** Records the request's coalesced reads (`AuditSpec.coalesce`), one ALLOWED record per action and detail. */
export function flushCoalescedReads(context: object): void {
  // Only `audited`, with an AuditContext, adds reads to a batch: a batch that holds any has one.
  for (const { detail, ...event } of takeCoalescedReads(context)) {
    audit(context as AuditContext, { ...event, outcome: 'ALLOWED', ...(detail === undefined ? {} : { detail }) });
  }
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
  return audited(context, { action: 'audit.read', patientIds }, async () => {
    const admin = requireRole(context, ['ADMIN']);
    const first = pageSize(args.first);
    const after = args.after == null ? undefined : positionOf(args.after);
    const { records, hasMore, end } = await context.audit.query({
      organizationId: admin.organizationId,
      first,
      ...(args.patientId === undefined ? {} : { patientId: args.patientId }),
      ...(after === undefined ? {} : { after }),
    });
    return {
      nodes: records.map(auditRecordView),
      pageInfo: { hasNextPage: hasMore, endCursor: end === null ? null : cursorOf(end) },
    };
  });
}

/**
 * A position as a cursor: a bare seq stays `[seq]`, the cursor the in-memory log always gave, so
 * cursors handed out before a log had several chains still work.
 */
function cursorOf(position: AuditPosition): string {
  return encodeCursor(typeof position === 'number' ? [position] : [position.at, position.chain, position.seq]);
}

function positionOf(cursor: string): AuditPosition {
  const key = decodeCursor(cursor);
  const [first, chain, seq] = key;
  if (key.length === 1 && typeof first === 'number') return first;
  if (key.length === 3 && typeof first === 'string' && typeof chain === 'string' && typeof seq === 'number') {
    if (!Number.isNaN(Date.parse(first))) return { at: first, chain, seq };
  }
  throw badUserInput([{ field: 'after', message: 'is not a cursor returned by this API' }]);
}
