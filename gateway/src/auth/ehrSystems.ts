import { silentLogger, type Logger } from '@carebridge/common';

/** What the public list tells about an EHR system: its id and name, nothing else. */
export interface EhrSystemSummary {
  id: string;
  name: string;
}

/** A system as the graph answers it: only a shared one (the operator's) is listed. */
export interface EhrSystemListing extends EhrSystemSummary {
  shared: boolean;
}

/** Reads the EHR systems from the graph (graph.ts `graphEhrSystems`); rejects when it cannot. */
export type EhrSystemSource = () => Promise<EhrSystemListing[]>;

export interface EhrSystemDirectoryOptions {
  /** How long a list read from the graph is served from memory: 60 s. */
  ttlMs?: number;
  /** After a failed read, how long the graph is left alone (the stale list or 503 meanwhile): 5 s. */
  failureBackoffMs?: number;
  now?: () => number;
  logger?: Logger;
}

export const EHR_SYSTEMS_TTL_MS = 60_000;
export const EHR_SYSTEMS_FAILURE_BACKOFF_MS = 5_000;

/**
 * The EHR systems a new clinic can choose at sign-up, for `GET /auth/ehr-systems`, which anyone
 * may call: the shared ones, those the platform's operator configured. A system an organization
 * created is private to it; the ehr subgraph does not answer it to the gateway's reader, and it is
 * left out here too should it ever be answered. Whatever the request rate, the graph is asked at most once per `ttlMs` (and once per
 * `failureBackoffMs` while it fails): callers within the TTL get the list in memory, and callers
 * while a read is under way share that read. A read that fails keeps serving the last list, if any.
 */
export class EhrSystemDirectory {
  private cached: { list: readonly EhrSystemSummary[]; until: number } | undefined;
  private failedUntil = 0;
  private reading: Promise<readonly EhrSystemSummary[] | undefined> | undefined;
  private readonly ttlMs: number;
  private readonly failureBackoffMs: number;
  private readonly now: () => number;
  private readonly logger: Logger;

  constructor(
    private readonly source: EhrSystemSource,
    options: EhrSystemDirectoryOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? EHR_SYSTEMS_TTL_MS;
    this.failureBackoffMs = options.failureBackoffMs ?? EHR_SYSTEMS_FAILURE_BACKOFF_MS;
    this.now = options.now ?? Date.now;
    this.logger = options.logger ?? silentLogger;
  }

  /** The list, ordered by name; undefined when the graph cannot answer and nothing was read before. */
  list(): Promise<readonly EhrSystemSummary[] | undefined> {
    const now = this.now();
    if (this.cached && now < this.cached.until) return Promise.resolve(this.cached.list);
    if (now < this.failedUntil) return Promise.resolve(this.cached?.list);
    this.reading ??= this.read().finally(() => {
      this.reading = undefined;
    });
    return this.reading;
  }

  /** Seconds until the graph is asked again after a failure: the `retry-after` of a 503. */
  retryAfterSeconds(): number {
    return Math.max(1, Math.ceil((this.failedUntil - this.now()) / 1000));
  }

  private async read(): Promise<readonly EhrSystemSummary[] | undefined> {
    try {
      const list = Object.freeze(
        (await this.source())
          .filter((system) => system.shared === true)
          .map(({ id, name }) => Object.freeze({ id, name }))
          // As the ehr subgraph orders them; sorted here too, so the order is this endpoint's promise.
          .sort((a, b) => a.name.localeCompare(b.name)),
      );
      this.cached = { list, until: this.now() + this.ttlMs };
      return list;
    } catch (error) {
      this.failedUntil = this.now() + this.failureBackoffMs;
      this.logger.warn('auth.ehrSystems.unavailable', {
        message: error instanceof Error ? error.message : String(error),
        stale: this.cached !== undefined,
      });
      return this.cached?.list;
    }
  }
}
