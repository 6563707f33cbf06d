/**
 * `pnpm bench:gateway`: our gateway beside Hive Gateway (its JavaScript query planner) and Hive
 * Gateway with the Rust query planner, over the same subgraphs, supergraph, data and token. A
 * benchmark: it prints figures (and a Markdown table for the README) and asserts only that the three
 * gateways answer the same data.
 *
 * - The subgraphs and our gateway run as `pnpm start` runs them (scripts/lib/stack), in production
 *   mode (NODE_ENV=production with the secrets production requires), in memory, seeded; the Hive
 *   gateways are `hive.ts`. Every gateway runs on CPU 0, the subgraphs and the load generator on
 *   CPU 1 (`taskset`, when there is one).
 * - First every gateway is driven with each query for twice `--warmup` (nothing measured), so
 *   that the gateways and the subgraphs they share are warm before the first round.
 * - Each round drives every gateway in turn (interleaved, the order rotating) with each query for
 *   `--duration` seconds at `--connections` connections, after a warm-up. Figures are the median of
 *   the rounds: requests per second, p50 and p99 latency, the gateway's CPU per request and the
 *   three subgraphs' (both from /proc), subgraph requests per query (the subgraphs' own request
 *   counters), and the gateway's peak RSS.
 *
 * Flags: --rounds N (3), --duration S (8), --warmup S (2), --connections N (50), --port-base P
 * (11600, below the kernel's ephemeral ports, which outgoing connections take), --cpu-prof
 * (profiles our gateway and the subgraphs, and prints their top self-time functions), --source (runs our services from their TypeScript sources through tsx instead of
 * their compiled bundles, which `pnpm build:services` makes first).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_AUDIENCE, DEFAULT_ISSUER } from '@carebridge/common';
import { launchServices, serviceSpecs } from '../../scripts/lib/stack';
import { generateSigningJwk, keyRingFromJwks } from '../src/auth/keys';
import { createTokenIssuer } from '../src/auth/tokens';
import { spawnGateway, type BenchGateway } from './lib/gateways';
import { drive } from './lib/load';
import { cpuMs, peakRssMiB, pin } from './lib/proc';
import { topSelfTime } from './lib/profile';
import { BENCH_QUERIES } from './lib/queries';
import { formatReport, median, type Measurement } from './lib/report';

const { values: flags } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    duration: { type: 'string', default: '8' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '50' },
    'port-base': { type: 'string', default: '11600' },
    'cpu-prof': { type: 'boolean', default: false },
    source: { type: 'boolean', default: false },
  },
});
const rounds = Number(flags.rounds);
const durationMs = Number(flags.duration) * 1000;
const warmupMs = Number(flags.warmup) * 1000;
const connections = Number(flags.connections);
const portBase = Number(flags['port-base']);
const profileDir = flags['cpu-prof'] ? mkdtempSync(join(tmpdir(), 'carebridge-gateway-prof-')) : undefined;
const subgraphProfileDir = flags['cpu-prof'] ? mkdtempSync(join(tmpdir(), 'carebridge-subgraphs-prof-')) : undefined;

const ROOT = resolve(import.meta.dirname, '../..');
const GATEWAY_CPU = 0;
const SUBGRAPH_CPU = 1;
// This process (the load generator) and everything it spawns from here on run on the subgraphs' CPU.
const pinned = pin(process.pid, SUBGRAPH_CPU);

const jwk = await generateSigningJwk();
const tokens = createTokenIssuer({
  keys: await keyRingFromJwks([jwk]),
  issuer: DEFAULT_ISSUER,
  audience: DEFAULT_AUDIENCE,
});
const token = await tokens.accessToken(
  { id: 'bench-clinician', organizationId: 'org-riverside', role: 'CLINICIAN' },
  3600,
);
const metricsToken = 'bench-metrics-token-0123456789abcdef';

const { sandbox, subgraphs, gateway: gatewaySpec } = serviceSpecs();
const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: 'production',
  AUTH_SIGNING_KEYS: JSON.stringify([jwk]),
  AUDIT_HMAC_KEY: 'bench-audit-key-0123456789abcdef0123456789',
  CURSOR_KEY: 'bench-cursor-key-0123456789abcdef0123456789',
  METRICS_TOKEN: metricsToken,
  // No seed deliveries in the background while the figures are taken.
  ANNOUNCE_SEED: 'false',
  [sandbox.portVariable]: String(portBase + 10),
  [gatewaySpec.portVariable]: String(portBase),
  ...Object.fromEntries(subgraphs.map((spec, i) => [spec.portVariable, String(portBase + 1 + i)])),
};
delete env['LOG_FILE'];

if (!flags.source) {
  // As production runs them: the compiled bundles, with node.
  const built = spawnSync('pnpm', ['-s', 'build:services'], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('pnpm build:services failed');
}
const profiled = (dir: string | undefined): string[] => (dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : []);
const launchedAt = Date.now();
let loadStartedAt = launchedAt;
console.log(
  `Starting the subgraphs and the gateways (production mode${pinned ? ', pinned' : ', not pinned: no taskset'})…`,
);
const stack = await launchServices({
  env,
  onLine: (line) => {
    if (line.includes('"level":"error"')) console.error(line);
  },
  compiled: !flags.source,
  nodeArgs: {
    gateway: profiled(profileDir),
    ...Object.fromEntries(subgraphs.map((spec) => [spec.name, profiled(subgraphProfileDir)])),
  },
});
const gateways: BenchGateway[] = [];
try {
  const ours = stack.services['gateway']!;
  pin(ours.pid, GATEWAY_CPU);
  gateways.push({ name: 'our gateway', url: ours.url, pid: ours.pid });
  const subgraphUrls = Object.fromEntries(subgraphs.map((spec) => [spec.urlVariable, stack.services[spec.name]!.url]));
  for (const [i, planner] of (['js', 'rust'] as const).entries()) {
    const hive = await spawnGateway({ root: ROOT, planner, port: portBase + 20 + i, env: { ...env, ...subgraphUrls } });
    pin(hive.pid, GATEWAY_CPU);
    gateways.push(hive);
  }
  const subgraphPids = subgraphs.map((spec) => stack.services[spec.name]!.pid);
  const subgraphMetrics = subgraphs.map((spec) => stack.services[spec.name]!.url.replace('/graphql', '/metrics'));

  /** GraphQL requests the subgraphs have answered so far, from their own counters. */
  const subgraphRequests = async (): Promise<number> => {
    let total = 0;
    for (const url of subgraphMetrics) {
      const text = await (await fetch(url, { headers: { authorization: `Bearer ${metricsToken}` } })).text();
      for (const match of text.matchAll(/^carebridge_http_requests_total\{[^}]*route="graphql"[^}]*\} (\d+)/gm))
        total += Number(match[1]);
    }
    return total;
  };

  // The same data from every gateway, or the figures would compare different work.
  for (const { name, query } of BENCH_QUERIES) {
    const answers = await Promise.all(
      gateways.map(async (gateway) => {
        const response = await fetch(gateway.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query }),
        });
        // A page's cursor is sealed with a fresh IV on every answer: compared as a placeholder.
        return JSON.stringify(await response.json()).replace(/"endCursor":"[^"]*"/g, '"endCursor":"…"');
      }),
    );
    if (answers.some((answer) => answer !== answers[0]) || !answers[0]!.startsWith('{"data"')) {
      for (const [i, answer] of answers.entries()) console.error(`${gateways[i]!.name}: ${answer.slice(0, 300)}…`);
      throw new Error(`the gateways answer the ${name} differently`);
    }
  }
  console.log('All three gateways answer the same data.');

  // Every gateway and every subgraph warmed up before anything is measured: otherwise the first
  // gateway of the first round also pays for the subgraphs' JIT warm-up, in its CPU and its latency.
  loadStartedAt = Date.now();
  for (const { query } of BENCH_QUERIES) {
    for (const gateway of gateways) {
      await drive({ url: gateway.url, body: JSON.stringify({ query }), token, connections, durationMs: warmupMs * 2 });
    }
  }
  const measurements: Measurement[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const [q, { name: queryName, query }] of BENCH_QUERIES.entries()) {
      const body = JSON.stringify({ query });
      const order = gateways.map((_, i) => gateways[(i + round + q) % gateways.length]!);
      for (const gateway of order) {
        const load = { url: gateway.url, body, token, connections };
        await drive({ ...load, durationMs: warmupMs });
        const gatewayCpu = cpuMs(gateway.pid);
        const subgraphCpu = subgraphPids.reduce((sum, pid) => sum + cpuMs(pid), 0);
        const fetches = await subgraphRequests();
        const result = await drive({ ...load, durationMs });
        const fetched = (await subgraphRequests()) - fetches;
        measurements.push({
          gateway: gateway.name,
          query: queryName,
          round,
          ...result,
          gatewayCpuMs: (cpuMs(gateway.pid) - gatewayCpu) / result.requests,
          subgraphCpuMs: (subgraphPids.reduce((sum, pid) => sum + cpuMs(pid), 0) - subgraphCpu) / result.requests,
          subgraphRequests: fetched / result.requests,
          peakRssMiB: peakRssMiB(gateway.pid),
        });
        const m = measurements.at(-1)!;
        console.log(
          `round ${round + 1} ${queryName.padEnd(12)} ${gateway.name.padEnd(22)} ${m.rps.toFixed(0).padStart(6)} rps  p50 ${m.p50Ms.toFixed(1)} ms  p99 ${m.p99Ms.toFixed(1)} ms  gateway ${m.gatewayCpuMs.toFixed(2)} ms  subgraphs ${m.subgraphCpuMs.toFixed(2)} ms  ${m.subgraphRequests.toFixed(2)} fetches${m.failures ? `  ${m.failures} FAILED` : ''}`,
        );
      }
    }
  }
  console.log('');
  console.log(
    formatReport(measurements, {
      names: gateways.map((gateway) => gateway.name),
      queries: BENCH_QUERIES.map((query) => query.name),
      median,
      setting: `${connections} connections, ${rounds} rounds of ${durationMs / 1000} s, median; ${pinned ? 'gateway on CPU 0, subgraphs and load on CPU 1' : 'not pinned'}`,
    }),
  );
} finally {
  for (const gateway of gateways.slice(1)) await gateway.stop?.();
  await stack.stop();
}
for (const [dir, what] of [
  [profileDir, "our gateway's"],
  [subgraphProfileDir, "the three subgraphs'"],
] as const) {
  if (!dir) continue;
  console.log(`\nThe top self-time functions of ${what} processes under load (${dir}):`);
  for (const entry of topSelfTime(dir, loadStartedAt - launchedAt)) {
    console.log(`${entry.percent.toFixed(1).padStart(5)} %  ${entry.name}  ${entry.where}`);
  }
}
