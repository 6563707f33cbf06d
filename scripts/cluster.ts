/**
 * `pnpm start:cluster`: two gateways and two replicas of each subgraph behind HAProxy, against one
 * PostgreSQL (DATABASE_URL) and one Redis (REDIS_URL), both defaulting to the local servers; the
 * EHR sandbox once. How it is laid out is `startCluster` in `scripts/lib/cluster/`; this file is
 * what happens around it: the URLs printed, a replica that dies started again (as an orchestrator
 * would; HAProxy has taken it out of rotation meanwhile), and Ctrl-C (or SIGTERM) stopping all.
 *
 * CLUSTER_REPLICAS (2), CLUSTER_PORT_STEP (100), the port variables of `pnpm start` for the
 * frontends, HAPROXY_STATS_PORT (4090), HAPROXY_BIN (`haproxy`).
 */
import { startCluster, type RunningCluster } from './lib/cluster';

const RESTART_DELAY_MS = 1_000;

let stopping = false;
let cluster: RunningCluster | undefined;

async function stopAll(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await cluster?.stop();
  process.exit(exitCode);
}

process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

try {
  cluster = await startCluster({
    onExit: (name, code, signal) => {
      if (stopping || !cluster) return;
      if (name === 'haproxy') {
        console.error(`HAProxy exited (code ${code}, signal ${signal}); stopping everything.`);
        void stopAll(1);
        return;
      }
      console.error(`${name} exited (code ${code}, signal ${signal}); starting it again in ${RESTART_DELAY_MS} ms.`);
      setTimeout(() => {
        if (stopping) return;
        cluster!.restart(name).then(
          () => console.error(`${name} is back.`),
          (error: unknown) => console.error(`${name} did not start again: ${String(error)}`),
        );
      }, RESTART_DELAY_MS);
    },
  });
  const local = (url: string): string => url.replace('127.0.0.1', 'localhost');
  const instances = Object.entries(cluster.services)
    .map(([name, { url }]) => `  ${name.padEnd(12)} ${local(url)}`)
    .join('\n');
  console.log(
    `\nCarebridge cluster is running. GraphQL (through HAProxy): ${local(cluster.gatewayUrl)}\n` +
      `HAProxy statistics: ${local(cluster.statsUrl)}\n` +
      `EHR sandbox: ${local(cluster.sandboxUrl)}/_sandbox/stats\n` +
      `Instances:\n${instances}\n` +
      'Press Ctrl-C to stop.\n',
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await stopAll(1);
}
