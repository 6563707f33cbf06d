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
import { readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { envPort, EVENTS_PATH, freePort } from '@carebridge/common';
import { DEMO_PASSWORD } from '../../../gateway/src/auth/demo';
import { listSubgraphs, type SubgraphEntry } from '../../../gateway/src/subgraphs';
import { serviceCommand, type ServiceSpec } from './commands';

export { DEMO_PASSWORD };
export { COMPILED_LOG_TEE, compiledEntry, LOG_TEE, serviceCommand, type ServiceSpec } from './commands';

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
export function serviceSpecs(): {
  sandbox: ServiceSpec;
  subgraphs: (ServiceSpec & SubgraphEntry)[];
  gateway: ServiceSpec;
} {
  return { sandbox: SANDBOX, subgraphs: listSubgraphs(), gateway: GATEWAY };
}

/** The `<NAME>_PORT` variables of every service, each set to 0: a stack on free ports. */
export function freePortEnv(): Record<string, string> {
  const { sandbox, subgraphs, gateway } = serviceSpecs();
  return Object.fromEntries([sandbox, ...subgraphs, gateway].map((spec) => [spec.portVariable, '0']));
}

/**
 * A port variable's value, or the service's default; 0 becomes a free port. A port fetch() refuses
 * (`FETCH_BAD_PORTS`) stops the start here, with the variable the user set (`GATEWAY_PORT`…).
 */
export function settlePort(env: NodeJS.ProcessEnv, spec: ServiceSpec): Promise<number> {
  const wanted = envPort(env, spec.portVariable, spec.defaultPort);
  return wanted === 0 ? freePort() : Promise.resolve(wanted);
}

/**
 * The audit file of one service instance under a shared `AUDIT_LOG_PATH`: the instance's name
 * before the extension (`audit.log` → `audit.patient.log`, `audit.patient-2.log` for a replica;
 * `audit` → `audit.patient`). Each chain needs a file of its own: two services appending to one
 * file interleave two chains, and the file no longer verifies.
 */
export function auditLogPathFor(path: string, instance: string): string {
  const extension = extname(path);
  return extension === '' ? `${path}.${instance}` : `${path.slice(0, -extension.length)}.${instance}${extension}`;
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
  /** More `node` flags for one service, by name (`--cpu-prof`, which NODE_OPTIONS refuses). */
  nodeArgs?: Record<string, string[]>;
  /** Runs each service's compiled bundle with `node` (`pnpm build:services` first) instead of its source through tsx. */
  compiled?: boolean;
  /** Each line a service prints on stdout; printed by default. */
  onLine?: (line: string) => void;
  /** A service exited, whether before it was ready or long after (its instance name, `patient-2` for a replica). */
  onExit?: (name: string, code: number | null, signal: NodeJS.Signals | null) => void;
  /**
   * Replicas: by service name (`gateway` or a subgraph's), the port of each of its processes, which
   * then replaces that service's port variable. Replica `i` (from 1) is named `<name>-<i>` when
   * there are several. Without `routes`, the services reach the first replica of each other.
   */
  replicaPorts?: Record<string, number[]>;
  /**
   * Where the services reach each other when something stands in front of them (a load balancer):
   * the gateway's base URL (its JWKS and graph, for the subgraphs) and each subgraph's GraphQL URL
   * (for the gateways, and the ehr subgraph's events route for the outbox relays).
   */
  routes?: { gateway: string; subgraphs: Record<string, string> };
}

export interface LaunchedServices {
  /** By instance name (`patient`, or `patient-1`, `patient-2` with replicas), from each one's `service.ready` line. */
  services: Record<string, ServiceInfo>;
  gatewayUrl: string;
  sandboxUrl: string;
  /** SIGTERM to every service still running; resolves when they have exited. */
  stop(): Promise<void>;
  /** Sends a signal to one instance and resolves once it has exited. */
  kill(name: string, signal?: NodeJS.Signals): Promise<void>;
  /** Starts an instance that has exited again, on its port with its environment; resolves when it is ready. */
  restart(name: string): Promise<ServiceInfo>;
}

interface Instance {
  name: string;
  spec: ServiceSpec;
  port: number;
  env: Record<string, string>;
  child?: ChildProcess;
}

const running = (child: ChildProcess | undefined): child is ChildProcess =>
  child !== undefined && child.exitCode === null && child.signalCode === null;

/**
 * Runs every service as its own process: the EHR sandbox, then the subgraphs, then the gateway once
 * they are ready. Every port is settled before anything starts, because each service needs the
 * others' URLs: the gateway routes to the subgraphs, and the subgraphs fetch the gateway's public
 * keys (and the clinical subgraph asks the graph about patients). A port variable of 0 picks a
 * free port. With LOG_FILE set, every service appends its lines to that file from its first one.
 * With EHR_SANDBOX_URL set, no sandbox is started: the services use that one (a test's own, which
 * must outlive a restart of the stack to tell what was delivered twice). With AUDIT_LOG_PATH set,
 * each subgraph instance gets its own file derived from it (`auditLogPathFor`).
 */
export async function launchServices(options: LaunchOptions = {}): Promise<LaunchedServices> {
  const env = options.env ?? process.env;
  const onLine = options.onLine ?? ((line: string) => process.stdout.write(line + '\n'));
  const { sandbox, subgraphs, gateway } = serviceSpecs();
  // Each subgraph instance writes its own audit file, named after it (`auditLogPathFor`).
  const auditLogPath = env['AUDIT_LOG_PATH'];
  const instances = new Map<string, Instance>();
  const services: Record<string, ServiceInfo> = {};
  // Never leave a service running behind, whatever ends this process.
  process.on('exit', () => {
    for (const { child } of instances.values()) if (running(child)) child.kill('SIGTERM');
  });

  /** The ports of a service's processes: `replicaPorts`, or its one port variable. */
  const portsFor = async (spec: ServiceSpec): Promise<number[]> =>
    options.replicaPorts?.[spec.name] ?? [await settlePort(env, spec)];

  /** Spawns an instance and resolves with the URL it announces when ready. */
  const spawnInstance = (instance: Instance): Promise<string> => {
    const { spec, port } = instance;
    const command = serviceCommand(spec, {
      compiled: options.compiled ?? false,
      logFile: Boolean(env['LOG_FILE']),
      nodeArgs: options.nodeArgs?.[spec.name] ?? [],
    });
    const child = spawn(process.execPath, command, {
      cwd: ROOT,
      env: { ...env, PORT: String(port), ...instance.env, ...options.serviceEnv?.[spec.name] },
      stdio: ['ignore', 'pipe', 'inherit'],
      // Its own process group: Ctrl-C reaches only the launcher, which then stops the services in order.
      detached: true,
    });
    instance.child = child;
    return new Promise((resolveUrl, reject) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        onLine(line);
        const ready = readyLine(line);
        if (ready) {
          services[instance.name] = { url: ready.url, pid: ready.pid };
          resolveUrl(ready.url);
        }
      });
      child.on('exit', (code, signal) => {
        reject(new Error(`${instance.name} exited before it was ready (code ${code}, signal ${signal})`));
        options.onExit?.(instance.name, code, signal);
      });
    });
  };

  /** One instance per port; answers the URL of each once all are ready. */
  const startAll = (spec: ServiceSpec, ports: number[], extraEnv: Record<string, string>): Promise<string[]> =>
    Promise.all(
      ports.map((port, i) => {
        const name = ports.length > 1 ? `${spec.name}-${i + 1}` : spec.name;
        const instance: Instance = { name, spec, port, env: { ...extraEnv } };
        if (auditLogPath && subgraphs.some((subgraph) => subgraph.name === spec.name)) {
          instance.env['AUDIT_LOG_PATH'] = auditLogPathFor(auditLogPath, name);
        }
        // The seed's change events once per stack, not once per replica: every replica loads the
        // same seed, and each announcing it would send it to the EHRs again under new event ids.
        if (i > 0) instance.env['ANNOUNCE_SEED'] = 'false';
        instances.set(name, instance);
        return spawnInstance(instance);
      }),
    );

  const exited = (child: ChildProcess): Promise<void> =>
    new Promise((done) => (running(child) ? child.once('exit', () => done()) : done()));

  const stop = async (): Promise<void> => {
    await Promise.all(
      [...instances.values()].map(async ({ child }) => {
        if (!running(child)) return;
        const gone = exited(child);
        child.kill('SIGTERM');
        await gone;
      }),
    );
  };

  const instance = (name: string): Instance => {
    const found = instances.get(name);
    if (!found) throw new Error(`no service named ${name}; there are ${[...instances.keys()].join(', ')}`);
    return found;
  };

  const kill = async (name: string, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> => {
    const { child } = instance(name);
    if (!running(child)) return;
    const gone = exited(child);
    child.kill(signal);
    await gone;
  };

  const restart = async (name: string): Promise<ServiceInfo> => {
    const found = instance(name);
    if (running(found.child)) throw new Error(`${name} is still running`);
    await spawnInstance(found);
    return services[name]!;
  };

  try {
    const gatewayPorts = await portsFor(gateway);
    const ports = new Map(await Promise.all(subgraphs.map(async (spec) => [spec.name, await portsFor(spec)] as const)));
    const gatewayBase = options.routes?.gateway ?? `http://127.0.0.1:${gatewayPorts[0]}`;
    const subgraphUrl = (spec: SubgraphEntry): string =>
      options.routes?.subgraphs[spec.name] ?? `http://127.0.0.1:${ports.get(spec.name)![0]}/graphql`;
    const ehr = subgraphs.find((spec) => spec.name === 'ehr');
    const clinical = subgraphs.find((spec) => spec.name === 'clinical');
    // The imitation EHRs the seeded Athena and Allscripts systems deliver to.
    const sandboxUrl = env['EHR_SANDBOX_URL'] || (await startAll(sandbox, await portsFor(sandbox), {}))[0]!;
    const subgraphEnv = {
      AUTH_JWKS_URL: `${gatewayBase}/.well-known/jwks.json`,
      GRAPH_URL: `${gatewayBase}/graphql`,
      ...(ehr ? { EHR_EVENTS_URL: subgraphUrl(ehr).replace(/\/graphql$/, EVENTS_PATH) } : {}),
      // The patient subgraph sends deletions to the clinical subgraph too.
      ...(clinical ? { CLINICAL_EVENTS_URL: subgraphUrl(clinical).replace(/\/graphql$/, EVENTS_PATH) } : {}),
      EHR_SANDBOX_URL: sandboxUrl,
      // The sandbox is on this machine: an organization's own EHR system may point at it too.
      EHR_ALLOWED_ORIGINS: [env['EHR_ALLOWED_ORIGINS'], new URL(sandboxUrl).origin].filter(Boolean).join(','),
      // One secret per run, shared by the services that post change events and the one receiving them.
      SERVICE_EVENTS_SECRET: env['SERVICE_EVENTS_SECRET'] ?? randomBytes(32).toString('hex'),
    };
    const urls = await Promise.all(subgraphs.map((spec) => startAll(spec, ports.get(spec.name)!, subgraphEnv)));
    const gatewayUrls = await startAll(
      gateway,
      gatewayPorts,
      Object.fromEntries(
        subgraphs.map((spec, i) => [spec.urlVariable, options.routes ? subgraphUrl(spec) : urls[i]![0]!]),
      ),
    );
    return {
      services,
      gatewayUrl: options.routes ? `${gatewayBase}/graphql` : gatewayUrls[0]!,
      sandboxUrl,
      stop,
      kill,
      restart,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

export interface RunningStack {
  gatewayUrl: string;
  /** By service name: gateway, each subgraph, ehr-sandbox. */
  services: Record<string, ServiceInfo>;
  /**
   * Every JSON log line the services printed so far, parsed; with `console`, those in the log file
   * when the banner was printed.
   */
  logs: Record<string, unknown>[];
  /** Every line the launcher printed on stdout (with `console`, its short console). */
  output: string[];
  /** The log file the launcher named, with `console`. */
  logFile?: string;
  process: ChildProcess;
  /** Signs in through the gateway and answers the access token. */
  login(email: string, password?: string): Promise<string>;
  /** SIGINT to the launcher, which stops every service; resolves with its exit code. */
  stop(): Promise<number | null>;
}

export interface StackOptions {
  timeoutMs?: number;
  /** The services' compiled bundles (`pnpm build:services` first), as `npm start` runs them. */
  compiled?: boolean;
  /** Added to the launcher's environment, and so to every service's. */
  env?: Record<string, string>;
  /** Prints every line the services print. */
  echo?: boolean;
  /** Every service on a free port (the default); false keeps the ports the environment sets. */
  freePorts?: boolean;
  /**
   * The short console a user sees (services' lines in the log file, a summary on stdout) instead
   * of every JSON line on stdout (`START_OUTPUT=json`, the default here).
   */
  console?: boolean;
}

/** The JSON lines of a log file, parsed (other lines skipped). */
export function readLogLines(text: string): Record<string, unknown>[] {
  return text.split('\n').flatMap((line) => {
    if (!line.startsWith('{')) return [];
    try {
      return [JSON.parse(line) as Record<string, unknown>];
    } catch {
      return [];
    }
  });
}

/**
 * `scripts/start.ts` as a child process, on free ports unless told otherwise: resolves once the
 * launcher announces the gateway, with each service's URL and pid (from its `service.ready` line).
 */
export async function startStack(options: StackOptions = {}): Promise<RunningStack> {
  const args = ['--import', 'tsx', 'scripts/start.ts', ...(options.compiled ? ['--compiled'] : [])];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      ...(options.freePorts === false ? {} : freePortEnv()),
      START_OUTPUT: options.console ? 'console' : 'json',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const services: Record<string, ServiceInfo> = {};
  const logs: Record<string, unknown>[] = [];
  const output: string[] = [];
  let logFile: string | undefined;
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const gatewayUrl = await new Promise<string>((resolveUrl, reject) => {
    const timeoutMs = options.timeoutMs ?? 45_000;
    const timer = setTimeout(() => reject(new Error(`the stack did not start within ${timeoutMs} ms`)), timeoutMs);
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (options.echo) process.stdout.write(line + '\n');
      output.push(line);
      logs.push(...readLogLines(line));
      const ready = readyLine(line);
      if (ready) services[ready.service] = { url: ready.url, pid: ready.pid };
      logFile ??= /full log[^:]*: (\S+)$/i.exec(line)?.[1];
      if (options.console && logFile && /GraphQL and Apollo Sandbox: /.test(line)) {
        // The services' lines are in the file, not on stdout: their URLs and pids too.
        for (const entry of readLogLines(readFileSync(logFile, 'utf8'))) {
          logs.push(entry);
          const found = readyLine(JSON.stringify(entry));
          if (found) services[found.service] = { url: found.url, pid: found.pid };
        }
      }
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
    output,
    ...(logFile ? { logFile } : {}),
    process: child,
    login: (email, password) => login(gatewayUrl, email, password),
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      return exited;
    },
  };
}

export interface QuestionnaireItemShape {
  linkId: string;
  type: string;
  options: { code: string }[];
}

/** An answer of the right type to each item (the first option of a choice, `text` for free text): what tests submit. */
export function answersFor(items: readonly QuestionnaireItemShape[], text: string): Record<string, unknown>[] {
  return items.map((item) => {
    switch (item.type) {
      case 'BOOLEAN':
        return { linkId: item.linkId, valueBoolean: true };
      case 'SINGLE_CHOICE':
      case 'MULTIPLE_CHOICE':
        return { linkId: item.linkId, valueCodes: [item.options[0]!.code] };
      case 'NUMBER':
        return { linkId: item.linkId, valueNumber: 3 };
      case 'DATE':
        return { linkId: item.linkId, valueDate: '2024-05-01' };
      default:
        return { linkId: item.linkId, valueString: text };
    }
  });
}
