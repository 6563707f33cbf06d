import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../src/env';
import { EVENT_SIGNATURE_HEADER, verifyEventBody, type ChangeEvent } from '../src/events';
import { freePort } from '../src/ports';
import { createLogger, withRequestId } from '../src/logger';
import { createMetrics, type ServiceMetrics } from '../src/metrics';
import { metricValue, parseMetrics } from '../src/testing';
import {
  DEV_EVENTS_SECRET,
  InMemoryOutbox,
  OutboxRelay,
  readEventDeliveryConfig,
  type EventSubscriber,
} from '../src/outbox';

const SECRET = 'test-secret';

/** What the fake ehr subgraph answers next: a status, or `hang` (never answers). */
type Reply = number | 'hang';

interface Received {
  ids: string[];
  signed: boolean;
  contentType: string | undefined;
  status: number | 'hang';
}

/**
 * A stand-in for the ehr subgraph's events endpoint on a real port. `replies` is consumed one per
 * request (then 200 forever); only requests answered 2xx count as accepted.
 */
class FakeEhr {
  readonly received: Received[] = [];
  replies: Reply[] = [];
  delayMs = 0;
  private server: Server | undefined;

  async listen(port = 0): Promise<string> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', () => resolve());
    });
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/internal/events`;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Ids of every accepted event, in arrival order. */
  get accepted(): string[] {
    return this.received.filter((r) => r.status !== 'hang' && r.status < 300).flatMap((r) => r.ids);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const signature = request.headers[EVENT_SIGNATURE_HEADER];
    const reply = this.replies.shift() ?? 200;
    this.received.push({
      ids: (JSON.parse(body) as { events: ChangeEvent[] }).events.map((e) => e.id),
      signed: verifyEventBody(body, typeof signature === 'string' ? signature : undefined, SECRET),
      contentType: request.headers['content-type'],
      status: reply,
    });
    if (reply === 'hang') return;
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    response.writeHead(reply, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ ok: reply < 300 }));
  }
}

function deleted(n: number): ChangeEvent {
  return {
    id: `ev-${String(n).padStart(4, '0')}`,
    type: 'patient.deleted',
    organizationId: 'org-riverside',
    patientId: `pt-${n}`,
    occurredAt: '2026-03-01T10:00:00.000Z',
  };
}

function outboxWith(count: number, from = 1): InMemoryOutbox {
  const outbox = new InMemoryOutbox();
  outbox.append(...Array.from({ length: count }, (_, i) => deleted(from + i)));
  return outbox;
}

const ids = (from: number, count: number): string[] => Array.from({ length: count }, (_, i) => deleted(from + i).id);

function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const logger = createLogger('test', {}, (line) => {
    raw.push(line);
    lines.push(JSON.parse(line) as Record<string, unknown>);
  });
  return { logger, lines, raw };
}

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

/** A fake ehr listening (or not yet, with `listening: false`) and a relay pointed at it. */
async function setup(
  outbox: InMemoryOutbox,
  options: {
    listening?: boolean;
    batchSize?: number;
    timeoutMs?: number;
    random?: () => number;
    subscribers?: EventSubscriber[];
    metrics?: ServiceMetrics;
    intervalMs?: number;
  } = {},
) {
  const ehr = new FakeEhr();
  const port = await freePort();
  if (options.listening !== false) await ehr.listen(port);
  const { logger, lines, raw } = capturingLogger();
  const relay = new OutboxRelay({
    outbox,
    targetUrl: `http://127.0.0.1:${port}/internal/events`,
    secret: SECRET,
    logger,
    batchSize: options.batchSize ?? 100,
    intervalMs: options.intervalMs ?? 10,
    maxBackoffMs: 40,
    timeoutMs: options.timeoutMs ?? 2_000,
    random: options.random ?? (() => 1),
    subscribers: options.subscribers ?? [],
    ...(options.metrics ? { metrics: options.metrics } : {}),
  });
  cleanup.push(
    () => relay.stop(),
    () => ehr.close(),
  );
  return { ehr, port, relay, lines, raw };
}

describe('InMemoryOutbox', () => {
  it('hands out the oldest events first and forgets only what was marked sent', () => {
    const outbox = outboxWith(5);
    expect(outbox.pendingNow(2).map((e) => e.id)).toEqual(ids(1, 2));
    outbox.markSentNow(ids(1, 2));
    expect(outbox.sizeNow()).toBe(3);
    // Out of order (not a prefix) and unknown ids: only the known ones go.
    outbox.markSentNow([deleted(4).id, 'ev-unknown']);
    expect(outbox.pendingNow(10).map((e) => e.id)).toEqual([deleted(3).id, deleted(5).id]);
    expect(outbox.sizeNow()).toBe(2);
  });

  it('discards the undelivered events it is told to, keeping the others in order', () => {
    const outbox = outboxWith(6);
    outbox.markSentNow(ids(1, 1));
    expect(outbox.discard((event) => event.patientId === 'pt-3' || event.patientId === 'pt-1')).toBe(1);
    expect(outbox.pendingNow(10).map((e) => e.id)).toEqual([...ids(2, 1), ...ids(4, 3)]);
    expect(outbox.sizeNow()).toBe(4);
  });

  it('keeps its order across compaction of a long delivered prefix', () => {
    const outbox = outboxWith(3000);
    for (let from = 1; from <= 2900; from += 100) outbox.markSentNow(ids(from, 100));
    outbox.append(deleted(3001));
    expect(outbox.sizeNow()).toBe(101);
    expect(outbox.pendingNow(200).map((e) => e.id)).toEqual(ids(2901, 101));
  });
});

describe('OutboxRelay', () => {
  it('delivers in order, in signed JSON batches, and empties the outbox', async () => {
    const outbox = outboxWith(250);
    const { ehr, relay } = await setup(outbox);
    await relay.flush();
    expect(ehr.received.map((r) => r.ids.length)).toEqual([100, 100, 50]);
    expect(ehr.accepted).toEqual(ids(1, 250));
    expect(ehr.received.every((r) => r.signed && r.contentType === 'application/json')).toBe(true);
    expect(outbox.sizeNow()).toBe(0);
  });

  it('delivers events appended while it runs, without being asked', async () => {
    const outbox = new InMemoryOutbox();
    const { ehr, relay } = await setup(outbox, { batchSize: 2 });
    relay.start();
    outbox.append(deleted(1), deleted(2), deleted(3));
    await waitFor(() => outbox.sizeNow() === 0);
    outbox.append(deleted(4));
    await waitFor(() => outbox.sizeNow() === 0);
    expect(ehr.accepted).toEqual(ids(1, 4));
  });

  it('sends what a request appended for no request: its lines carry no request id', async () => {
    const outbox = new InMemoryOutbox();
    // No polling meanwhile: only the wake-up the append causes sends the event.
    const { relay, lines } = await setup(outbox, { intervalMs: 60_000 });
    relay.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    withRequestId('req-1', () => outbox.append(deleted(1)));
    await waitFor(() => outbox.sizeNow() === 0);
    await waitFor(() => lines.some((line) => line['event'] === 'outbox.sent'));
    expect(lines.filter((line) => line['event'] === 'outbox.sent').map((line) => line['requestId'])).toEqual([
      undefined,
    ]);
  });

  it('keeps events while the target answers 500, then delivers them all in order', async () => {
    const outbox = outboxWith(5);
    const { ehr, relay, lines } = await setup(outbox, { batchSize: 2 });
    ehr.replies = [500, 500, 503];
    relay.start();
    await waitFor(() => ehr.received.length >= 2);
    // Nothing is marked sent while the target refuses: the same first batch is offered again.
    expect(outbox.sizeNow()).toBe(5);
    await waitFor(() => outbox.sizeNow() === 0);
    expect(ehr.received.slice(0, 4).map((r) => r.ids)).toEqual([ids(1, 2), ids(1, 2), ids(1, 2), ids(1, 2)]);
    expect(ehr.accepted).toEqual(ids(1, 5));
    expect(lines.filter((l) => l['event'] === 'outbox.failed').map((l) => l['status'])).toEqual([500, 500, 503]);
  });

  it('keeps events while the target is down and delivers them once it is back', async () => {
    const outbox = outboxWith(3);
    const { ehr, port, relay, lines } = await setup(outbox, { listening: false });
    relay.start();
    await waitFor(() => lines.filter((l) => l['event'] === 'outbox.failed').length >= 3);
    expect(outbox.sizeNow()).toBe(3);
    expect(lines.find((l) => l['event'] === 'outbox.failed')).toMatchObject({
      status: null,
      reason: 'ECONNREFUSED',
      count: 3,
    });
    outbox.append(deleted(4));
    await ehr.listen(port);
    await waitFor(() => outbox.sizeNow() === 0);
    expect(ehr.accepted).toEqual(ids(1, 4));
  });

  it('gives up on a post that takes longer than timeoutMs and retries it', async () => {
    const outbox = outboxWith(2);
    const { ehr, relay, lines } = await setup(outbox, { timeoutMs: 100 });
    ehr.replies = ['hang'];
    await relay.flush();
    expect(outbox.sizeNow()).toBe(2);
    expect(lines.at(-1)).toMatchObject({ event: 'outbox.failed', status: null, reason: 'TimeoutError' });
    await relay.flush();
    expect([outbox.sizeNow(), ehr.accepted]).toEqual([0, ids(1, 2)]);
  });

  it('doubles the retry delay up to the cap, and starts over after a success', async () => {
    const outbox = outboxWith(1);
    const { ehr, relay, lines } = await setup(outbox);
    ehr.replies = [500, 500, 500, 500];
    relay.start();
    await waitFor(() => outbox.sizeNow() === 0);
    ehr.replies = [500, 500];
    outbox.append(deleted(2));
    await waitFor(() => outbox.sizeNow() === 0);
    const retries = lines.filter((l) => l['event'] === 'outbox.failed').map((l) => l['retryInMs']);
    // intervalMs 10, maxBackoffMs 40, jitter at its maximum.
    expect(retries).toEqual([10, 20, 40, 40, 10, 20]);
  });

  it('jitters each delay between half and all of it, never above the cap', () => {
    const relay = (random: number) =>
      new OutboxRelay({
        outbox: new InMemoryOutbox(),
        targetUrl: 'http://127.0.0.1:1/',
        secret: SECRET,
        logger: createLogger('test', {}, () => undefined),
        intervalMs: 100,
        maxBackoffMs: 1_000,
        random: () => random,
      });
    expect([1, 2, 3, 4, 5, 9].map((n) => relay(0).backoffMs(n))).toEqual([50, 100, 200, 400, 500, 500]);
    expect([1, 2, 3, 4, 5, 9].map((n) => relay(0.999999).backoffMs(n))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it('waits on stop for the post in flight, then posts nothing more', async () => {
    const outbox = outboxWith(2);
    const { ehr, relay } = await setup(outbox);
    ehr.delayMs = 100;
    relay.start();
    await waitFor(() => ehr.received.length === 1);
    await relay.stop();
    expect(outbox.sizeNow()).toBe(0);
    outbox.append(deleted(3));
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(ehr.received).toHaveLength(1);
  });

  it('logs ids, counts and statuses, never what an event says', async () => {
    const outbox = new InMemoryOutbox();
    outbox.append({
      id: 'ev-phi',
      type: 'clinical.answered',
      organizationId: 'org-riverside',
      patientId: 'pt-00001',
      occurredAt: '2026-03-01T10:00:00.000Z',
      responseId: 'qr-1',
      questionnaireId: 'qn-1',
      answers: [
        { linkId: 'social.occupation', category: 'SOCIAL_HISTORY', value: 'Secret job', display: ['Secret job'] },
      ],
    });
    const { ehr, relay, lines, raw } = await setup(outbox);
    ehr.replies = [500];
    await relay.flush();
    await relay.flush();
    expect(lines.map((l) => [l['event'], l['count'], l['firstId']])).toEqual([
      ['outbox.failed', 1, 'ev-phi'],
      ['outbox.sent', 1, 'ev-phi'],
    ]);
    expect(raw.join('\n')).not.toContain('Secret job');
  });
});

describe('OutboxRelay with subscribers', () => {
  function upserted(n: number): ChangeEvent {
    return { ...deleted(n), type: 'patient.upserted' } as unknown as ChangeEvent;
  }

  /** A relay to a fake ehr and to a fake clinical subgraph subscribed to deletions. */
  async function fanOut(outbox: InMemoryOutbox) {
    const clinical = new FakeEhr();
    const url = await clinical.listen();
    cleanup.push(() => clinical.close());
    return { clinical, url, ...(await setup(outbox, { subscribers: [{ url, types: ['patient.deleted'] }] })) };
  }

  it('sends a subscriber only the events of its types, in order, and forgets them once both accepted', async () => {
    const outbox = new InMemoryOutbox();
    outbox.append(upserted(1), deleted(2), upserted(3), deleted(4));
    const { ehr, clinical, relay } = await fanOut(outbox);
    await relay.flush();
    expect(ehr.accepted).toEqual(ids(1, 4));
    expect(clinical.accepted).toEqual([deleted(2).id, deleted(4).id]);
    expect(clinical.received.every((r) => r.signed)).toBe(true);
    expect(outbox.sizeNow()).toBe(0);
  });

  it('keeps the events while a subscriber refuses, resending them to it alone', async () => {
    const outbox = new InMemoryOutbox();
    outbox.append(upserted(1), deleted(2));
    const { ehr, clinical, url, relay, lines } = await fanOut(outbox);
    clinical.replies = [503, 500];
    await relay.flush();
    await relay.flush();
    expect(outbox.sizeNow()).toBe(2);
    await relay.flush();
    expect(outbox.sizeNow()).toBe(0);
    // The ehr subgraph accepted the batch once; the subscriber was offered its event until it took it.
    expect(ehr.received.map((r) => r.ids)).toEqual([ids(1, 2)]);
    expect(clinical.received.map((r) => [r.ids, r.status])).toEqual([
      [[deleted(2).id], 503],
      [[deleted(2).id], 500],
      [[deleted(2).id], 200],
    ]);
    expect(lines.filter((l) => l['event'] === 'outbox.failed').map((l) => [l['status'], l['target']])).toEqual([
      [503, url],
      [500, url],
    ]);
  });
});

describe('readEventDeliveryConfig', () => {
  it('defaults to the local ehr subgraph and a development secret outside production', () => {
    expect(readEventDeliveryConfig({})).toEqual({
      targetUrl: 'http://127.0.0.1:4003/internal/events',
      secret: DEV_EVENTS_SECRET,
    });
    expect(
      readEventDeliveryConfig({ EHR_EVENTS_URL: 'http://ehr:9000/internal/events', SERVICE_EVENTS_SECRET: 's3cret' }),
    ).toEqual({ targetUrl: 'http://ehr:9000/internal/events', secret: 's3cret' });
  });

  it('requires a real secret in production', () => {
    expect(() => readEventDeliveryConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => readEventDeliveryConfig({ NODE_ENV: 'production', SERVICE_EVENTS_SECRET: DEV_EVENTS_SECRET })).toThrow(
      ConfigError,
    );
    expect(readEventDeliveryConfig({ NODE_ENV: 'production', SERVICE_EVENTS_SECRET: 'prod' }).secret).toBe('prod');
  });

  it('refuses a target that is not an absolute URL', () => {
    expect(() => readEventDeliveryConfig({ EHR_EVENTS_URL: 'ehr/events' })).toThrow(ConfigError);
  });
});

describe('OutboxRelay metrics', () => {
  it('counts events sent and failed posts, and reads the backlog at each scrape', async () => {
    const metrics = createMetrics({ service: 'patient' });
    const { ehr, relay } = await setup(outboxWith(3), { metrics });
    const read = async (name: string) => metricValue(parseMetrics(await metrics.text()), name);
    expect(await read('carebridge_outbox_pending_events')).toBe(3);
    ehr.replies = [500];
    await relay.flush();
    expect(await read('carebridge_outbox_send_failures_total')).toBe(1);
    expect(await read('carebridge_outbox_events_sent_total')).toBe(0);
    await relay.flush();
    expect(await read('carebridge_outbox_events_sent_total')).toBe(3);
    expect(await read('carebridge_outbox_send_failures_total')).toBe(1);
    expect(await read('carebridge_outbox_pending_events')).toBe(0);
  });
});
