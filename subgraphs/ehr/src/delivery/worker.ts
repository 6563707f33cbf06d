import type { Logger } from '@carebridge/common';
import type { EhrStore } from '../data/store';
import type { EhrTransactionRecord } from '../data/records';
import { requestTarget } from './paths';
import type { ClaimedTransaction, Completion, TransactionStore } from './transactions';

export interface RetryPolicy {
  /** Attempts before a transaction is DEAD. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Per request. */
  timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 500,
  maxDelayMs: 5 * 60_000,
  timeoutMs: 10_000,
};

/**
 * The delay before attempt `attempts + 1`: exponential, with "equal jitter" (half fixed, half
 * random) so that many failures at once do not retry in lock-step, and never sooner than the
 * EHR's own Retry-After.
 */
export function retryDelayMs(
  attempts: number,
  policy: RetryPolicy,
  retryAfterMs: number | null,
  random: () => number,
): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  const jittered = exponential / 2 + (random() * exponential) / 2;
  return Math.max(jittered, retryAfterMs ?? 0);
}

/** Retry-After in seconds or as an HTTP date, in milliseconds; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

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
  fetch?: typeof fetch;
  now?: () => number;
  random?: () => number;
}

type Outcome =
  | { kind: 'delivered'; ehrPatientId: string | null; learned: string | null }
  | { kind: 'retry'; error: string; retryAfterMs: number | null }
  | { kind: 'dead'; error: string }
  | { kind: 'wait'; error: string };

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
    this.unsubscribe = this.options.transactions.onWork(() => this.wake());
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
      const outcome = await this.send(claimed);
      await this.record(claimed.transaction, outcome);
    } catch (error) {
      // The claim's lease runs out and the transaction is tried again (with the same idempotency key).
      this.options.logger.error('delivery.record_failed', {
        transactionId: claimed.transaction.id,
        error: error instanceof Error ? error.name : 'unknown',
      });
    }
  }

  private async send({ transaction, ehrPatientId }: ClaimedTransaction): Promise<Outcome> {
    // Cheap on every store: systems never change once created, so the PostgreSQL store serves them
    // from its cache after the first read.
    const system = await this.options.ehr.ehrSystem(transaction.ehrSystemId);
    if (!system) return { kind: 'dead', error: 'The EHR system no longer exists.' };
    const endpoint = system.endpoints.find((e) => e.path === transaction.endpoint);
    if (!endpoint) return { kind: 'dead', error: 'The EHR endpoint no longer exists.' };
    // The EHR's own patient id is the one known at claim time, just now: an earlier transaction may
    // have just learnt it, and sending with it keeps data on the right patient and never creates a
    // second one.
    const target = requestTarget(endpoint, ehrPatientId);
    if (!target) return { kind: 'wait', error: 'Waiting for the EHR to create the patient.' };
    try {
      const response = await this.fetch(`${system.baseUrl.replace(/\/$/, '')}${target.path}`, {
        method: target.method,
        headers: { 'content-type': 'application/json', 'idempotency-key': transaction.idempotencyKey },
        body: JSON.stringify(transaction.payload),
        signal: AbortSignal.timeout(this.policy.timeoutMs),
      });
      const text = await response.text();
      if (response.ok) {
        // Only the endpoint that creates the patient tells us who the patient is in the EHR.
        const body = endpoint.createsPatient ? safeJson(text) : null;
        const id = typeof body?.['patientId'] === 'string' ? body['patientId'] : null;
        return { kind: 'delivered', ehrPatientId: id ?? ehrPatientId, learned: id };
      }
      const reason = `HTTP ${response.status}${errorSummary(text)}`;
      if (response.status === 408 || response.status === 429 || response.status >= 500) {
        return {
          kind: 'retry',
          error: reason,
          retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), this.now()),
        };
      }
      return { kind: 'dead', error: `The EHR refused the request: ${reason}` };
    } catch (error) {
      const name = error instanceof Error ? error.name : 'Error';
      return {
        kind: 'retry',
        error: name === 'TimeoutError' ? 'The EHR did not answer in time.' : 'The EHR could not be reached.',
        retryAfterMs: null,
      };
    }
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
          this.options.logger.warn('delivery.dead', { ...log, reason: 'refused' });
        }
        return;
      case 'retry': {
        const { attempts } = base;
        if (attempts >= this.policy.maxAttempts) {
          const error = `Gave up after ${attempts} attempts. Last error: ${outcome.error}`;
          if (await complete({ ...base, status: 'DEAD', lastError: error })) {
            this.options.logger.warn('delivery.dead', { ...log, reason: 'attempts exhausted', attempts });
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
          this.options.logger.warn('delivery.retrying', { ...log, attempts, delayMs: Math.round(delay) });
        }
        return;
      }
    }
  }
}

function safeJson(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The EHR's own error text, shortened; EHRs (and the sandbox) do not echo submitted values. */
function errorSummary(text: string): string {
  const body = safeJson(text);
  const message = typeof body?.['error'] === 'string' ? body['error'] : '';
  return message ? `: ${message.slice(0, 200)}` : '';
}
