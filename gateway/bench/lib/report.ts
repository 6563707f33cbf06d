import type { LoadResult } from './load';

export interface Measurement extends LoadResult {
  gateway: string;
  query: string;
  round: number;
  /** The gateway process's CPU time per request. */
  gatewayCpuMs: number;
  /** The three subgraph processes' CPU time per gateway request. */
  subgraphCpuMs: number;
  /** Subgraph GraphQL requests per gateway request. */
  subgraphRequests: number;
  peakRssMiB: number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

type Figure = 'rps' | 'p50Ms' | 'p99Ms' | 'gatewayCpuMs' | 'subgraphCpuMs' | 'subgraphRequests' | 'peakRssMiB';

const ROWS: { figure: Figure; label: string; digits: number }[] = [
  { figure: 'rps', label: 'requests/s', digits: 0 },
  { figure: 'p50Ms', label: 'p50 latency (ms)', digits: 1 },
  { figure: 'p99Ms', label: 'p99 latency (ms)', digits: 1 },
  { figure: 'gatewayCpuMs', label: 'gateway CPU per request (ms)', digits: 2 },
  { figure: 'subgraphCpuMs', label: 'subgraphs CPU per request (ms)', digits: 2 },
  { figure: 'subgraphRequests', label: 'subgraph requests per query', digits: 2 },
  { figure: 'peakRssMiB', label: 'gateway peak RSS (MiB)', digits: 0 },
];

/**
 * The medians as one Markdown table per query, a column per gateway, and our gateway's ratio to
 * each of the others (below 1 is better for CPU and latency, above 1 for requests/s).
 */
export function formatReport(
  measurements: readonly Measurement[],
  options: { names: string[]; queries: string[]; median: (values: readonly number[]) => number; setting: string },
): string {
  const [ours, ...others] = options.names;
  const lines = [`Measured ${new Date().toISOString().slice(0, 10)}: ${options.setting}.`, ''];
  for (const query of options.queries) {
    const figure = (gateway: string, key: Figure) =>
      options.median(measurements.filter((m) => m.gateway === gateway && m.query === query).map((m) => m[key]));
    const failures = measurements.filter((m) => m.query === query).reduce((sum, m) => sum + m.failures, 0);
    lines.push(`**${query}**${failures ? ` (${failures} failed requests)` : ''}`, '');
    lines.push(`| | ${options.names.join(' | ')} | ${others.map((other) => `ours / ${other}`).join(' | ')} |`);
    lines.push(`|---|${options.names.map(() => '---:').join('|')}|${others.map(() => '---:').join('|')}|`);
    for (const { figure: key, label, digits } of ROWS) {
      const values = options.names.map((gateway) => figure(gateway, key));
      const ratios = others.map((other) => (figure(ours!, key) / figure(other, key)).toFixed(2));
      lines.push(`| ${label} | ${values.map((value) => value.toFixed(digits)).join(' | ')} | ${ratios.join(' | ')} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
