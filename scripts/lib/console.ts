/**
 * The short console of `pnpm start` and `pnpm dev`: the services' JSON log lines in, one short
 * human line per event that matters out (`service level event key=value…`), the full lines going
 * to the log file elsewhere. Pure formatting and summarising, no process wiring (that is
 * `scripts/start.ts`), so it is tested on its own (`scripts/test/console.test.ts`).
 *
 * - warnings and errors always pass, with their fields (ids, codes, counts: never PHI by the
 *   logging rules);
 * - `http.request` lines (one per request) are not shown;
 * - successful delivery lines (`delivery.*` and `ehr.transaction.*` at info) are summarised: counted
 *   while they come, and one line, "ehr: 856 delivered to ehr-athena, ehr-allscripts in 3.1 s",
 *   once none has come for `quietMs` (1 s); so are the outbox relay's `outbox.sent` batches
 *   ("patient: 240 change events sent in 0.4 s");
 * - every other info line (start-up, ready, stopping…) is shown; a line that is not JSON as it is.
 */

export type ConsoleLevel = 'info' | 'warn' | 'error';

export interface ConsoleOptions {
  /** Writes one console line (without its newline). */
  write: (line: string) => void;
  /** ANSI colour per level; see `useColor`. */
  color: boolean;
  /** How long after the last delivery line its summary is written (1000 ms). */
  quietMs?: number;
  now?: () => number;
}

export interface LogConsole {
  /** One line a service printed. */
  line(raw: string): void;
  /** Writes the pending delivery summary now, if any. */
  flush(): void;
  /** Delivery lines counted and not summarised yet. */
  readonly pending: number;
  /** Delivery summaries written so far (an outbox's "events sent" line is not one). */
  readonly summaries: number;
}

/**
 * Colour only on a terminal, and never with NO_COLOR set (https://no-color.org); FORCE_COLOR (not
 * `0`) asks for it on a pipe (`pnpm dev`, which shows start.ts's output on its own terminal).
 */
export function useColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env['NO_COLOR']) return false;
  return stream.isTTY === true || (env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0');
}

const COLORS: Record<ConsoleLevel, string> = { info: '\x1b[36m', warn: '\x1b[33m', error: '\x1b[31m' };
const RESET = '\x1b[0m';
const OWN = new Set(['time', 'level', 'service', 'event']);
const HIDDEN = new Set(['http.request']);

function paint(color: boolean, level: ConsoleLevel, text: string): string {
  return color ? `${COLORS[level]}${text}${RESET}` : text;
}

/** A field as text: a string as it is, anything else as JSON, `fallback` when absent. */
function text(value: unknown, fallback: string): string {
  if (value === undefined || value === null) return fallback;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function levelOf(value: unknown): ConsoleLevel {
  return value === 'warn' || value === 'error' ? value : 'info';
}

/** One line per transaction or per request to an imitation EHR: summarised, not shown. */
function isDelivery(event: string): boolean {
  return (
    event.startsWith('delivery.') ||
    event.startsWith('ehr.transaction.') ||
    event === 'ehr.request' ||
    event === OUTBOX_SENT
  );
}

/** One line per batch of change events the outbox relay sent (`count` events in it). */
const OUTBOX_SENT = 'outbox.sent';

/** `service level event key=value…`, the level coloured. */
export function formatLine(entry: Record<string, unknown>, color: boolean): string {
  const level = levelOf(entry['level']);
  const fields = Object.entries(entry)
    .filter(([key, value]) => !OWN.has(key) && value !== undefined)
    .map(([key, value]) => `${key}=${text(value, 'null')}`);
  return [text(entry['service'], '?'), paint(color, level, level.padEnd(5)), text(entry['event'], ''), ...fields]
    .join(' ')
    .trimEnd();
}

function parse(raw: string): Record<string, unknown> | undefined {
  if (!raw.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

interface Burst {
  service: string;
  delivered: number;
  /** Change events the outbox relay sent (the `count` of its `outbox.sent` lines). */
  events: number;
  /** The EHR sandbox's `ehr.request` lines, by EHR. */
  requests: Map<string, number>;
  other: Map<string, number>;
  systems: Set<string>;
  first: number;
  last: number;
}

export function createConsole(options: ConsoleOptions): LogConsole {
  const quietMs = options.quietMs ?? 1000;
  const now = options.now ?? Date.now;
  const bursts = new Map<string, Burst>();
  let timer: NodeJS.Timeout | undefined;
  let summaries = 0;

  const flush = (): void => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    for (const burst of bursts.values()) {
      options.write(summarise(burst));
      if (burst.delivered > 0 || burst.requests.size > 0 || burst.other.size > 0) summaries++;
    }
    bursts.clear();
  };

  const count = (entry: Record<string, unknown>, event: string): void => {
    const service = text(entry['service'], '?');
    const at = now();
    let burst = bursts.get(service);
    if (!burst) {
      burst = {
        service,
        delivered: 0,
        events: 0,
        requests: new Map(),
        other: new Map(),
        systems: new Set(),
        first: at,
        last: at,
      };
      bursts.set(service, burst);
    }
    burst.last = at;
    if (event === 'delivery.delivered' || event === 'ehr.transaction.delivered') {
      burst.delivered++;
      if (typeof entry['ehrSystemId'] === 'string') burst.systems.add(entry['ehrSystemId']);
    } else if (event === OUTBOX_SENT) {
      burst.events += typeof entry['count'] === 'number' ? entry['count'] : 1;
    } else if (event === 'ehr.request') {
      const ehr = text(entry['ehr'], '?');
      burst.requests.set(ehr, (burst.requests.get(ehr) ?? 0) + 1);
    } else {
      const name = event.slice(event.indexOf('.') + 1);
      burst.other.set(name, (burst.other.get(name) ?? 0) + 1);
    }
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, quietMs);
    timer.unref();
  };

  return {
    line(raw) {
      const entry = parse(raw);
      if (!entry) {
        if (raw.trim() !== '') options.write(raw);
        return;
      }
      const event = text(entry['event'], '');
      if (levelOf(entry['level']) !== 'info') {
        options.write(formatLine(entry, options.color));
        return;
      }
      if (HIDDEN.has(event)) return;
      if (isDelivery(event)) count(entry, event);
      else options.write(formatLine(entry, options.color));
    },
    flush,
    get pending() {
      let total = 0;
      for (const burst of bursts.values()) {
        total += burst.delivered + burst.events + sum(burst.requests) + sum(burst.other);
      }
      return total;
    },
    get summaries() {
      return summaries;
    },
  };
}

const sum = (counts: Map<string, number>): number => [...counts.values()].reduce((a, b) => a + b, 0);
const list = (counts: Map<string, number>): string => [...counts].map(([name, n]) => `${name} ${n}`).join(', ');

/**
 * "ehr: 856 delivered to ehr-athena, ehr-allscripts in 3.1 s (queued 240, ingested 5)", or for the
 * sandbox "ehr-sandbox: 856 requests (athena 400, allscripts 456)".
 */
function summarise(burst: Burst): string {
  if (burst.delivered === 0 && burst.requests.size > 0) {
    return `${burst.service}: ${sum(burst.requests)} requests (${list(burst.requests)})`;
  }
  const seconds = ((burst.last - burst.first) / 1000).toFixed(1);
  if (burst.delivered === 0 && burst.other.size === 0 && burst.events > 0) {
    return `${burst.service}: ${burst.events} change events sent in ${seconds} s`;
  }
  const systems = burst.systems.size > 0 ? ` to ${[...burst.systems].sort().join(', ')}` : '';
  const other = list(burst.other);
  return `${burst.service}: ${burst.delivered} delivered${systems} in ${seconds} s${other ? ` (${other})` : ''}`;
}

/**
 * Resolves once the delivery lines have been summarised (the seed's, at a start), or, when none
 * came within `firstWithinMs`, then; after `maxMs` whatever is pending is summarised and it resolves.
 */
export async function deliveriesSettled(
  log: LogConsole,
  {
    firstWithinMs = 5_000,
    maxMs = 30_000,
    pollMs = 100,
  }: { firstWithinMs?: number; maxMs?: number; pollMs?: number } = {},
): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < maxMs) {
    if (log.pending === 0 && (log.summaries > 0 || Date.now() - started >= firstWithinMs)) return;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  log.flush();
}

/** The block `pnpm start` ends with: a rule, the lines, a rule, so it stands out of the log lines above. */
export function banner(lines: readonly string[]): string {
  const rule = '─'.repeat(Math.min(100, Math.max(...lines.map((line) => line.length))));
  return ['', rule, ...lines, rule, ''].join('\n');
}
