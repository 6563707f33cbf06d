import { createHash } from 'node:crypto';
import {
  injectTraceHeaders,
  outsideRequest,
  setSpanAttributes,
  SpanKind,
  traceparentContext,
  withSpan,
  type Logger,
} from '@carebridge/common';
import type { EhrStore } from '../data/store';
import type { EhrTransactionRecord } from '../data/records';
import { DestinationGuard } from './destinations';
import type { DeliveryCounters } from './metrics';
import { pinnedFetch, type PinnedFetch } from './pinnedFetch';
import { DELIVERY_ERRORS, prepareRequest, type Detail, type Outcome } from './requests';
import { DEFAULT_RETRY_POLICY, parseRetryAfter, retryDelayMs, type RetryPolicy } from './retry';
import type { ClaimedTransaction, Completion, TransactionStore } from './transactions';

export { DELIVERY_ERRORS };
export { DEFAULT_RETRY_POLICY, parseRetryAfter, retryDelayMs, type RetryPolicy } from './retry';

export interface DeliveryWorkerOptions {
  ehr: EhrStore;
  transactions: TransactionStore;
  logger: Logger;
  policy?: RetryPolicy;
  /**
   * The longest the worker sleeps without looking for work. It is woken when transactions are added
   * and when the next retry is due; this only bounds the effect of a lost wake-up.
   */
  intervalMs?: number;
  /** Requests in flight at once. */
  concurrency?: number;
  /** Requests in flight at once to one EHR system. */
  perSystemConcurrency?: number;
  /** How long a claim lasts; another replica may take a transaction whose claim ran out. */
  leaseMs?: number;
  /** The HTTP client for the operator's (shared) EHR systems. */
  fetch?: typeof fetch;
  /**
   * Checks, before each request to an EHR system an organization made, its base URL and every
   * address its host resolves to; by default https only, nothing allow-listed.
   */
  destinations?: DestinationGuard;
  /** The HTTP client for organizations' systems: it connects only to the addresses just checked. */
  pinnedFetch?: PinnedFetch;
  now?: () => number;
  random?: () => number;
  /** Counted per EHR system as attempts end: delivered, retried, DEAD (metrics.ts). */
  metrics?: DeliveryCounters;
}

/** An EHR's answer as the log may hold it: its size and a short hash (it may echo patient data). */
function bodyDetail(text: string): Detail {
  return { bodyBytes: Buffer.byteLength(text), bodyHash: createHash('sha256').update(text).digest('hex').slice(0, 12) };
}

/** When the patient's id is not known yet, how long before the transaction is looked at again. */
const WAIT_MS = 500;

/**
 * Sends due transactions to their EHRs, after the user's request is long gone. The store's queue
 * decides what may go (per patient and endpoint in the order they were made, one at a time, so a
 * later change never overtakes an earlier one); the worker keeps up to `concurrency` requests in
 * flight, claiming more as each one ends rather than in batches, and sleeps until it is woken by new
 * work or the next retry is due. An EHR's validation error (4xx) is DEAD at once and does not hold
 * back the rest of the queue.
 */
export class DeliveryWorker {
  private readonly policy: RetryPolicy;
  private readonly fetch: typeof fetch;
  private readonly destinations: DestinationGuard;
  private readonly pinnedFetch: PinnedFetch;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly concurrency: number;
  /** Free slots that make a finished request claim again (see `track`). */
  private readonly refill: number;
  private readonly perSystem: number;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly inFlight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private pumping: Promise<void> | undefined;
  private again = false;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly options: DeliveryWorkerOptions) {
    this.policy = options.policy ?? DEFAULT_RETRY_POLICY;
    this.fetch = options.fetch ?? fetch;
    this.destinations = options.destinations ?? new DestinationGuard({ requireHttps: true, allowedOrigins: new Set() });
    this.pinnedFetch = options.pinnedFetch ?? pinnedFetch;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.concurrency = options.concurrency ?? 32;
    this.refill = Math.max(1, Math.floor(this.concurrency / 4));
    this.perSystem = options.perSystemConcurrency ?? 16;
    // Longer than any request can take (it is aborted at the timeout), so a live claim never lapses.
    this.leaseMs = options.leaseMs ?? Math.max(60_000, 3 * this.policy.timeoutMs);
    this.pollMs = options.intervalMs ?? 5_000;
  }

  start(): void {
    this.running = true;
    // Woken by a request (new work), it still works for none: its lines carry no request id.
    this.unsubscribe = this.options.transactions.onWork(() => outsideRequest(() => this.wake()));
    this.wake();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    clearTimeout(this.timer);
    await this.pumping;
    await Promise.all(this.inFlight);
  }

  /**
   * Claims what is due now (up to the concurrency) and waits for those attempts to end. The
   * running worker never calls it; tests drive delivery step by step with it.
   */
  async tick(): Promise<number> {
    const claimed = await this.claim(this.concurrency);
    await Promise.all(claimed.map((c) => this.attempt(c)));
    return claimed.length;
  }

  private claim(limit: number): Promise<ClaimedTransaction[]> {
    return this.options.transactions.claim({
      limit,
      now: this.now(),
      perSystemLimit: this.perSystem,
      leaseMs: this.leaseMs,
    });
  }

  private wake(): void {
    if (!this.running) return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = this.pump()
      .catch((error: unknown) => {
        this.options.logger.error('delivery.tick_failed', { error: error instanceof Error ? error.name : 'unknown' });
        this.sleep(Math.min(this.pollMs, 1_000));
      })
      .finally(() => {
        this.pumping = undefined;
        if (this.again) this.wake();
      });
  }

  /** Fills the free slots, then sleeps until the next due time (or until woken). */
  private async pump(): Promise<void> {
    this.again = false;
    clearTimeout(this.timer);
    while (this.running && this.inFlight.size < this.concurrency) {
      const free = this.concurrency - this.inFlight.size;
      const claimed = await this.claim(free);
      for (const c of claimed) this.track(this.attempt(c));
      if (claimed.length < free) break;
    }
    if (!this.running || this.again) return;
    if (this.inFlight.size > 0) {
      // Each attempt that ends wakes the worker; a retry falling due meanwhile waits a little at most.
      this.sleep(Math.min(this.pollMs, 200));
      return;
    }
    const next = await this.options.transactions.nextDueAt();
    if (!this.running || this.again) return;
    // Due but not claimed: another replica holds its rows for the moment.
    const delay = next === null ? this.pollMs : Math.max(10, Math.min(this.pollMs, next - this.now()));
    this.sleep(delay);
  }

  private sleep(delayMs: number): void {
    if (!this.running) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.wake(), delayMs);
    this.timer.unref();
  }

  private track(attempt: Promise<void>): void {
    this.inFlight.add(attempt);
    void attempt.finally(() => {
      this.inFlight.delete(attempt);
      // Claim in batches: a claim is a query on PostgreSQL, and one per finished request would
      // cost as much as the request. The last request of a burst (or a lone one) claims at once.
      if (this.inFlight.size === 0 || this.concurrency - this.inFlight.size >= this.refill) this.wake();
    });
  }

  private async attempt(claimed: ClaimedTransaction): Promise<void> {
    try {
      const outcome = await this.traced(claimed);
      await this.record(claimed.transaction, outcome);
    } catch (error) {
      // The claim's lease runs out and the transaction is tried again (with the same idempotency key).
      this.options.logger.error('delivery.record_failed', {
        transactionId: claimed.transaction.id,
        error: error instanceof Error ? error.name : 'unknown',
      });
    }
  }

  /**
   * `send` as a CLIENT span of the trace that queued the transaction (its `traceparent`; a trace of
   * its own without one), never of whatever woke the worker: ids, the endpoint's name, the attempt.
   */
  private traced(claimed: ClaimedTransaction): Promise<Outcome> {
    const { transaction } = claimed;
    const attributes = {
      'carebridge.ehr_system.id': transaction.ehrSystemId,
      'carebridge.ehr.endpoint': transaction.endpoint,
      'carebridge.delivery.attempt': transaction.attempts + 1,
      'carebridge.transaction.id': transaction.id,
    };
    return withSpan('delivery.send', attributes, () => this.send(claimed), {
      kind: SpanKind.CLIENT,
      parent: traceparentContext(transaction.traceparent),
    });
  }

  private async send({ transaction, ehrPatientId }: ClaimedTransaction): Promise<Outcome> {
    // Cheap on every store: systems never change once created, so the PostgreSQL store serves them
    // from its cache after the first read.
    const system = await this.options.ehr.ehrSystem(transaction.ehrSystemId);
    if (!system) return { kind: 'dead', error: DELIVERY_ERRORS.noSystem, detail: { reason: 'no_system' } };
    const target = prepareRequest(system, transaction, ehrPatientId);
    if ('kind' in target) return target;
    const url = `${system.baseUrl.replace(/\/$/, '')}${target.path}`;
    const init = {
      method: target.method,
      headers: injectTraceHeaders({
        'content-type': target.contentType,
        'idempotency-key': transaction.idempotencyKey,
      }),
      body: JSON.stringify(transaction.payload),
      signal: AbortSignal.timeout(this.policy.timeoutMs),
    };
    let response: Response;
    let text: string;
    try {
      if (system.shared) {
        // The operator's systems: trusted addresses. A redirect is answered, not followed.
        response = await this.fetch(url, { ...init, redirect: 'manual' });
      } else {
        // An organization's system: checked now, after DNS, and connected to the checked address.
        const destination = await this.destinations.check(system.baseUrl, url);
        if (!destination.ok && destination.reason === 'UNRESOLVED') {
          return { kind: 'retry', error: DELIVERY_ERRORS.unreachable, retryAfterMs: null, detail: { reason: 'dns' } };
        }
        if (!destination.ok) {
          return {
            kind: 'dead',
            error: DELIVERY_ERRORS.addressNotAllowed,
            detail: { reason: 'address_not_allowed', refusal: destination.reason },
          };
        }
        response = await this.pinnedFetch(destination.url, init, destination.addresses);
      }
      setSpanAttributes({ 'http.response.status_code': response.status });
      text = await response.text();
    } catch (error) {
      const timeout = error instanceof Error && error.name === 'TimeoutError';
      return {
        kind: 'retry',
        error: timeout ? DELIVERY_ERRORS.timeout : DELIVERY_ERRORS.unreachable,
        retryAfterMs: null,
        detail: { reason: timeout ? 'timeout' : 'network' },
      };
    }
    if (response.ok) {
      const id = target.learn(text);
      return { kind: 'delivered', ehrPatientId: id ?? ehrPatientId, learned: id };
    }
    const { status } = response;
    const detail = { status, ...bodyDetail(text) };
    if (status === 408 || status === 429 || status >= 500) {
      return {
        kind: 'retry',
        error: DELIVERY_ERRORS.answered(status),
        retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), this.now()),
        detail: { reason: 'status', ...detail },
      };
    }
    if (status >= 300 && status < 400) {
      return { kind: 'dead', error: DELIVERY_ERRORS.redirected(status), detail: { reason: 'redirect', ...detail } };
    }
    return { kind: 'dead', error: DELIVERY_ERRORS.refused(status), detail: { reason: 'refused', ...detail } };
  }

  private async record(transaction: EhrTransactionRecord, outcome: Outcome): Promise<void> {
    const now = this.now();
    const at = new Date(now).toISOString();
    const log = {
      transactionId: transaction.id,
      patientId: transaction.patientId,
      ehrSystemId: transaction.ehrSystemId,
    };
    const base = {
      status: transaction.status,
      attempts: transaction.attempts + 1,
      lastError: null,
      nextAttemptAt: null,
      deliveredAt: transaction.deliveredAt,
      ehrPatientId: transaction.ehrPatientId,
      updatedAt: at,
    };
    // False when the transaction was given up on meanwhile (its patient deleted) or the claim lapsed:
    // it then stays as the store has it.
    const complete = (completion: Completion) => this.options.transactions.complete(transaction.id, completion);
    const count = (counter: keyof DeliveryCounters) =>
      this.options.metrics?.[counter].inc({ ehr_system: transaction.ehrSystemId });
    switch (outcome.kind) {
      case 'delivered':
        if (
          await complete({
            ...base,
            status: 'DELIVERED',
            ehrPatientId: outcome.ehrPatientId,
            deliveredAt: at,
            learnedEhrPatientId: outcome.learned,
          })
        ) {
          count('delivered');
          this.options.logger.info('delivery.delivered', { ...log, attempts: base.attempts });
        }
        return;
      case 'wait':
        await complete({
          ...base,
          attempts: transaction.attempts,
          lastError: outcome.error,
          nextAttemptAt: new Date(now + WAIT_MS).toISOString(),
        });
        return;
      case 'dead':
        if (await complete({ ...base, status: 'DEAD', lastError: outcome.error })) {
          count('dead');
          this.options.logger.warn('delivery.dead', { ...log, ...outcome.detail });
        }
        return;
      case 'retry': {
        const { attempts } = base;
        if (attempts >= this.policy.maxAttempts) {
          const error = DELIVERY_ERRORS.gaveUp(attempts, outcome.error);
          if (await complete({ ...base, status: 'DEAD', lastError: error })) {
            count('dead');
            this.options.logger.warn('delivery.dead', {
              ...log,
              ...outcome.detail,
              reason: 'attempts exhausted',
              lastReason: outcome.detail['reason'] ?? 'unknown',
              attempts,
            });
          }
          return;
        }
        const delay = retryDelayMs(attempts, this.policy, outcome.retryAfterMs, this.random);
        const retry = {
          ...base,
          status: 'FAILED' as const,
          lastError: outcome.error,
          nextAttemptAt: new Date(now + delay).toISOString(),
        };
        if (await complete(retry)) {
          count('retried');
          this.options.logger.warn('delivery.retrying', {
            ...log,
            ...outcome.detail,
            attempts,
            delayMs: Math.round(delay),
          });
        }
        return;
      }
    }
  }
}
