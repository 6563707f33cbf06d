import { Kind, parse, type ConstDirectiveNode } from 'graphql';
import type { ReadinessCheck, ReadinessReport } from '@carebridge/common';

/**
 * The gateway's readiness: it can answer only when its subgraphs can, so `/health/ready` asks each
 * subgraph's own `/health/ready`. The answers are cached for a short while, because a load
 * balancer probing the gateway every second must not turn into a probe storm on every subgraph.
 */

/** Routing URLs by subgraph name: the supergraph's `join__Graph` urls, replaced by the overrides. */
export function subgraphRoutingUrls(
  supergraphSdl: string,
  overrides: Record<string, string> = {},
): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const definition of parse(supergraphSdl).definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const graph = value.directives?.find((directive) => directive.name.value === 'join__graph');
      const name = graph && stringArgument(graph, 'name');
      const url = graph && stringArgument(graph, 'url');
      if (name && url) urls[name] = url;
    }
  }
  return { ...urls, ...overrides };
}

function stringArgument(directive: ConstDirectiveNode, name: string): string | undefined {
  const argument = directive.arguments?.find((arg) => arg.name.value === name);
  return argument?.value.kind === Kind.STRING ? argument.value.value : undefined;
}

/** A subgraph's readiness URL from its routing URL (`http://host:port/graphql` → `…/health/ready`). */
export function readinessUrl(routingUrl: string): string {
  return new URL('/health/ready', routingUrl).toString();
}

export interface SubgraphReadinessOptions {
  /** Routing URLs by subgraph name (see `subgraphRoutingUrls`). */
  subgraphUrls: Record<string, string>;
  /** Per subgraph probe; a slower answer counts as not ready. */
  timeoutMs?: number;
  /** How long an answer is reused. */
  cacheMs?: number;
  /** Replaceable in tests. */
  fetch?: typeof fetch;
  now?: () => number;
}

/**
 * A readiness check for `serveHttp`: ready when every subgraph's `/health/ready` answers 200 within
 * the timeout. `checks` holds `ready`, `not ready (503)`, `timeout` or `unreachable` per subgraph:
 * statuses and error codes only, never a response body.
 */
export function subgraphReadiness(options: SubgraphReadinessOptions): ReadinessCheck {
  const timeoutMs = options.timeoutMs ?? 1_000;
  const cacheMs = options.cacheMs ?? 2_000;
  const fetchFn = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  const targets = Object.entries(options.subgraphUrls).map(([name, url]) => [name, readinessUrl(url)] as const);
  // Concurrent probes share one round of requests; a finished round is reused until it expires.
  let cached: { at: number; report: Promise<ReadinessReport> } | undefined;

  const probe = async (url: string): Promise<string> => {
    try {
      const response = await fetchFn(url, { signal: AbortSignal.timeout(timeoutMs) });
      // Read the body to the end so the keep-alive connection can be reused.
      await response.arrayBuffer();
      return response.ok ? 'ready' : `not ready (${response.status})`;
    } catch (error) {
      return error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : 'unreachable';
    }
  };

  const round = async (): Promise<ReadinessReport> => {
    const results = await Promise.all(targets.map(async ([name, url]) => [name, await probe(url)] as const));
    return { ready: results.every(([, status]) => status === 'ready'), checks: Object.fromEntries(results) };
  };

  return () => {
    const at = now();
    if (!cached || at - cached.at >= cacheMs) cached = { at, report: round() };
    return cached.report;
  };
}
