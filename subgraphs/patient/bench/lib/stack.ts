import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { EVENTS_PATH } from '@carebridge/common';
import type { TestSchemas } from '@carebridge/db/testing';
import { launchServices, serviceSpecs } from '../../../../scripts/lib/stack';

const ROOT = resolve(import.meta.dirname, '../../../..');

/** One running stack of the benchmark. */
export interface BenchStack {
  /** How many patients its patient subgraph holds. */
  count: number;
  gatewayUrl: string;
  /** Stops every service, the patient subgraph last; resolves once all have exited. */
  stop(): Promise<void>;
}

export interface BenchStackOptions {
  count: number;
  /** The gateway listens here, the subgraphs on the next ports, the EHR sandbox on `portBase + 10`. */
  portBase: number;
  /** AUTH_SIGNING_KEYS: the keys the gateway signs with, and so those of the tokens the benchmark mints. */
  signingKeys: string;
  /** PostgreSQL for the patient subgraph (its schema under this prefix); in memory without. */
  database?: TestSchemas | undefined;
}

/**
 * A stack in production mode with `count` patients: the patient subgraph is `serve.ts`, spawned
 * here first (loading takes the longest) on its port; then every other service as `pnpm start`
 * runs them (`launchServices`), with no patient replica of its own and the gateway routed to
 * `serve.ts`. Only the patient subgraph gets DATABASE_URL: the others stay in memory.
 */
export async function startBenchStack(options: BenchStackOptions): Promise<BenchStack> {
  const { sandbox, subgraphs, gateway } = serviceSpecs();
  const port = (name: string): number => options.portBase + 1 + subgraphs.findIndex((spec) => spec.name === name);
  const gatewayBase = `http://127.0.0.1:${options.portBase}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    AUTH_SIGNING_KEYS: options.signingKeys,
    AUDIT_HMAC_KEY: 'bench-audit-key-0123456789abcdef0123456789',
    CURSOR_KEY: 'bench-cursor-key-0123456789abcdef0123456789',
    METRICS_TOKEN: 'bench-metrics-token-0123456789abcdef',
    SERVICE_EVENTS_SECRET: 'bench-events-secret-0123456789abcdef0123456789',
    // No seed deliveries in the background while the figures are taken.
    ANNOUNCE_SEED: 'false',
    [sandbox.portVariable]: String(options.portBase + 10),
    [gateway.portVariable]: String(options.portBase),
    ...Object.fromEntries(subgraphs.map((spec) => [spec.portVariable, String(port(spec.name))])),
  };
  delete env['LOG_FILE'];
  delete env['DATABASE_URL'];
  delete env['AUDIT_LOG_PATH'];

  const patientUrl = `http://127.0.0.1:${port('patient')}/graphql`;
  const patient = spawn(process.execPath, ['--import', 'tsx', 'subgraphs/patient/bench/lib/serve.ts'], {
    cwd: ROOT,
    env: {
      ...env,
      PORT: String(port('patient')),
      BENCH_PATIENT_COUNT: String(options.count),
      AUTH_JWKS_URL: `${gatewayBase}/.well-known/jwks.json`,
      GRAPH_URL: `${gatewayBase}/graphql`,
      EHR_EVENTS_URL: `http://127.0.0.1:${port('ehr')}${EVENTS_PATH}`,
      CLINICAL_EVENTS_URL: `http://127.0.0.1:${port('clinical')}${EVENTS_PATH}`,
      ...(options.database
        ? { DATABASE_URL: options.database.url, DATABASE_SCHEMA_PREFIX: options.database.prefix }
        : {}),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const patientExited = new Promise<void>((done) => patient.once('exit', () => done()));
  const stopPatient = async (): Promise<void> => {
    if (patient.exitCode === null && patient.signalCode === null) patient.kill('SIGTERM');
    await patientExited;
  };
  process.once('exit', () => patient.kill('SIGTERM'));
  await new Promise<void>((ready, reject) => {
    createInterface({ input: patient.stdout }).on('line', (line) => {
      if (line.includes('"level":"error"')) console.error(line);
      if (line.includes('"bench.loaded"') || line.includes('"service.ready"')) console.log(`  patient: ${line}`);
      if (line.includes('"service.ready"')) ready();
    });
    void patientExited.then(() => reject(new Error(`the patient subgraph with ${options.count} patients exited`)));
  });

  try {
    const stack = await launchServices({
      env,
      onLine: (line) => {
        if (line.includes('"level":"error"')) console.error(line);
      },
      replicaPorts: { patient: [] },
      routes: { gateway: gatewayBase, subgraphs: { patient: patientUrl } },
    });
    return {
      count: options.count,
      gatewayUrl: stack.gatewayUrl,
      stop: async () => {
        await stack.stop();
        await stopPatient();
      },
    };
  } catch (error) {
    await stopPatient();
    throw error;
  }
}
