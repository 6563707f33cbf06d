/**
 * Bounds the password hashing one gateway process does at once. A scrypt at OWASP's cost takes
 * 128 MiB and most of a core for a few hundred milliseconds, on libuv's thread pool, which also
 * runs the token signature checks of every GraphQL request: 200 log-ins at once used to queue
 * 200 derivations there and keep unrelated requests waiting for 45 s. With the limiter at most
 * `concurrency` derivations run, at most `queue` wait, and anything beyond is refused at once
 * (`TooBusyError`) without reaching scrypt.
 */

export interface HashLimits {
  /** Derivations running at once (2: one per core of the 2-core machine, 256 MiB). */
  concurrency: number;
  /** Derivations waiting for a free slot; one more is refused (32). */
  queue: number;
}

export const DEFAULT_HASH_LIMITS: HashLimits = { concurrency: 2, queue: 32 };

/** The limiter's queue is full: answer 503 with Retry-After, and hash nothing. */
export class TooBusyError extends Error {
  override name = 'TooBusyError';
  constructor() {
    super('Too many password checks are waiting');
  }
}

export class ConcurrencyLimiter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limits: HashLimits = DEFAULT_HASH_LIMITS) {
    if (!(limits.concurrency >= 1) || !(limits.queue >= 0)) throw new RangeError('concurrency >= 1 and queue >= 0');
  }

  /**
   * Runs `task` once a slot is free, in arrival order. Rejects with `TooBusyError`, without calling
   * `task`, when `concurrency` tasks run and `queue` wait already.
   */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running < this.limits.concurrency) {
      this.running++;
    } else {
      if (this.waiting.length >= this.limits.queue) throw new TooBusyError();
      // The slot is handed over by the task that ends (below), so `running` stays as it is.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  /** How many run and wait now. */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }
}
