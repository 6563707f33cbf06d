import { Pool } from 'undici';

export interface LoadOptions {
  /** The GraphQL URL. */
  url: string;
  /** The JSON body every request sends. */
  body: string;
  token: string;
  connections: number;
  durationMs: number;
}

export interface LoadResult {
  requests: number;
  /** Requests that did not answer 200 with data and no errors. */
  failures: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
}

/**
 * Keeps `connections` requests in flight (one per connection, no pipelining) for `durationMs` and
 * records each one's latency: a closed-loop load generator, as autocannon is, on undici's pool.
 */
export async function drive(options: LoadOptions): Promise<LoadResult> {
  const target = new URL(options.url);
  const pool = new Pool(target.origin, { connections: options.connections, pipelining: 1 });
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${options.token}` };
  const latencies: number[] = [];
  let failures = 0;
  const started = performance.now();
  const deadline = started + options.durationMs;
  const loop = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const at = performance.now();
      const response = await pool.request({ path: target.pathname, method: 'POST', headers, body: options.body });
      const text = await response.body.text();
      latencies.push(performance.now() - at);
      if (response.statusCode !== 200 || text.includes('"errors"')) failures += 1;
    }
  };
  try {
    await Promise.all(Array.from({ length: options.connections }, loop));
  } finally {
    await pool.close();
  }
  const elapsed = performance.now() - started;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    requests: latencies.length,
    failures,
    rps: (latencies.length * 1000) / elapsed,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
  };
}
