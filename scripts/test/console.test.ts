import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { banner, createConsole, deliveriesSettled, formatLine, useColor } from '../lib/console';

const line = (fields: Record<string, unknown>): string =>
  JSON.stringify({ level: 'info', time: '2026-12-03T08:00:00.000Z', service: 'ehr', ...fields });

function setup(color = false): { out: string[]; console: ReturnType<typeof createConsole> } {
  const out: string[] = [];
  return { out, console: createConsole({ write: (text) => out.push(text), color, quietMs: 1000 }) };
}

describe('the start console', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('summarises a burst of 856 delivery lines as one line once they stop for a second', () => {
    const { out, console } = setup();
    for (let i = 0; i < 856; i++) {
      console.line(
        line({ event: 'delivery.delivered', ehrSystemId: i % 2 ? 'ehr-athena' : 'ehr-allscripts', attempts: 1 }),
      );
      if (i % 100 === 0) console.line(line({ event: 'delivery.queued', count: 3 }));
      vi.advanceTimersByTime(3);
    }
    expect(out).toEqual([]);
    expect(console.pending).toBeGreaterThan(856);
    vi.advanceTimersByTime(996);
    expect(out).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(out).toEqual([`ehr: 856 delivered to ehr-allscripts, ehr-athena in 2.6 s (queued 9)`]);
    expect(console.summaries).toBe(1);
    expect(console.pending).toBe(0);
  });

  it('summarises the EHR sandbox’s request lines as well, per service', () => {
    const { out, console } = setup();
    for (let i = 0; i < 10; i++)
      console.line(line({ service: 'ehr-sandbox', event: 'ehr.request', ehr: 'athena', status: 201 }));
    console.flush();
    expect(out).toEqual(['ehr-sandbox: 10 requests (athena 10)']);
  });

  it('summarises the outbox relay’s batches as the events they sent, which is not a delivery summary', () => {
    const { out, console } = setup();
    for (const count of [100, 100, 40]) {
      console.line(line({ service: 'patient', event: 'outbox.sent', count, firstId: 'e-1', status: 200 }));
      vi.advanceTimersByTime(100);
    }
    expect(console.pending).toBe(240);
    vi.advanceTimersByTime(1000);
    expect(out).toEqual(['patient: 240 change events sent in 0.2 s']);
    // The banner still waits for the deliveries.
    expect([console.pending, console.summaries]).toEqual([0, 0]);
  });

  it('always shows warnings and errors, delivery ones included, with their fields', () => {
    const { out, console } = setup();
    console.line(line({ level: 'warn', event: 'delivery.dead', transactionId: 't-1', reason: 'HTTP 422' }));
    console.line(line({ level: 'error', service: 'gateway', event: 'http.request', status: 500 }));
    expect(out).toEqual([
      'ehr warn  delivery.dead transactionId=t-1 reason=HTTP 422',
      'gateway error http.request status=500',
    ]);
  });

  it('hides http.request lines and shows start-up lines and text as it is', () => {
    const { out, console } = setup();
    console.line(line({ service: 'gateway', event: 'http.request', requestId: 'r', status: 200 }));
    console.line(line({ service: 'patient', event: 'service.ready', url: 'http://127.0.0.1:4001/graphql', pid: 7 }));
    console.line('not json');
    console.line('');
    expect(out).toEqual(['patient info  service.ready url=http://127.0.0.1:4001/graphql pid=7', 'not json']);
  });

  it('colours the level only when asked; no colour without a TTY or with NO_COLOR', () => {
    const entry = { level: 'error', service: 'ehr', event: 'x' };
    expect(formatLine(entry, true)).toBe('ehr \x1b[31merror\x1b[0m x');
    expect(formatLine(entry, false)).toBe('ehr error x');
    expect(useColor({ isTTY: true }, {})).toBe(true);
    expect(useColor({ isTTY: false }, {})).toBe(false);
    expect(useColor({}, {})).toBe(false);
    expect(useColor({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(useColor({ isTTY: false }, { FORCE_COLOR: '1' })).toBe(true);
    expect(useColor({ isTTY: false }, { FORCE_COLOR: '0' })).toBe(false);
    expect(useColor({ isTTY: false }, { FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(false);
  });
});

describe('deliveriesSettled', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('waits for the delivery summary, and no longer than it must', async () => {
    const { out, console } = setup();
    console.line(line({ event: 'delivery.delivered', ehrSystemId: 'ehr-athena' }));
    let done = false;
    void deliveriesSettled(console, { firstWithinMs: 5_000, maxMs: 30_000 }).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(900);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    expect(out).toEqual(['ehr: 1 delivered to ehr-athena in 0.0 s']);
    expect(done).toBe(true);
  });

  it('gives up waiting for deliveries that never come, and summarises what is pending at the bound', async () => {
    const quiet = setup();
    let done = false;
    void deliveriesSettled(quiet.console, { firstWithinMs: 5_000, maxMs: 30_000 }).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(5_100);
    expect(done).toBe(true);

    const busy = setup();
    done = false;
    void deliveriesSettled(busy.console, { firstWithinMs: 1_000, maxMs: 3_000 }).then(() => (done = true));
    for (let i = 0; i < 40 && !done; i++) {
      busy.console.line(line({ event: 'delivery.delivered' }));
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(done).toBe(true);
    expect(busy.out).toEqual([expect.stringMatching(/^ehr: 3\d delivered in 2\.\d s$/)]);
  });
});

describe('banner', () => {
  it('is a block between two rules as wide as its longest line', () => {
    expect(banner(['Carebridge is running.', 'Ctrl-C'])).toBe(
      `\n${'─'.repeat(22)}\nCarebridge is running.\nCtrl-C\n${'─'.repeat(22)}\n`,
    );
  });
});
