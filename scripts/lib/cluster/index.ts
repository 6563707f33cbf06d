/**
 * The cluster: every service replicated behind HAProxy on one machine, against one PostgreSQL and
 * one Redis (`pnpm start:cluster`, and the replica tests). The services are started by the one
 * launcher, `launchServices`, given a port per replica and the balancer's frontends as the URLs the
 * services reach each other through; this module adds the ports, the shared configuration and
 * HAProxy around it.
 *
 *   client ─▶ HAProxy :4000 ─▶ gateway-1, gateway-2
 *   gateways ─▶ HAProxy :4001/:4002/:4003 ─▶ patient-1/-2, clinical-1/-2, ehr-1/-2
 *   subgraphs ─▶ HAProxy :4000 (JWKS, the graph) and :4003 (change events) ─▶ …
 *   ehr-1/-2 ─▶ the EHR sandbox :4010 (one)
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@carebridge/common';
import { launchServices, serviceSpecs, settlePort, type LaunchedServices, type ServiceInfo } from '../stack';
import { startHaproxy, type Backend, type RunningHaproxy } from './haproxy';

/** What `pnpm start:cluster` uses when DATABASE_URL / REDIS_URL are unset: the local servers. */
export const LOCAL_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';
export const LOCAL_REDIS_URL = 'redis://127.0.0.1:6379';

export interface ClusterOptions {
  /** Where ports, DATABASE_URL, REDIS_URL and the rest are read from (`process.env` by default). */
  env?: NodeJS.ProcessEnv;
  /** Processes per subgraph and gateways (`CLUSTER_REPLICAS`, 2). */
  replicas?: number;
  /** Each line a service prints; printed by default. */
  onLine?: (line: string) => void;
  /** Something said about the set-up (the defaults it took); printed on stderr by default. */
  onNotice?: (message: string) => void;
  /** A service instance or HAProxy (`haproxy`) exited. */
  onExit?: (name: string, code: number | null, signal: NodeJS.Signals | null) => void;
  /** How long HAProxy's gateway frontend may take to answer ready. */
  readyTimeoutMs?: number;
}

export interface RunningCluster {
  /** The gateway through HAProxy: what clients use. */
  gatewayUrl: string;
  sandboxUrl: string;
  /** HAProxy's statistics page. */
  statsUrl: string;
  /** Each instance (`gateway-1`, `patient-2`, …, `ehr-sandbox`) on its own port. */
  services: Record<string, ServiceInfo>;
  /** The frontend port of each backend (`gateway` and each subgraph). */
  frontends: Record<string, number>;
  /** The environment the services were started with (secrets included): for a restart on the same data. */
  env: Record<string, string>;
  launched: LaunchedServices;
  haproxy: RunningHaproxy;
  kill(name: string, signal?: NodeJS.Signals): Promise<void>;
  restart(name: string): Promise<ServiceInfo>;
  /** SIGTERM to every service (they drain, the balancer still up for their last change events), then HAProxy. */
  stop(): Promise<void>;
}

function answers(url: string, fallbackPort: number): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname.replace(/^\[|\]$/g, ''), port: Number(port || fallbackPort) });
    socket.setTimeout(2_000, () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts HAProxy, then the EHR sandbox, `replicas` processes of each subgraph and of the gateway,
 * and resolves once the gateway answers ready through HAProxy.
 *
 * Ports (0 picks free ones, for that frontend and its replicas): HAProxy listens on GATEWAY_PORT
 * (4000) and on each subgraph's `<NAME>_PORT` (4001…); replica `i` of a service listens on its
 * frontend port + `i × CLUSTER_PORT_STEP` (100: gateway-1 on 4100, gateway-2 on 4200, patient-1 on
 * 4101…); the sandbox on SANDBOX_PORT (4010), HAProxy's statistics on HAPROXY_STATS_PORT (4090).
 */
export async function startCluster(options: ClusterOptions = {}): Promise<RunningCluster> {
  const source = options.env ?? process.env;
  const notice = options.onNotice ?? ((message: string) => process.stderr.write(`${message}\n`));
  const replicas = options.replicas ?? Number(source['CLUSTER_REPLICAS'] ?? 2);
  if (!Number.isInteger(replicas) || replicas < 1 || replicas > 9) throw new Error('CLUSTER_REPLICAS must be 1 to 9');
  const step = Number(source['CLUSTER_PORT_STEP'] ?? 100);

  const env: Record<string, string> = Object.fromEntries(
    Object.entries(source).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  if (!env['DATABASE_URL']) {
    env['DATABASE_URL'] = LOCAL_DATABASE_URL;
    notice(`DATABASE_URL is not set: using the local server, ${LOCAL_DATABASE_URL}`);
  }
  if (!env['REDIS_URL']) {
    env['REDIS_URL'] = LOCAL_REDIS_URL;
    notice(`REDIS_URL is not set: using the local server, ${LOCAL_REDIS_URL}`);
  }
  for (const [name, port] of [
    ['DATABASE_URL', 5432],
    ['REDIS_URL', 6379],
  ] as const) {
    if (!(await answers(env[name]!, port))) throw new Error(`${name} does not answer (${new URL(env[name]!).host})`);
  }
  // Every replica must sign and verify with the same keys, or a token from one gateway is refused
  // by the other and by subgraphs that fetched the other's JWKS. Without AUTH_SIGNING_KEYS the
  // gateways share the key they keep in PostgreSQL (the first to start creates it, under a lock),
  // which also survives a restart of the cluster.
  // The change events' signatures: one secret for every replica, kept for a restart.
  env['SERVICE_EVENTS_SECRET'] ??= randomBytes(32).toString('hex');

  const { subgraphs, gateway, sandbox } = serviceSpecs();
  const backends: Backend[] = [];
  for (const spec of [gateway, ...subgraphs]) {
    const frontendPort = await settlePort(env, spec);
    const fixed = Number(env[spec.portVariable] ?? spec.defaultPort) !== 0;
    const serverPorts = await Promise.all(
      Array.from({ length: replicas }, (_, i) => (fixed ? Promise.resolve(frontendPort + step * (i + 1)) : freePort())),
    );
    // The gateway's keys come from any live gateway: the subgraphs need them to become ready.
    const livePaths = spec === gateway ? ['/.well-known/jwks.json'] : [];
    backends.push({ name: spec.name, frontendPort, serverPorts, livePaths });
  }
  const statsWanted = Number(env['HAPROXY_STATS_PORT'] ?? 4090);
  const statsPort = statsWanted === 0 ? await freePort() : statsWanted;
  env['SANDBOX_PORT'] = String(await settlePort(env, sandbox));

  const frontends = Object.fromEntries(backends.map((b) => [b.name, b.frontendPort]));
  const base = (name: string): string => `http://127.0.0.1:${frontends[name]}`;
  const configPath = join(mkdtempSync(join(tmpdir(), 'carebridge-cluster-')), 'haproxy.cfg');
  const haproxy = await startHaproxy({ backends, statsPort }, configPath, {
    onExit: (code, signal) => options.onExit?.('haproxy', code, signal),
  });
  notice(`HAProxy configuration: ${configPath}`);

  let launched: LaunchedServices;
  try {
    launched = await launchServices({
      env,
      ...(options.onLine ? { onLine: options.onLine } : {}),
      ...(options.onExit ? { onExit: options.onExit } : {}),
      replicaPorts: Object.fromEntries(backends.map((b) => [b.name, b.serverPorts])),
      routes: {
        gateway: base(gateway.name),
        subgraphs: Object.fromEntries(subgraphs.map((spec) => [spec.name, `${base(spec.name)}/graphql`])),
      },
    });
  } catch (error) {
    await haproxy.stop();
    throw error;
  }
  const stop = async (): Promise<void> => {
    await launched.stop();
    await haproxy.stop();
  };
  try {
    const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
    for (;;) {
      const ready = await fetch(`${base(gateway.name)}/health/ready`).then(
        (response) => response.status === 200,
        () => false,
      );
      if (ready) break;
      if (Date.now() > deadline) throw new Error('the gateway did not answer ready through HAProxy');
      await sleep(200);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    gatewayUrl: launched.gatewayUrl,
    sandboxUrl: launched.sandboxUrl,
    statsUrl: `http://127.0.0.1:${statsPort}/`,
    services: launched.services,
    frontends,
    env,
    launched,
    haproxy,
    kill: (name, signal) => launched.kill(name, signal),
    restart: (name) => launched.restart(name),
    stop,
  };
}
