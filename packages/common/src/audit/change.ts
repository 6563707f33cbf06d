import type { Viewer } from '../auth';
import type { AuditActor, AuditEntry, AuditSink } from './chain';

/** What recording needs of a request context (`audit`, `audited`, `ChangeAudit`): every subgraph context has these. */
export interface AuditContext {
  viewer: Viewer;
  requestId: string;
  audit: AuditSink;
}

export function auditActor(viewer: Viewer): AuditActor {
  return viewer.kind === 'staff'
    ? { kind: 'staff', id: viewer.userId, role: viewer.role }
    : { kind: 'intake', id: viewer.linkId };
}

/**
 * The ALLOWED audit record of one change, handed by its resolver (`audited` makes one per call)
 * to the store method that makes the change, which writes it with the change: so a change is
 * never stored, nor its change event emitted (and delivered), without its record, and a record
 * never says ALLOWED of a change that was not made.
 *
 * - A store in memory calls `writeNow` after its checks and before it applies anything, in the
 *   same synchronous step (nothing else runs in between): when the write throws, the store
 *   applies nothing and the error is the request's.
 * - A store on PostgreSQL calls `writeAuditWithin` (`@carebridge/db`) inside the change's
 *   transaction, so the record commits with the change and its outbox event, or neither does.
 *
 * A store writes it only when the change is made: a refusal (not found, a conflict) writes
 * nothing, and `audited` then records the FAILED outcome as for any error.
 */
export class ChangeAudit {
  private fixed: readonly string[] | undefined;
  private wrote = false;

  constructor(
    private readonly context: AuditContext,
    readonly action: string,
    /** The patients concerned, when the resolver knows them before the change (its id argument). */
    patientIds?: readonly string[],
  ) {
    this.fixed = patientIds;
  }

  get sink(): AuditSink {
    return this.context.audit;
  }

  /** True once a store wrote the record (it is then durable with the change, or gone with it). */
  get written(): boolean {
    return this.wrote;
  }

  /**
   * Names the patients the record concerns, for a resolver that learns them in its body (a bulk
   * change selecting patients) rather than the store.
   */
  concerning(patientIds: readonly string[]): this {
    this.fixed = patientIds;
    return this;
  }

  /**
   * The record's entry: naming the patients given up front (or by `concerning`), else `changed`,
   * the patients the store created or changed (new patients' ids are the store's to make).
   */
  entry(changed: readonly string[]): AuditEntry {
    return {
      organizationId: this.context.viewer.organizationId,
      actor: auditActor(this.context.viewer),
      requestId: this.context.requestId,
      action: this.action,
      outcome: 'ALLOWED',
      patientIds: this.fixed ?? changed,
    };
  }

  /**
   * Writes the record durably now (`AuditSink.appendNow`), for a store in memory: after its checks,
   * before it applies the change. Throws `AuditWriteError` having written nothing; the store must
   * then change nothing.
   */
  writeNow(changed: readonly string[]): void {
    this.sink.appendNow(this.entry(changed));
    this.wrote = true;
  }

  /** For a store that wrote the entry itself, inside its transaction (`writeAuditWithin`). */
  markWritten(): void {
    this.wrote = true;
  }
}
