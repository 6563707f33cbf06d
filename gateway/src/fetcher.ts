import type { Fetcher } from '@apollo/utils.fetcher';

/**
 * How the gateway calls a subgraph over HTTP: Node's own `fetch`, one attempt, with a deadline.
 *
 * - The deadline (`AbortSignal.timeout`) covers connecting, waiting and reading the body, so a
 *   subgraph that hangs costs a request at most `timeoutMs`, after which the gateway answers with
 *   what the other subgraphs sent.
 * - No retries: a mutation that reached the subgraph before the connection failed may have been
 *   applied, and sending it again could apply it twice (@apollo/gateway's default fetcher,
 *   make-fetch-happen, retries on some failures unless told not to). A client retries knowingly.
 * - No redirects: a subgraph never redirects, and following one would send the caller's token to
 *   wherever it pointed.
 * - No state between calls (no circuit breaker), so the first request after a subgraph comes back
 *   reaches it.
 */
export function subgraphFetcher(timeoutMs: number): Fetcher {
  return (url, init = {}) =>
    fetch(url, {
      ...(init.method === undefined ? {} : { method: init.method }),
      ...(init.headers === undefined ? {} : { headers: init.headers }),
      ...(init.body === undefined ? {} : { body: init.body }),
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
}
