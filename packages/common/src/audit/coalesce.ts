import { MAX_AUDIT_PATIENT_IDS } from './chain';
import type { AuditContext } from './change';

/**
 * The ALLOWED reads of one request that `audited` coalesces (`AuditSpec.coalesce`): the reads of
 * a list's entities, which would otherwise be one chained, HMAC-signed record per patient per
 * field (40 for a page of 20 patients with two audited fields). Each (action, detail) becomes one
 * record naming every patient read, in chunks of `MAX_AUDIT_PATIENT_IDS` so that no patient is
 * left out of its trail, like a list query's own record.
 *
 * A batch exists only while `auditSettledPlugin` holds the request's response: it opens one when
 * the request starts and writes it (`flushCoalescedReads`) before waiting for the request's
 * records, so no data leaves without its record. Without an open batch (a resolver called outside
 * such a request) `audited` writes each record at once, as for any other read.
 */
/** One read, or one record's worth of reads: an action and detail, and the patients read. */
export interface CoalescedRead {
  action: string;
  detail: string | undefined;
  patientIds: readonly string[];
}

interface PendingRead extends Omit<CoalescedRead, 'patientIds'> {
  patientIds: Set<string>;
}

const batches = new WeakMap<object, Map<string, PendingRead>>();

/** Starts collecting the request's coalesced reads. */
export function openCoalescedReads(context: object): void {
  batches.set(context, new Map());
}

/** Adds a read to the request's batch; false when no batch is open (the caller records it itself). */
export function coalesceRead(context: AuditContext, read: CoalescedRead): boolean {
  const batch = batches.get(context);
  if (batch === undefined) return false;
  const key = `${read.action}\u0000${read.detail ?? ''}`;
  let pending = batch.get(key);
  if (pending === undefined) {
    pending = { action: read.action, detail: read.detail, patientIds: new Set() };
    batch.set(key, pending);
  }
  for (const id of read.patientIds) pending.patientIds.add(id);
  return true;
}

/**
 * The request's coalesced reads as the events to record, and the batch closed: reads after this
 * (none in a request whose response is being sent) are recorded one by one.
 */
export function takeCoalescedReads(context: object): CoalescedRead[] {
  const batch = batches.get(context);
  batches.delete(context);
  if (batch === undefined) return [];
  const events: CoalescedRead[] = [];
  for (const { action, detail, patientIds } of batch.values()) {
    const ids = [...patientIds];
    // A read of no known patient (an unknown id) is recorded too, naming none.
    if (ids.length === 0) events.push({ action, detail, patientIds: [] });
    for (let start = 0; start < ids.length; start += MAX_AUDIT_PATIENT_IDS) {
      events.push({ action, detail, patientIds: ids.slice(start, start + MAX_AUDIT_PATIENT_IDS) });
    }
  }
  return events;
}
