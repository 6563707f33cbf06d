/**
 * The stack harness: the one place that knows how to start the whole platform, for the tests and
 * for the scripts. Three ways, from the most real to the lightest:
 *
 * - processes (this file): `launchServices` spawns every service, each subgraph listed in
 *   supergraph.yaml (what `scripts/start.ts` runs), and `startStack` spawns `scripts/start.ts`
 *   itself, on free ports by default (the operations, e2e and stress runs, and `scripts/dev.ts`).
 * - `startInProcessStack` (`./inProcess`): every service in this process over HTTP on free ports,
 *   with its routes and workers (outbox relays, delivery worker) and the EHR sandbox, the stores
 *   reachable and the ehr subgraph restartable over the same data; the delivery tests.
 * - `startLocalSupergraph` (`./inProcess`): the real gateway over the committed supergraph.graphql
 *   with the real subgraphs called in-process, no ports and no background work; the gateway's tests.
 *
 * The in-process ways take per-service options (`services.patient`, …), handed to that subgraph's
 * `createService` over the harness's own. They live in their own file because they import every
 * service's code: the launcher, which only spawns processes, should not load it, and the web app's
 * e2e tests, type-checked with the DOM's `fetch` types, import only this file.
 *
 * Why under scripts/: the scripts need the harness as much as the tests do, and it reaches into the
 * gateway and every subgraph, which no workspace package can depend on all at once without a cycle.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { EVENTS_PATH, freePort } from '@carebridge/common';
import { DEMO_PASSWORD } from '../../../gateway/src/auth/demo';
import { listSubgraphs, type SubgraphEntry } from '../../../gateway/src/subgraphs';

export { DEMO_PASSWORD };

const ROOT = resolve(import.meta.dirname, '../../..');

export interface GraphqlResult<TData> {
  status: number;
  data?: TData | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** One GraphQL POST to a gateway over HTTP. */
export async function graphql<TData = Record<string, unknown>>(
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
  init: { headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<GraphqlResult<TData>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...init.headers },
    body: JSON.stringify({ query, variables }),
    ...(init.signal ? { signal: init.signal } : {}),
  });
  const body = (await response.json()) as Omit<GraphqlResult<TData>, 'status'>;
  return { status: response.status, ...body };
}

/** Signs in through a gateway over HTTP and answers the access token. */
export async function login(gatewayUrl: string, email: string, password = DEMO_PASSWORD): Promise<string> {
  const response = await fetch(gatewayUrl.replace('/graphql', '/auth/login'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`login as ${email} answered ${response.status}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

interface ServiceSpec {
  name: string;
  entry: string;
  portVariable: string;
  defaultPort: number;
}

const GATEWAY: ServiceSpec = {
  name: 'gateway',
  entry: 'gateway/src/index.ts',
  portVariable: 'GATEWAY_PORT',
  defaultPort: 4000,
};
const SANDBOX: ServiceSpec = {
  name: 'ehr-sandbox',
  entry: 'tools/ehr-sandbox/src/index.ts',
  portVariable: 'SANDBOX_PORT',
  defaultPort: 4010,
};

/** Every service `pnpm start` runs: the EHR sandbox, each subgraph in supergraph.yaml, the gateway. */
function serviceSpecs(): { sandbox: ServiceSpec; subgraphs: (ServiceSpec & SubgraphEntry)[]; gateway: ServiceSpec } {
  return { sandbox: SANDBOX, subgraphs: listSubgraphs(), gateway: GATEWAY };
}

/** The `<NAME>_PORT` variables of every service, each set to 0: a stack on free ports. */
export function freePortEnv(): Record<string, string> {
  const { sandbox, subgraphs, gateway } = serviceSpecs();
  return Object.fromEntries([sandbox, ...subgraphs, gateway].map((spec) => [spec.portVariable, '0']));
}

export interface ServiceInfo {
  url: string;
  pid: number;
}

/** A service's `service.ready` line, which every service prints once it listens. */
function readyLine(line: string): (ServiceInfo & { service: string }) | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const entry = JSON.parse(line) as Record<string, unknown>;
    if (entry['event'] !== 'service.ready' || typeof entry['url'] !== 'string') return undefined;
    return { service: String(entry['service']), url: entry['url'], pid: Number(entry['pid'] ?? 0) };
  } catch {
    return undefined;
  }
}

export interface LaunchOptions {
  /** The environment every service starts from (`process.env` by default); ports are read from it. */
  env?: NodeJS.ProcessEnv;
  /** More environment for one service, by name (`patient`, `gateway`, `ehr-sandbox`, …). */
  serviceEnv?: Record<string, Record<string, string>>;
  /** Each line a service prints on stdout; printed by default. */
  onLine?: (line: string) => void;
  /** A service exited, whether before it was ready or long after. */
  onExit?: (name: string, code: number | null, signal: NodeJS.Signals | null) => void;
}

export interface LaunchedServices {
  /** By service name, from each one's `service.ready` line. */
  services: Record<string, ServiceInfo>;
  gatewayUrl: string;
  sandboxUrl: string;
  /** SIGTERM to every service still running; resolves when they have exited. */
  stop(): Promise<void>;
}

/**
 * Runs every service as its own process: the EHR sandbox, then the subgraphs, then the gateway once
 * they are ready. Every port is settled before anything starts, because each service needs the
 * others' URLs: the gateway routes to the subgraphs, and the subgraphs fetch the gateway's public
 * keys (and the clinical subgraph asks the graph about patients). A port variable of 0 picks a
 * free port. With LOG_FILE set, every service appends its lines to that file from its first one.
 */
export async function launchServices(options: LaunchOptions = {}): Promise<LaunchedServices> {
  const env = options.env ?? process.env;
  const onLine = options.onLine ?? ((line: string) => process.stdout.write(line + '\n'));
  const { sandbox, subgraphs, gateway } = serviceSpecs();
  const children: ChildProcess[] = [];
  const services: Record<string, ServiceInfo> = {};
  // Never leave a service running behind, whatever ends this process.
  process.on('exit', () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  });

  const portFor = (spec: ServiceSpec): Promise<number> => {
    const wanted = Number(env[spec.portVariable] ?? spec.defaultPort);
    return wanted === 0 ? freePort() : Promise.resolve(wanted);
  };

  /** Starts one service and resolves with the URL it announces when ready. */
  const start = (spec: ServiceSpec, port: number, extraEnv: Record<string, string> = {}): Promise<string> => {
    const preload = env['LOG_FILE'] ? ['--import', './scripts/log-file-tee.ts'] : [];
    const child = spawn(process.execPath, ['--import', 'tsx', ...preload, spec.entry], {
      cwd: ROOT,
      env: { ...env, PORT: String(port), ...extraEnv, ...options.serviceEnv?.[spec.name] },
      stdio: ['ignore', 'pipe', 'inherit'],
      // Its own process group: Ctrl-C reaches only the launcher, which then stops the services in order.
      detached: true,
    });
    children.push(child);
    return new Promise((resolveUrl, reject) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        onLine(line);
        const ready = readyLine(line);
        if (ready) {
          services[spec.name] = { url: ready.url, pid: ready.pid };
          resolveUrl(ready.url);
        }
      });
      child.on('exit', (code, signal) => {
        reject(new Error(`${spec.name} exited before it was ready (code ${code}, signal ${signal})`));
        options.onExit?.(spec.name, code, signal);
      });
    });
  };

  const stop = async (): Promise<void> => {
    const running = children.filter((c) => c.exitCode === null && c.signalCode === null);
    await Promise.all(
      running.map(
        (child) =>
          new Promise<void>((done) => {
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      ),
    );
  };

  try {
    const gatewayPort = await portFor(gateway);
    const ehr = subgraphs.find((spec) => spec.name === 'ehr');
    const ports = new Map(await Promise.all(subgraphs.map(async (spec) => [spec.name, await portFor(spec)] as const)));
    const gatewayBase = `http://127.0.0.1:${gatewayPort}`;
    // The imitation EHRs the seeded Athena and Allscripts systems deliver to.
    const sandboxUrl = await start(sandbox, await portFor(sandbox));
    const subgraphEnv = {
      AUTH_JWKS_URL: `${gatewayBase}/.well-known/jwks.json`,
      GRAPH_URL: `${gatewayBase}/graphql`,
      ...(ehr ? { EHR_EVENTS_URL: `http://127.0.0.1:${ports.get(ehr.name)}${EVENTS_PATH}` } : {}),
      EHR_SANDBOX_URL: sandboxUrl,
      // One secret per run, shared by the services that post change events and the one receiving them.
      SERVICE_EVENTS_SECRET: env['SERVICE_EVENTS_SECRET'] ?? randomBytes(32).toString('hex'),
    };
    const urls = await Promise.all(subgraphs.map((spec) => start(spec, ports.get(spec.name)!, subgraphEnv)));
    const gatewayUrl = await start(
      gateway,
      gatewayPort,
      Object.fromEntries(subgraphs.map((spec, i) => [spec.urlVariable, urls[i]!])),
    );
    return { services, gatewayUrl, sandboxUrl, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export interface RunningStack {
  gatewayUrl: string;
  /** By service name: gateway, each subgraph, ehr-sandbox. */
  services: Record<string, ServiceInfo>;
  /** Every JSON log line the services printed so far, parsed. */
  logs: Record<string, unknown>[];
  process: ChildProcess;
  /** Signs in through the gateway and answers the access token. */
  login(email: string, password?: string): Promise<string>;
  /** SIGINT to the launcher, which stops every service; resolves with its exit code. */
  stop(): Promise<number | null>;
}

export interface StackOptions {
  timeoutMs?: number;
  /** Added to the launcher's environment, and so to every service's. */
  env?: Record<string, string>;
  /** Prints every line the services print. */
  echo?: boolean;
  /** Every service on a free port (the default); false keeps the ports the environment sets. */
  freePorts?: boolean;
}

/**
 * `scripts/start.ts` as a child process, on free ports unless told otherwise: resolves once the
 * launcher announces the gateway, with each service's URL and pid (from its `service.ready` line).
 */
export async function startStack(options: StackOptions = {}): Promise<RunningStack> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...(options.freePorts === false ? {} : freePortEnv()), ...options.env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const services: Record<string, ServiceInfo> = {};
  const logs: Record<string, unknown>[] = [];
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const gatewayUrl = await new Promise<string>((resolveUrl, reject) => {
    const timeoutMs = options.timeoutMs ?? 45_000;
    const timer = setTimeout(() => reject(new Error(`the stack did not start within ${timeoutMs} ms`)), timeoutMs);
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (options.echo) process.stdout.write(line + '\n');
      if (line.startsWith('{')) {
        try {
          logs.push(JSON.parse(line) as Record<string, unknown>);
        } catch {
          // not a log line
        }
      }
      const ready = readyLine(line);
      if (ready) services[ready.service] = { url: ready.url, pid: ready.pid };
      const announced = /GraphQL and Apollo Sandbox: (\S+)/.exec(line);
      if (announced) {
        clearTimeout(timer);
        // The announcement says localhost for people; tests talk to the address the gateway bound.
        resolveUrl(services['gateway']?.url ?? announced[1]!.replace('//localhost:', '//127.0.0.1:'));
      }
    });
    void exited.then((code) => reject(new Error(`start exited early with code ${code}`)));
  });

  return {
    gatewayUrl,
    services,
    logs,
    process: child,
    login: (email, password) => login(gatewayUrl, email, password),
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      return exited;
    },
  };
}
