/**
 * `pnpm start`: runs the three subgraphs, waits until each is ready, then runs the gateway in front
 * of them and prints the URL. Ctrl-C (or SIGTERM) stops every service and waits for them to exit.
 *
 * Ports come from PATIENT_PORT, CLINICAL_PORT, EHR_PORT, GATEWAY_PORT and SANDBOX_PORT (defaults
 * 4001, 4002, 4003, 4000 and 4010, the EHR sandbox); 0 picks a free one. Every port is settled before anything starts, because each
 * service needs the others' URLs: the gateway routes to the subgraphs, and the subgraphs fetch
 * the gateway's public keys (and the clinical subgraph asks the graph about patients).
 *
 * With LOG_FILE set, every service also appends its log lines to that file (see
 * packages/common/src/logFile.ts). A service that crashes stops everything; one that exits cleanly
 * (code 0: someone sent it SIGTERM, and it drained) is reported and the others keep running, as
 * they would in production while an orchestrator replaces it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { freePort } from '@carebridge/common';

const ROOT = resolve(import.meta.dirname, '..');

interface ServiceSpec {
  name: string;
  entry: string;
  portVariable: string;
  defaultPort: number;
}

const SUBGRAPHS: ServiceSpec[] = [
  { name: 'patient', entry: 'subgraphs/patient/src/index.ts', portVariable: 'PATIENT_PORT', defaultPort: 4001 },
  { name: 'clinical', entry: 'subgraphs/clinical/src/index.ts', portVariable: 'CLINICAL_PORT', defaultPort: 4002 },
  { name: 'ehr', entry: 'subgraphs/ehr/src/index.ts', portVariable: 'EHR_PORT', defaultPort: 4003 },
];
const SANDBOX: ServiceSpec = {
  name: 'ehr-sandbox',
  entry: 'tools/ehr-sandbox/src/index.ts',
  portVariable: 'SANDBOX_PORT',
  defaultPort: 4010,
};
const GATEWAY: ServiceSpec = {
  name: 'gateway',
  entry: 'gateway/src/index.ts',
  portVariable: 'GATEWAY_PORT',
  defaultPort: 4000,
};

const children: ChildProcess[] = [];
let stopping = false;

/** The port a service should use: its variable, its default, or a free one for 0. */
function portFor(spec: ServiceSpec): Promise<number> {
  const wanted = Number(process.env[spec.portVariable] ?? spec.defaultPort);
  return wanted === 0 ? freePort() : Promise.resolve(wanted);
}

/** Starts one service and resolves with the URL it announces when ready. */
function startService(spec: ServiceSpec, port: number, extraEnv: Record<string, string> = {}): Promise<string> {
  const preload = process.env['LOG_FILE'] ? ['--import', './scripts/log-file-tee.ts'] : [];
  const child = spawn(process.execPath, ['--import', 'tsx', ...preload, spec.entry], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), ...extraEnv },
    stdio: ['ignore', 'pipe', 'inherit'],
    // Its own process group: Ctrl-C reaches only this script, which then stops the services in order.
    detached: true,
  });
  children.push(child);
  return new Promise((resolveUrl, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      process.stdout.write(line + '\n');
      try {
        const entry = JSON.parse(line) as { event?: string; url?: string };
        if (entry.event === 'service.ready' && entry.url) resolveUrl(entry.url);
      } catch {
        // not a JSON log line; already printed
      }
    });
    child.on('exit', (code, signal) => {
      reject(new Error(`${spec.name} exited before it was ready (code ${code}, signal ${signal})`));
      if (!stopping && code === 0) {
        console.error(`${spec.name} stopped (code 0); the other services keep running.`);
      } else if (!stopping) {
        console.error(`${spec.name} stopped unexpectedly (code ${code}, signal ${signal}); stopping everything.`);
        void stopAll(1);
      }
    });
  });
}

async function stopAll(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
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
  process.exit(exitCode);
}

// Never leave a service running behind, whatever ends this script.
process.on('exit', () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
});
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

try {
  const gatewayPort = await portFor(GATEWAY);
  const ehrPort = await portFor(SUBGRAPHS.find((s) => s.name === 'ehr')!);
  const gatewayBase = `http://127.0.0.1:${gatewayPort}`;
  // The imitation EHRs the seeded Athena and Allscripts systems deliver to.
  const sandboxUrl = await startService(SANDBOX, await portFor(SANDBOX));
  const subgraphEnv = {
    AUTH_JWKS_URL: `${gatewayBase}/.well-known/jwks.json`,
    GRAPH_URL: `${gatewayBase}/graphql`,
    EHR_EVENTS_URL: `http://127.0.0.1:${ehrPort}/internal/events`,
    EHR_SANDBOX_URL: sandboxUrl,
    // One secret per run, shared by the services that post change events and the one receiving them.
    SERVICE_EVENTS_SECRET: process.env['SERVICE_EVENTS_SECRET'] ?? randomBytes(32).toString('hex'),
  };
  const urls = await Promise.all(
    SUBGRAPHS.map(async (spec) => startService(spec, spec.name === 'ehr' ? ehrPort : await portFor(spec), subgraphEnv)),
  );
  const subgraphUrls = Object.fromEntries(
    SUBGRAPHS.map((spec, i) => [`SUBGRAPH_${spec.name.toUpperCase()}_URL`, urls[i]!]),
  );
  const gatewayUrl = await startService(GATEWAY, gatewayPort, subgraphUrls);
  console.log(
    `\nCarebridge is running. GraphQL and Apollo Sandbox: ${gatewayUrl.replace('127.0.0.1', 'localhost')}\n` +
      `Web app (when built, as \`npm start\` does): ${gatewayUrl.replace('127.0.0.1', 'localhost').replace('/graphql', '/')}\n` +
      `EHR sandbox (what reached Athena and Allscripts): ${sandboxUrl.replace('127.0.0.1', 'localhost')}/_sandbox/stats\n` +
      'Press Ctrl-C to stop.\n',
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await stopAll(1);
}
