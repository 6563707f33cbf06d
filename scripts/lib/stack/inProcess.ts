/**
 * The in-process ways of the stack harness (see `./index.ts`): the services' own code, started in
 * this process, for tests that reach into stores or call the gateway without a port.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  createTokenVerifier,
  EVENTS_PATH,
  freePort,
  serveHttp,
  serveService,
  silentLogger,
  type RunningService,
  type TokenVerifier,
  type Viewer,
} from '@carebridge/common';
import { inProcessFetcher, stopIfStarted } from '@carebridge/common/testing';
import { generateSigningJwk, keyRingFromJwks } from '../../../gateway/src/auth/keys';
import { SUPERGRAPH_SDL } from '../../../gateway/src/compose';
import { createGateway, serveGateway, type Gateway, type GatewayOptions } from '../../../gateway/src/server';
import { createHttpPatientDirectory } from '../../../subgraphs/clinical/src/data/patients';
import {
  createSeededStore as seedClinical,
  createService as createClinical,
  type ClinicalServiceOptions,
} from '../../../subgraphs/clinical/src/server';
import { sandboxBaseUrls, seedEhrSystems, seedOrganizations } from '../../../subgraphs/ehr/src/data/seed';
import { InMemoryEhrStore } from '../../../subgraphs/ehr/src/data/store';
import { InMemoryAlertStore } from '../../../subgraphs/ehr/src/alerts/store';
import { InMemorySnapshotStore } from '../../../subgraphs/ehr/src/delivery/snapshots';
import { createsPatientIn, InMemoryTransactionStore } from '../../../subgraphs/ehr/src/delivery/transactions';
import type { RetryPolicy } from '../../../subgraphs/ehr/src/delivery/worker';
import { InMemoryMappingStore } from '../../../subgraphs/ehr/src/mapping/store';
import { createService as createEhr, type EhrServiceOptions } from '../../../subgraphs/ehr/src/server';
import {
  createSeededStore as seedPatients,
  createService as createPatient,
  type PatientServiceOptions,
} from '../../../subgraphs/patient/src/server';
import type { FaultSettings } from '../../../tools/ehr-sandbox/src/faults';
import { createSandbox, type Sandbox } from '../../../tools/ehr-sandbox/src/server';
import { graphql, login } from './index';

export { inProcessFetcher };

/** Cheap scrypt for tests that sign in many times; the production default is OWASP's. */
export const TEST_PASSWORD_PARAMS = { N: 2 ** 12, r: 8, p: 1 };

/** Retries within a test's patience: attempts every few tens of milliseconds. */
export const TEST_RETRY_POLICY: RetryPolicy = { maxAttempts: 12, baseDelayMs: 20, maxDelayMs: 200, timeoutMs: 2_000 };

export const RIVERSIDE_CLINICIAN: Viewer = {
  kind: 'staff',
  userId: 'user-rc',
  organizationId: 'org-riverside',
  role: 'CLINICIAN',
};

/** Options handed to each subgraph's `createService`, over those the harness chooses. */
export interface ServiceOverrides {
  patient?: Partial<PatientServiceOptions>;
  clinical?: Partial<ClinicalServiceOptions>;
  ehr?: Partial<EhrServiceOptions>;
}

/** An answer as the delivery tests read it: loosely, their assertions being the type checks. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;

type Result<TData> = {
  data?: TData | null;
  errors?: readonly { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[];
};

export interface LocalSupergraph {
  gateway: Gateway;
  /** The headers of every request the gateway made to a subgraph, in order. */
  subgraphRequests: Record<string, string>[];
  /** Serves the gateway over HTTP on a free port (subgraphs stay in-process). */
  serve(): Promise<RunningService>;
  services: {
    patient: ReturnType<typeof createPatient>;
    clinical: ReturnType<typeof createClinical>;
    ehr: ReturnType<typeof createEhr>;
  };
  /** A token the gateway signed for `viewer`. */
  tokenFor(viewer: Viewer): Promise<string>;
  /** Runs one operation through the gateway as `viewer` (a Riverside clinician by default). */
  query<TData = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    viewer?: Viewer,
  ): Promise<Result<TData>>;
  stop(): Promise<void>;
}

/** The real gateway over the committed supergraph.graphql, with the three real subgraphs in-process. */
export async function startLocalSupergraph(
  options: Partial<GatewayOptions> & { services?: ServiceOverrides } = {},
): Promise<LocalSupergraph> {
  const { services: overrides = {}, ...gatewayOptions } = options;
  const keys = gatewayOptions.keys ?? (await keyRingFromJwks([await generateSigningJwk()]));
  const verifier = createTokenVerifier({ jwks: keys.jwks });
  // The clinical subgraph's patient directory calls the gateway, which is built after the subgraphs.
  const late: { gateway?: Gateway } = {};
  const subgraphRequests: Record<string, string>[] = [];
  const services = {
    patient: createPatient({ verifier, ...overrides.patient }),
    // The clinical subgraph asks the graph whether a patient is the caller's; here, in-process.
    clinical: createClinical({
      verifier,
      patients: {
        isVisible: async (patientId, authorization) => {
          const context = await late.gateway!.context({ authorization }, randomUUID());
          const response = await late.gateway!.server.executeOperation(
            { query: 'query ($id: ID!) { patient(id: $id) { id } }', variables: { id: patientId } },
            { contextValue: context },
          );
          return (
            response.body.kind === 'single' &&
            (response.body.singleResult.data?.['patient'] as { id?: string } | null)?.id === patientId
          );
        },
      },
      ...overrides.clinical,
    }),
    ehr: createEhr({ verifier, ...overrides.ehr }),
  };
  const gateway = await createGateway({
    supergraphSdl: readFileSync(SUPERGRAPH_SDL, 'utf8'),
    fetchers: {
      patient: inProcessFetcher(services.patient, subgraphRequests),
      clinical: inProcessFetcher(services.clinical, subgraphRequests),
      ehr: inProcessFetcher(services.ehr, subgraphRequests),
    },
    keys,
    passwordParams: TEST_PASSWORD_PARAMS,
    ...gatewayOptions,
  });
  late.gateway = gateway;
  await gateway.server.start();
  const tokenFor = (viewer: Viewer): Promise<string> =>
    viewer.kind === 'staff'
      ? gateway.tokens.accessToken({ id: viewer.userId, organizationId: viewer.organizationId, role: viewer.role })
      : gateway.tokens.intakeToken(viewer);
  return {
    gateway,
    subgraphRequests,
    serve: () =>
      serveHttp({
        server: gateway.server,
        logger: silentLogger,
        port: 0,
        routes: gateway.routes,
        context: (request, requestId) => gateway.context(request.headers, requestId),
      }),
    services,
    tokenFor,
    query: async <TData>(
      query: string,
      variables: Record<string, unknown> = {},
      viewer: Viewer = RIVERSIDE_CLINICIAN,
    ) => {
      const context = await gateway.context({ authorization: `Bearer ${await tokenFor(viewer)}` }, randomUUID());
      const response = await gateway.server.executeOperation({ query, variables }, { contextValue: context });
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      return response.body.singleResult as Result<TData>;
    },
    stop: async () => {
      await gateway.server.stop();
      await Promise.all(Object.values(services).map(stopIfStarted));
    },
  };
}

const TEST_EVENTS_SECRET = 'test-events-secret';
/** The relays' pace in tests: idle polls and retries every few tens of milliseconds. */
const TEST_RELAY = { intervalMs: 20, maxBackoffMs: 200 };

export interface InProcessStackOptions {
  faults?: Partial<FaultSettings>;
  policy?: RetryPolicy;
  services?: ServiceOverrides;
  /**
   * Where EHR systems organizations create may point: the sandbox's origin is allow-listed, and
   * http accepted, as in development; `allowedOrigins` adds to the list, `resolve` replaces DNS.
   */
  destinations?: EhrServiceOptions['destinations'];
}

/**
 * The whole platform over HTTP on free ports, as `pnpm start` runs it but in one process: the
 * gateway, the three subgraphs with their routes and workers (the outbox relays, the delivery
 * worker), and the EHR sandbox they deliver to. Each service is served by `serveService`, as its
 * `src/index.ts` does, so stopping one drains it and stops its workers in the same order.
 */
export async function startInProcessStack(options: InProcessStackOptions = {}) {
  const overrides = options.services ?? {};
  const sandbox: Sandbox = createSandbox({ faults: options.faults ?? {} });
  const sandboxRunning = await sandbox.listen(0);
  const gatewayPort = await freePort();
  const verifier: TokenVerifier = createTokenVerifier({
    jwks: `http://127.0.0.1:${gatewayPort}/.well-known/jwks.json`,
  });
  const graphUrl = `http://127.0.0.1:${gatewayPort}/graphql`;

  // The ehr subgraph's stores outlive its service here, as a database would: `startEhr` after
  // `stopEhr` serves a new service (new server, new worker) on the same port over the same data.
  const ehrStore = new InMemoryEhrStore(seedEhrSystems(sandboxBaseUrls(sandboxRunning.url)), seedOrganizations());
  const ehrData = {
    store: ehrStore,
    mappings: new InMemoryMappingStore(ehrStore),
    snapshots: new InMemorySnapshotStore(),
    transactions: new InMemoryTransactionStore({ createsPatient: createsPatientIn(ehrStore) }),
    alerts: new InMemoryAlertStore(),
  };
  const ehrPort = await freePort();
  let ehr: RunningService | undefined;
  let ehrService: ReturnType<typeof createEhr> | undefined;
  const startEhr = async (): Promise<void> => {
    const service = createEhr({
      verifier,
      ...ehrData,
      eventsSecret: TEST_EVENTS_SECRET,
      delivery: { policy: options.policy ?? TEST_RETRY_POLICY, intervalMs: 20 },
      // Tests drive the alert evaluation themselves (`evaluateAlerts`), with their own clock.
      alertEvaluationMs: 3_600_000,
      destinations: {
        requireHttps: false,
        ...options.destinations,
        allowedOrigins: [new URL(sandboxRunning.url).origin, ...(options.destinations?.allowedOrigins ?? [])],
      },
      ...overrides.ehr,
    });
    ehrService = service;
    ehr = await serveService(service, { port: ehrPort });
  };
  await startEhr();

  const events = { targetUrl: `http://127.0.0.1:${ehrPort}${EVENTS_PATH}`, secret: TEST_EVENTS_SECRET, ...TEST_RELAY };
  // The patient subgraph also sends its deletions to the clinical subgraph, which erases the answers.
  const clinicalPort = await freePort();
  const patientEvents = {
    ...events,
    subscribers: [{ url: `http://127.0.0.1:${clinicalPort}${EVENTS_PATH}`, types: ['patient.deleted' as const] }],
  };
  const patientStore = overrides.patient?.store ?? seedPatients();
  const clinicalStore = overrides.clinical?.store ?? seedClinical();
  const [patient, clinical] = await Promise.all([
    serveService(createPatient({ verifier, store: patientStore, events: patientEvents, ...overrides.patient }), {
      port: 0,
    }),
    serveService(
      createClinical({
        verifier,
        store: clinicalStore,
        patients: createHttpPatientDirectory({ graphUrl }),
        events,
        eventsSecret: TEST_EVENTS_SECRET,
        ...overrides.clinical,
      }),
      { port: clinicalPort },
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

  const post = async (path: string, body: unknown, token?: string) => {
    const response = await fetch(gateway.url.replace('/graphql', path), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return (await response.json()) as Loose;
  };
  const stopEhr = async (): Promise<void> => {
    await ehr?.close();
    ehr = undefined;
  };

  return {
    /** The gateway's /graphql, for tests that read a whole answer, errors included (`graphql` of ./index). */
    url: gateway.url,
    sandbox,
    /** Each service's GraphQL URL, for tests that call a subgraph directly (with a gateway token). */
    urls: {
      gateway: gateway.url,
      patient: patient.url,
      clinical: clinical.url,
      ehr: `http://127.0.0.1:${ehrPort}/graphql`,
    },
    /** The gateway's GraphQL URL (its auth routes are beside it). */
    gatewayUrl: gateway.url,
    transactions: ehrData.transactions,
    alerts: ehrData.alerts,
    /**
     * Evaluates every alert rule once at `now`, then sends the webhook notifications due (the ehr
     * subgraph's worker does both on a timer otherwise); answers what changed and the requests made.
     */
    evaluateAlerts: async (now?: Date) => {
      if (!ehrService) throw new Error('the ehr subgraph is stopped');
      const evaluation = await ehrService.shared.evaluator.evaluate(now);
      return { ...evaluation, requests: await ehrService.shared.notifier.flush(now) };
    },
    patientOutbox: patientStore.outbox,
    login: (email: string) => login(gateway.url, email),
    /** The answer's data; GraphQL errors throw. */
    graphql: async (token: string, query: string, variables: Record<string, unknown> = {}) => {
      const result = await graphql<Loose>(gateway.url, token, query, variables);
      if (result.errors) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
      return result.data!;
    },
    /** Creates an intake link as staff and opens it as the patient's page does: its intake token. */
    intakeLink: async (token: string, patientId: string, questionnaireId: string) => {
      const created = await post('/auth/intake-links', { patientId, questionnaireId }, token);
      return (await post('/auth/intake-links/open', { link: created['id'] as string }))['token'] as string;
    },
    stopEhr,
    startEhr,
    /** Resolves once every event is delivered to the ehr subgraph and no transaction is open. */
    settled: async (timeoutMs = 60_000) => {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const idle =
          (await patientStore.outbox.size()) === 0 &&
          (await clinicalStore.outbox.size()) === 0 &&
          (await ehrData.transactions.open()).length === 0;
        if (idle) return;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`not settled after ${timeoutMs} ms: ${JSON.stringify(await ehrData.transactions.counts())}`);
    },
    /** Stops in production's order: the gateway, then the subgraphs (their relays flush to ehr), then ehr. */
    stop: async () => {
      await gateway.close();
      await Promise.all([patient.close(), clinical.close()]);
      await stopEhr();
      await sandboxRunning.close();
    },
  };
}

export type InProcessStack = Awaited<ReturnType<typeof startInProcessStack>>;
