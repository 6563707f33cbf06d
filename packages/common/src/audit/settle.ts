import { type AuditWriteError } from './chain';

/**
 * What a sink knows about each request's records while they are written: how many are still
 * queued, and which requests had one fail. `AuditSink.settled` answers from here.
 *
 * Keyed by request id because that is all a record carries. The gateway sends one client
 * request's id on each of its calls to a subgraph, so those calls wait for each other's records
 * and fail together; a failure is remembered (the last `rememberFailures` request ids) rather than
 * consumed, so the second call of such a request does not answer what the first one could not.
 */
export class RequestSettlement {
  private readonly pending = new Map<string, { count: number; waiters: ((error?: AuditWriteError) => void)[] }>();
  private readonly failed = new Map<string, AuditWriteError>();

  constructor(private readonly rememberFailures = 10_000) {}

  /** A record of the request was queued. */
  queued(requestId: string): void {
    const entry = this.pending.get(requestId);
    if (entry) entry.count += 1;
    else this.pending.set(requestId, { count: 1, waiters: [] });
  }

  /** A queued record of the request was written (`error` undefined) or was not. */
  done(requestId: string, error?: AuditWriteError): void {
    if (error) this.fail(requestId, error);
    const entry = this.pending.get(requestId);
    if (!entry) return;
    entry.count -= 1;
    if (entry.count > 0) return;
    this.pending.delete(requestId);
    const failure = this.failed.get(requestId);
    for (const waiter of entry.waiters) waiter(failure);
  }

  /** A record of the request could not be written, queued or not. */
  fail(requestId: string, error: AuditWriteError): void {
    this.failed.delete(requestId);
    this.failed.set(requestId, error);
    if (this.failed.size > this.rememberFailures) {
      const oldest = this.failed.keys().next();
      if (!oldest.done) this.failed.delete(oldest.value);
    }
  }

  settled(requestId: string): Promise<void> {
    const entry = this.pending.get(requestId);
    if (!entry) {
      const failure = this.failed.get(requestId);
      return failure ? Promise.reject(failure) : Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      entry.waiters.push((error) => (error ? reject(error) : resolve()));
    });
  }
}
