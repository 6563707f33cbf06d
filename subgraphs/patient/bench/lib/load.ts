import { performance } from 'node:perf_hooks';

/** One GraphQL request of a load run: its operation and variables, JSON-encoded once. */
export interface BenchRequest {
  body: string;
}

export interface LoadOptions {
  /** The gateway's GraphQL URL. */
  url: string;
  token: string;
  /** The requests to send, taken in turn (the n-th request sends `requests[n % length]`). */
  requests: readonly BenchRequest[];
  /** Requests in flight at once: each loop sends its next request when its last one answered. */
  concurrency: number;
  durationMs: number;
}

export interface LoadResult {
  /** Each answered request's latency, in milliseconds, in the order they answered. */
  latencies: number[];
  /** Requests that did not answer 200 with data and no errors. */
  failures: number;
  /** The first failed answer, shortened, to tell what went wrong. */
  firstFailure?: string;
}

/** A GraphQL POST body. */
export const requestOf = (query: string, variables: Record<string, unknown>): BenchRequest => ({
  body: JSON.stringify({ query, variables }),
});

/**
 * A closed-loop load generator: `concurrency` loops, each sending one request and waiting for its
 * answer before the next, for `durationMs`, recording every latency.
 */
export async function drive(options: LoadOptions): Promise<LoadResult> {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${options.token}` };
  const latencies: number[] = [];
  let failures = 0;
  let firstFailure: string | undefined;
  let sent = 0;
  const deadline = performance.now() + options.durationMs;
  const loop = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const request = options.requests[sent++ % options.requests.length]!;
      const at = performance.now();
      const response = await fetch(options.url, { method: 'POST', headers, body: request.body });
      const text = await response.text();
      latencies.push(performance.now() - at);
      if (response.status !== 200 || text.includes('"errors"')) {
        failures += 1;
        firstFailure ??= `${response.status} ${text.slice(0, 300)}`;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, loop));
  return { latencies, failures, ...(firstFailure === undefined ? {} : { firstFailure }) };
}

/** The `q` quantile (0.95 for p95) of some latencies, nearest rank; 0 for none. */
export function quantile(latencies: readonly number[], q: number): number {
  if (latencies.length === 0) return 0;
  const sorted = [...latencies].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
