import { ConfigError, envString, envUrl, type Env } from './env';
import { EVENT_SIGNATURE_HEADER, EVENTS_PATH, signEventBody, withTraceparent, type ChangeEvent } from './events';
import { outsideRequest, type Logger } from './logger';
import type { Counter, ServiceMetrics } from './metrics';
import type { Worker } from './service';
import {
  injectTraceHeaders,
  setSpanAttributes,
  SpanKind,
  traceparentContext,
  traceparentLink,
  withSpan,
} from './tracing';

/**
 * The transactional outbox: a store records each change event in the same operation as the change
 * (so neither exists without the other), and an `OutboxRelay` posts the recorded events to the ehr
 * subgraph in the background, in order, until it accepts them. Delivery is at least once: an event
 * is removed only after a 2xx, so a crash or timeout after the ehr subgraph applied a batch resends
 * it, which the event ids make harmless.
 */

/** The events a store has recorded and not yet delivered. */
export interface Outbox {
  /** Up to `limit` undelivered events, oldest first. */
  pending(limit: number): Promise<ChangeEvent[]>;
  /** Forgets delivered events; unknown ids are ignored. */
  markSent(ids: string[]): Promise<void>;
  /** How many events are undelivered. */
  size(): Promise<number>;
  /**
   * Calls `listener` after new events are recorded, so the relay sends them at once instead of at
   * its next look; answers the unsubscribe. An outbox without it is only polled.
   */
  subscribe?(listener: () => void): () => void;
}

/**
 * An outbox in memory, for stores that keep their data in memory too: events live exactly as long
 * as the changes they describe. An array plus the index of the oldest undelivered event, so
 * appending and delivering the oldest batch (what the relay does) cost no copying.
 */
export class InMemoryOutbox implements Outbox {
  private events: ChangeEvent[] = [];
  private head = 0;
  private readonly listeners = new Set<() => void>();

  /** Records events; call it in the same store operation as the change they describe. */
  append(...events: readonly ChangeEvent[]): void {
    // Each with the trace of the request that made the change, when tracing is on.
    this.events.push(...events.map(withTraceparent));
    // After the store operation has finished, as a database's commit notification would be.
    if (events.length > 0 && this.listeners.size > 0) queueMicrotask(() => this.notify());
  }

  pending(limit: number): Promise<ChangeEvent[]> {
    return Promise.resolve(this.pendingNow(limit));
  }

  /** `pending` without the promise, for tests that read what a store operation recorded. */
  pendingNow(limit: number): ChangeEvent[] {
    return this.events.slice(this.head, this.head + Math.max(0, limit));
  }

  markSent(ids: string[]): Promise<void> {
    this.markSentNow(ids);
    return Promise.resolve();
  }

  /** `markSent` without the promise. */
  markSentNow(ids: string[]): void {
    const sent = new Set(ids);
    // The relay delivers the oldest events first, so they are normally a prefix: move the head.
    while (this.head < this.events.length && sent.delete(this.events[this.head]!.id)) this.head++;
    if (sent.size > 0) {
      this.events = this.events.slice(this.head).filter((event) => !sent.has(event.id));
      this.head = 0;
    }
    // Drop the delivered prefix once it dominates, so memory follows what is undelivered.
    if (this.head > 1024 && this.head * 2 > this.events.length) {
      this.events = this.events.slice(this.head);
      this.head = 0;
    }
  }

  /**
   * Forgets the undelivered events `drop` picks, so they are never sent (a deleted patient's, whose
   * data must not leave after the deletion); answers how many. Call it in the store operation that
   * makes them moot.
   */
  discard(drop: (event: ChangeEvent) => boolean): number {
    const before = this.sizeNow();
    this.events = this.events.slice(this.head).filter((event) => !drop(event));
    this.head = 0;
    return before - this.sizeNow();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  size(): Promise<number> {
    return Promise.resolve(this.sizeNow());
  }

  /** `size` without the promise. */
  sizeNow(): number {
    return this.events.length - this.head;
  }
}

/** Where change events go and the secret that signs them, as each emitting service configures it. */
export interface EventDeliveryConfig {
  targetUrl: string;
  secret: string;
}

export const DEV_EVENTS_SECRET = 'dev-events-secret-change-me';

/**
 * `EHR_EVENTS_URL` and `SERVICE_EVENTS_SECRET`, read by a service's `config.ts`. Outside production
 * the secret falls back to a well-known development value; in production it must be set (and not
 * to that value), since anyone knowing it can write into every hospital's EHR.
 */
export function readEventDeliveryConfig(env: Env): EventDeliveryConfig {
  const production = env['NODE_ENV'] === 'production';
  const secret = envString(env, 'SERVICE_EVENTS_SECRET', production ? '' : DEV_EVENTS_SECRET);
  if (production && (secret === '' || secret === DEV_EVENTS_SECRET)) {
    throw new ConfigError('SERVICE_EVENTS_SECRET is required in production (shared with the ehr subgraph)');
  }
  return {
    targetUrl: envUrl(env, 'EHR_EVENTS_URL', `http://127.0.0.1:4003${EVENTS_PATH}`),
    secret,
  };
}

/** Another service that is sent some of an outbox's events, besides the ehr subgraph. */
export interface EventSubscriber {
  /** Its events endpoint (`/internal/events`). */
  url: string;
  /** The event types it is sent (only what it needs: the clinical subgraph gets `patient.deleted`). */
  types: readonly ChangeEvent['type'][];
}

export interface OutboxRelayOptions {
  outbox: Outbox;
  /** The ehr subgraph's events endpoint: it is sent every event. */
  targetUrl: string;
  /**
   * Other services sent the events of their types, in the same order: an event is forgotten only
   * once every target it is for has accepted it.
   */
  subscribers?: readonly EventSubscriber[];
  /** Shared with the ehr subgraph, which refuses a batch whose signature does not match. */
  secret: string;
  logger: Logger;
  /** Events per POST. */
  batchSize?: number;
  /** How often an idle relay looks for new events, and the first retry delay after a failure. */
  intervalMs?: number;
  maxBackoffMs?: number;
  /** Per POST, response body included. */
  timeoutMs?: number;
  /** Jitter source, replaceable in tests; `Math.random` otherwise. */
  random?: () => number;
  /** The service's metrics: the outbox's backlog (read at each scrape), events sent, failed posts. */
  metrics?: ServiceMetrics;
}

type Attempt = 'empty' | 'sent' | 'failed';

/** Where a relay posts, and which events of the current batch that target has already accepted. */
interface Target {
  url: string;
  wants: (event: ChangeEvent) => boolean;
  accepted: Set<string>;
}

/**
 * Posts an outbox's events to the ehr subgraph: `{ "events": [...] }`, signed, oldest first, one
 * batch at a time (never two in parallel, so batches arrive in order). After a failure the same
 * events are retried with exponential backoff and jitter, so a recovering ehr subgraph is not
 * flooded; a success resets the backoff.
 *
 * With `subscribers`, each batch goes to the ehr subgraph and then to each subscriber (the events of
 * its types), and is marked sent once all accepted it; after a failure only the targets that have
 * not accepted it yet are sent it again.
 *
 * Logs carry ids, counts and statuses only: event bodies hold patient data.
 */
export class OutboxRelay {
  private readonly outbox: Outbox;
  private readonly targets: Target[];
  private readonly secret: string;
  private readonly logger: Logger;
  private readonly batchSize: number;
  private readonly intervalMs: number;
  private readonly maxBackoffMs: number;
  private readonly timeoutMs: number;
  private readonly random: () => number;
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  /** Consecutive failed posts; 0 after a success. */
  private failures = 0;
  /** The delay drawn after the latest failure: logged, then waited. */
  private retryDelayMs = 0;
  /** The latest post (or a resolved promise): each post starts after the one before it ended. */
  private chain: Promise<unknown> = Promise.resolve();
  /** True while waiting out `intervalMs` after finding the outbox empty: a new event may cut it short. */
  private idle = false;
  private unsubscribe: (() => void) | undefined;
  private readonly sentEvents: Counter | undefined;
  private readonly failedPosts: Counter | undefined;

  constructor(options: OutboxRelayOptions) {
    this.outbox = options.outbox;
    const metrics = options.metrics;
    metrics?.gauge('carebridge_outbox_pending_events', 'Change events recorded and not yet delivered', [], async (g) =>
      g.set(await options.outbox.size()),
    );
    this.sentEvents = metrics?.counter('carebridge_outbox_events_sent_total', 'Change events delivered by the relay');
    this.failedPosts = metrics?.counter('carebridge_outbox_send_failures_total', 'Posts of a batch that failed');
    this.targets = [
      { url: options.targetUrl, wants: () => true, accepted: new Set() },
      ...(options.subscribers ?? []).map((subscriber) => {
        const types = new Set<string>(subscriber.types);
        return {
          url: subscriber.url,
          wants: (event: ChangeEvent) => types.has(event.type),
          accepted: new Set<string>(),
        };
      }),
    ];
    this.secret = options.secret;
    this.logger = options.logger;
    this.batchSize = options.batchSize ?? 100;
    this.intervalMs = options.intervalMs ?? 200;
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000;
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.random = options.random ?? Math.random;
  }

  /** Starts delivering in the background; the loop never keeps the process alive on its own. */
  start(): void {
    if (this.running) return;
    this.running = true;
    // Woken by the request that made the change, it sends for no request: its lines carry no request id.
    this.unsubscribe = this.outbox.subscribe?.(() => outsideRequest(() => this.wake()));
    this.schedule(0);
  }

  /** New events while idle: look now. A relay backing off after a failure keeps its delay. */
  private wake(): void {
    if (!this.running || !this.idle || this.timer === undefined) return;
    clearTimeout(this.timer);
    this.schedule(0);
  }

  /** Stops the loop and waits for a post in flight; undelivered events stay in the outbox. */
  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    await this.chain;
  }

  /** Delivers until the outbox is empty or a post fails (for shutdown and tests); never throws. */
  async flush(): Promise<void> {
    while ((await this.attempt()) === 'sent') {
      // Keep going: more events may be pending.
    }
  }

  /** The delay before retry number `failures` (1, 2, …): doubling from intervalMs, capped, jittered. */
  backoffMs(failures: number): number {
    const exponential = Math.min(this.maxBackoffMs, this.intervalMs * 2 ** Math.max(0, failures - 1));
    // "Equal jitter": between half and all of the delay, so services that failed together do not
    // retry together, while the delay still grows with every failure.
    return Math.min(this.maxBackoffMs, Math.round(exponential / 2 + (this.random() * exponential) / 2));
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => void this.tick(), delayMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    this.timer = undefined;
    this.idle = false;
    if (!this.running) return;
    const result = await this.attempt();
    if (!this.running) return;
    if (result === 'failed') this.schedule(this.retryDelayMs);
    else if (result === 'sent' && (await this.outbox.size()) > 0) this.schedule(0);
    else {
      this.idle = true;
      this.schedule(this.intervalMs);
    }
  }

  /** Posts the oldest batch once the previous post has ended. */
  private attempt(): Promise<Attempt> {
    const next = this.chain
      .then(() => this.post())
      .catch((error: unknown): Attempt => {
        // Only a bug gets here (post handles every delivery failure); keep the loop alive.
        this.failures++;
        this.retryDelayMs = this.backoffMs(this.failures);
        this.logger.error('outbox.error', { error: error instanceof Error ? error.name : 'unknown' });
        return 'failed';
      });
    this.chain = next;
    return next;
  }

  private async post(): Promise<Attempt> {
    const events = await this.outbox.pending(this.batchSize);
    if (events.length === 0) return 'empty';
    const ids = events.map((event) => event.id);
    const batch = new Set(ids);
    let status: number | null = null;
    for (const target of this.targets) {
      // What it accepted of an earlier batch that is no longer pending (another replica sent it) is forgotten.
      for (const id of target.accepted) if (!batch.has(id)) target.accepted.delete(id);
      const unsent = events.filter((event) => target.wants(event) && !target.accepted.has(event.id));
      if (unsent.length === 0) continue;
      const sent = await this.postTo(target, unsent);
      if (sent === null) return 'failed';
      for (const event of unsent) target.accepted.add(event.id);
      // The ehr subgraph's status, as logged before there were subscribers.
      if (target === this.targets[0]) status = sent;
    }
    await this.outbox.markSent(ids);
    this.sentEvents?.inc(ids.length);
    for (const target of this.targets) target.accepted.clear();
    this.failures = 0;
    this.logger.info('outbox.sent', {
      count: ids.length,
      firstId: ids[0],
      lastId: ids.at(-1),
      status,
      pending: await this.outbox.size(),
    });
    return 'sent';
  }

  /**
   * Posts `events` to one target in a CLIENT span in the trace of the first event that has one
   * (the change that produced it), linked to the others' traces.
   */
  private postTo(target: Target, events: readonly ChangeEvent[]): Promise<number | null> {
    const traced = events.filter((event) => event.traceparent !== undefined);
    const links = traced.slice(1).flatMap((event) => traceparentLink(event.traceparent) ?? []);
    return withSpan(
      'outbox.send',
      {
        'carebridge.events.count': events.length,
        'carebridge.events.target': target === this.targets[0] ? 'ehr' : 'subscriber',
      },
      () => this.postNow(target, events),
      { kind: SpanKind.CLIENT, parent: traceparentContext(traced[0]?.traceparent), links },
    );
  }

  /** Posts `events` to one target: its 2xx status, or null after logging the failure. */
  private async postNow(target: Target, events: readonly ChangeEvent[]): Promise<number | null> {
    const body = JSON.stringify({ events });
    let status: number | null = null;
    try {
      const response = await fetch(target.url, {
        method: 'POST',
        headers: injectTraceHeaders({
          'content-type': 'application/json',
          [EVENT_SIGNATURE_HEADER]: signEventBody(body, this.secret),
        }),
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = response.status;
      setSpanAttributes({ 'http.response.status_code': status });
      // Read the answer to the end so the connection can be reused; its content is not needed.
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`status ${status}`);
      return status;
    } catch (error) {
      this.failures++;
      this.failedPosts?.inc();
      this.retryDelayMs = this.backoffMs(this.failures);
      this.logger.warn('outbox.failed', {
        count: events.length,
        firstId: events[0]?.id,
        status,
        reason: status === null ? failureReason(error) : 'status',
        ...(target === this.targets[0] ? {} : { target: target.url }),
        failures: this.failures,
        retryInMs: this.retryDelayMs,
      });
      return null;
    }
  }
}

/** A network failure as a code (ECONNREFUSED, TimeoutError, …): never a message that could echo data. */
function failureReason(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown';
  const cause = (error as Error & { cause?: unknown }).cause;
  if (cause instanceof Error && typeof (cause as Error & { code?: unknown }).code === 'string') {
    return (cause as Error & { code: string }).code;
  }
  return error.name;
}

/** How a service relays its outbox: `readEventDeliveryConfig`'s target and secret, and the relay's pace. */
export type OutboxRelayConfig = EventDeliveryConfig &
  Partial<Pick<OutboxRelayOptions, 'subscribers' | 'batchSize' | 'intervalMs' | 'maxBackoffMs' | 'timeoutMs'>>;

/**
 * An outbox relay as a service's worker. Its stop makes one last delivery attempt after the loop
 * has ended: the runner stops workers once the server has drained, so every change the service
 * answered has its event in the outbox by then, and an outbox in memory would lose the rest.
 */
export function outboxRelayWorker(options: OutboxRelayOptions): Worker {
  const relay = new OutboxRelay(options);
  return {
    start: () => relay.start(),
    stop: async () => {
      await relay.stop();
      await relay.flush();
    },
  };
}
