import { readFileSync } from 'node:fs';
import {
  createTokenVerifier,
  EVENTS_PATH,
  freePort,
  OutboxRelay,
  serveService,
  silentLogger,
  type RunningService,
} from '@carebridge/common';
import { createHttpPatientDirectory } from '@carebridge/clinical-subgraph/src/data/patients';
import {
  createSeededStore as seedClinical,
  createService as createClinical,
} from '@carebridge/clinical-subgraph/src/server';
import { seedEhrSystems, seedOrganizations } from '@carebridge/ehr-subgraph/src/data/seed';
import { InMemoryEhrStore } from '@carebridge/ehr-subgraph/src/data/store';
import { eventsRoute } from '@carebridge/ehr-subgraph/src/delivery/events';
import { InMemorySnapshotStore } from '@carebridge/ehr-subgraph/src/delivery/snapshots';
import { createsPatientIn, InMemoryTransactionStore } from '@carebridge/ehr-subgraph/src/delivery/transactions';
import type { DeliveryWorker, RetryPolicy } from '@carebridge/ehr-subgraph/src/delivery/worker';
import { InMemoryMappingStore } from '@carebridge/ehr-subgraph/src/mapping/store';
import { createService as createEhr } from '@carebridge/ehr-subgraph/src/server';
import type { FaultSettings } from '@carebridge/ehr-sandbox/src/faults';
import { createSandbox, type Sandbox } from '@carebridge/ehr-sandbox/src/server';
import {
  createSeededStore as seedPatients,
  createService as createPatient,
} from '@carebridge/patient-subgraph/src/server';
import { DEMO_PASSWORD } from '../../src/auth/demo';
import { generateSigningJwk, keyRingFromJwks } from '../../src/auth/keys';
import { SUPERGRAPH_SDL } from '../../src/compose';
import { serveGateway } from '../../src/server';
import { TEST_PASSWORD_PARAMS } from './inProcess';

/** Retries within a test's patience: attempts every few tens of milliseconds. */
export const TEST_RETRY_POLICY: RetryPolicy = { maxAttempts: 12, baseDelayMs: 20, maxDelayMs: 200, timeoutMs: 2_000 };
const EVENTS_SECRET = 'test-events-secret';

/**
 * The whole platform over HTTP on free ports, as `pnpm start` runs it but in one process: the
 * gateway, the three subgraphs with their outbox relays and the delivery worker, and the EHR
 * sandbox they deliver to.
 */
export async function startStack(options: { faults?: Partial<FaultSettings>; policy?: RetryPolicy } = {}) {
  const sandbox: Sandbox = createSandbox({ faults: options.faults ?? {} });
  const sandboxRunning = await sandbox.listen(0);
  const gatewayPort = await freePort();
  const verifier = createTokenVerifier({ jwks: `http://127.0.0.1:${gatewayPort}/.well-known/jwks.json` });
  const graphUrl = `http://127.0.0.1:${gatewayPort}/graphql`;

  // The ehr subgraph's stores outlive its process here, as a database would: `restartEhr` starts a
  // new service (new server, new worker) on the same port over the same data.
  const ehrStore = new InMemoryEhrStore(
    seedEhrSystems({ athena: `${sandboxRunning.url}/athena`, allscripts: `${sandboxRunning.url}/allscripts` }),
    seedOrganizations(),
  );
  const ehrData = {
    store: ehrStore,
    mappings: new InMemoryMappingStore(ehrStore),
    snapshots: new InMemorySnapshotStore(),
    transactions: new InMemoryTransactionStore({ createsPatient: createsPatientIn(ehrStore) }),
  };
  const ehrPort = await freePort();
  let ehr: { running: RunningService; worker: DeliveryWorker } | undefined;
  const startEhr = async () => {
    const service = createEhr({ verifier, ...ehrData });
    const running = await serveService(service, {
      port: ehrPort,
      routes: eventsRoute(service.shared.delivery, EVENTS_SECRET, silentLogger),
    });
    const worker = service.createWorker({ policy: options.policy ?? TEST_RETRY_POLICY, intervalMs: 20 });
    worker.start();
    ehr = { running, worker };
  };
  await startEhr();

  const patientStore = seedPatients();
  const clinicalStore = seedClinical();
  const relays = [patientStore.outbox, clinicalStore.outbox].map(
    (outbox) =>
      new OutboxRelay({
        outbox,
        targetUrl: `http://127.0.0.1:${ehrPort}${EVENTS_PATH}`,
        secret: EVENTS_SECRET,
        logger: silentLogger,
        intervalMs: 20,
        maxBackoffMs: 200,
      }),
  );
  for (const relay of relays) relay.start();
  const [patient, clinical] = await Promise.all([
    serveService(createPatient({ verifier, store: patientStore }), { port: 0 }),
    serveService(
      createClinical({ verifier, store: clinicalStore, patients: createHttpPatientDirectory({ graphUrl }) }),
      {
        port: 0,
      },
    ),
  ]);
  const gateway = await serveGateway({
    supergraphSdl: readFileSync(SUPERGRAPH_SDL, 'utf8'),
    subgraphUrls: { patient: patient.url, clinical: clinical.url, ehr: `http://127.0.0.1:${ehrPort}/graphql` },
    keys: await keyRingFromJwks([await generateSigningJwk()]),
    passwordParams: TEST_PASSWORD_PARAMS,
    demoUsers: true,
    port: gatewayPort,
    logger: silentLogger,
  });

  const base = gateway.url.replace('/graphql', '');
  const post = async (path: string, body: unknown, token?: string) => {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return (await response.json()) as Record<string, any>;
  };

  return {
    sandbox,
    transactions: ehrData.transactions,
    patientOutbox: patientStore.outbox,
    login: async (email: string) =>
      (await post('/auth/login', { email, password: DEMO_PASSWORD }))['accessToken'] as string,
    graphql: async (token: string, query: string, variables: Record<string, unknown> = {}) => {
      const result = await post('/graphql', { query, variables }, token);
      if (result['errors']) throw new Error(`GraphQL errors: ${JSON.stringify(result['errors'])}`);
      return result['data'] as Record<string, any>;
    },
    intakeLink: async (token: string, patientId: string, questionnaireId: string) =>
      (await post('/auth/intake-links', { patientId, questionnaireId }, token))['token'] as string,
    stopEhr: async () => {
      await ehr?.worker.stop();
      await ehr?.running.close();
      ehr = undefined;
    },
    startEhr,
    /** Resolves once every event is delivered to the ehr subgraph and no transaction is open. */
    settled: async (timeoutMs = 60_000) => {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const idle =
          patientStore.outbox.size() === 0 &&
          clinicalStore.outbox.size() === 0 &&
          (await ehrData.transactions.open()).length === 0;
        if (idle) return;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`not settled after ${timeoutMs} ms: ${JSON.stringify(await ehrData.transactions.counts())}`);
    },
    stop: async () => {
      await Promise.all(relays.map((r) => r.stop()));
      await Promise.all([gateway.close(), patient.close(), clinical.close(), sandboxRunning.close()]);
      if (ehr) {
        await ehr.worker.stop();
        await ehr.running.close();
      }
    },
  };
}

export type Stack = Awaited<ReturnType<typeof startStack>>;
