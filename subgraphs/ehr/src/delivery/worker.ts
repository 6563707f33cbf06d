import type { Logger } from '@carebridge/common';
import type { EhrStore } from '../data/store';
import type { EhrTransactionRecord } from '../data/records';
import { requestTarget } from './paths';
import type { TransactionStore } from './transactions';

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
  /** How often due transactions are looked for. */
  intervalMs?: number;
  /** Requests in flight at once. */
  concurrency?: number;
  fetch?: typeof fetch;
  now?: () => number;
  random?: () => number;
}

type Outcome =
  | { kind: 'delivered'; ehrPatientId: string | null }
  | { kind: 'retry'; error: string; retryAfterMs: number | null }
  | { kind: 'dead'; error: string }
  | { kind: 'wait'; error: string };

/**
 * Sends due transactions to their EHRs, after the user's request is long gone. Per patient and
 * endpoint, transactions go out in the order they were made, one at a time, so a later change
 * never overtakes an earlier one; an EHR's validation error (4xx) is DEAD at once and does not
 * hold back the rest of the queue.
 */
export class DeliveryWorker {
  private readonly policy: RetryPolicy;
  private readonly fetch: typeof fetch;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly inFlight = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private active: Promise<void> = Promise.resolve();

  constructor(private readonly options: DeliveryWorkerOptions) {
    this.policy = options.policy ?? DEFAULT_RETRY_POLICY;
    this.fetch = options.fetch ?? fetch;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
  }

  start(): void {
    this.running = true;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.active;
  }

  /** One pass: sends what is due (respecting per-patient order and the concurrency limit). */
  async tick(): Promise<number> {
    const now = this.now();
    const busy = new Set<string>();
    const batch: EhrTransactionRecord[] = [];
    for (const transaction of this.options.transactions.open()) {
      const lane = `${transaction.ehrSystemId}:${transaction.patientId}:${transaction.endpoint}`;
      const patientLane = `${transaction.ehrSystemId}:${transaction.patientId}`;
      // One at a time per lane, oldest first: an older transaction waiting for its retry holds back
      // the newer ones of its lane, so stale data never lands after fresh data. Nothing else goes to
      // a patient while the request that creates it in the EHR is open.
      const blocked = busy.has(lane) || busy.has(patientLane) || this.inFlight.has(transaction.id);
      busy.add(lane);
      if (this.createsPatient(transaction)) busy.add(patientLane);
      const due = transaction.nextAttemptAt === null || Date.parse(transaction.nextAttemptAt) <= now;
      if (blocked || !due) continue;
      batch.push(transaction);
      if (batch.length >= (this.options.concurrency ?? 8)) break;
    }
    await Promise.all(batch.map((t) => this.attempt(t)));
    return batch.length;
  }

  private schedule(delayMs: number): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.active = this.tick()
        .catch((error: unknown) =>
          this.options.logger.error('delivery.tick_failed', { error: error instanceof Error ? error.name : 'unknown' }),
        )
        .then(() => this.schedule(this.options.intervalMs ?? 100));
    }, delayMs);
    this.timer.unref();
  }

  private createsPatient(transaction: EhrTransactionRecord): boolean {
    const system = this.options.ehr.ehrSystem(transaction.ehrSystemId);
    return system?.endpoints.find((e) => e.path === transaction.endpoint)?.createsPatient ?? false;
  }

  private async attempt(transaction: EhrTransactionRecord): Promise<void> {
    this.inFlight.add(transaction.id);
    try {
      const outcome = await this.send(transaction);
      this.record(transaction, outcome);
    } finally {
      this.inFlight.delete(transaction.id);
    }
  }

  private async send(transaction: EhrTransactionRecord): Promise<Outcome> {
    const system = this.options.ehr.ehrSystem(transaction.ehrSystemId);
    if (!system) return { kind: 'dead', error: 'The EHR system no longer exists.' };
    const endpoint = system.endpoints.find((e) => e.path === transaction.endpoint);
    if (!endpoint) return { kind: 'dead', error: 'The EHR endpoint no longer exists.' };
    // The EHR's own patient id is looked up at send time: an earlier transaction may have just learnt
    // it, and sending with it is what keeps data on the right patient and never creates a second one.
    const ehrPatientId = this.options.transactions.ehrPatientId(system.id, transaction.patientId);
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
        return { kind: 'delivered', ehrPatientId: id ?? ehrPatientId };
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

  private record(transaction: EhrTransactionRecord, outcome: Outcome): void {
    const now = this.now();
    const at = new Date(now).toISOString();
    const current = this.options.transactions.get(transaction.id) ?? transaction;
    // A transaction given up on meanwhile (its patient deleted) stays as it is.
    if (current.status === 'DEAD' || current.status === 'DELIVERED') return;
    const log = {
      transactionId: transaction.id,
      patientId: transaction.patientId,
      ehrSystemId: transaction.ehrSystemId,
    };
    switch (outcome.kind) {
      case 'delivered': {
        if (outcome.ehrPatientId)
          this.options.transactions.setEhrPatientId(
            transaction.ehrSystemId,
            transaction.patientId,
            outcome.ehrPatientId,
          );
        this.options.transactions.save({
          ...current,
          status: 'DELIVERED',
          attempts: current.attempts + 1,
          ehrPatientId: outcome.ehrPatientId,
          lastError: null,
          nextAttemptAt: null,
          deliveredAt: at,
          updatedAt: at,
        });
        this.options.logger.info('delivery.delivered', { ...log, attempts: current.attempts + 1 });
        return;
      }
      case 'wait':
        this.options.transactions.save({
          ...current,
          lastError: outcome.error,
          nextAttemptAt: new Date(now + 500).toISOString(),
          updatedAt: at,
        });
        return;
      case 'dead':
        this.options.transactions.save({
          ...current,
          status: 'DEAD',
          attempts: current.attempts + 1,
          lastError: outcome.error,
          nextAttemptAt: null,
          updatedAt: at,
        });
        this.options.logger.warn('delivery.dead', { ...log, reason: 'refused' });
        return;
      case 'retry': {
        const attempts = current.attempts + 1;
        if (attempts >= this.policy.maxAttempts) {
          this.options.transactions.save({
            ...current,
            status: 'DEAD',
            attempts,
            lastError: `Gave up after ${attempts} attempts. Last error: ${outcome.error}`,
            nextAttemptAt: null,
            updatedAt: at,
          });
          this.options.logger.warn('delivery.dead', { ...log, reason: 'attempts exhausted', attempts });
          return;
        }
        const delay = retryDelayMs(attempts, this.policy, outcome.retryAfterMs, this.random);
        this.options.transactions.save({
          ...current,
          status: 'FAILED',
          attempts,
          lastError: outcome.error,
          nextAttemptAt: new Date(now + delay).toISOString(),
          updatedAt: at,
        });
        this.options.logger.warn('delivery.retrying', { ...log, attempts, delayMs: Math.round(delay) });
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
