import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { HeaderMap } from '@apollo/server';
import type { Fetcher } from '@apollo/utils.fetcher';
import {
  createTokenVerifier,
  REQUEST_ID_HEADER,
  serveHttp,
  silentLogger,
  type RunningService,
  type ServiceContext,
  type SubgraphService,
  type Viewer,
} from '@carebridge/common';
import { createService as createClinical } from '@carebridge/clinical-subgraph/src/server';
import { createService as createEhr } from '@carebridge/ehr-subgraph/src/server';
import { createService as createPatient } from '@carebridge/patient-subgraph/src/server';
import { generateSigningJwk, keyRingFromJwks } from '../../src/auth/keys';
import { SUPERGRAPH_SDL } from '../../src/compose';
import { createGateway, type Gateway, type GatewayOptions } from '../../src/server';

/** Cheap scrypt for tests that sign in many times; the production default is OWASP's. */
export const TEST_PASSWORD_PARAMS = { N: 2 ** 12, r: 8, p: 1 };

/** Apollo Server starts once; several fetchers (several gateways) may share one subgraph. */
const starts = new WeakMap<object, Promise<void>>();
function startOnce(service: { server: { start(): Promise<void> } }): Promise<void> {
  let started = starts.get(service.server);
  if (!started) {
    started = service.server.start();
    starts.set(service.server, started);
  }
  return started;
}

/**
 * A fetcher that hands the gateway's subgraph request to a subgraph's Apollo Server in-process,
 * through the same HTTP request handling (headers, CSRF rules, context from headers) a network
 * call gets, without a port.
 */
export function inProcessFetcher<TContext extends ServiceContext>(
  service: SubgraphService<TContext>,
  seen: Record<string, string>[] = [],
): Fetcher {
  return async (_url, init = {}) => {
    seen.push({ ...init.headers });
    await startOnce(service);
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(init.headers ?? {})) headers.set(key.toLowerCase(), value);
    const result = await service.server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: init.method ?? 'POST',
        headers,
        search: '',
        body: init.body === undefined ? undefined : (JSON.parse(String(init.body)) as unknown),
      },
      context: () =>
        service.createContext({
          headers: Object.fromEntries(headers),
          requestId: headers.get(REQUEST_ID_HEADER) ?? randomUUID(),
        }),
    });
    if (result.body.kind !== 'complete') throw new Error('in-process subgraphs answer in one piece');
    return new Response(result.body.string, {
      status: result.status ?? 200,
      headers: Object.fromEntries(result.headers),
    });
  };
}

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

export const RIVERSIDE_CLINICIAN: Viewer = {
  kind: 'staff',
  userId: 'user-rc',
  organizationId: 'org-riverside',
  role: 'CLINICIAN',
};

/** The real gateway over the committed supergraph.graphql, with the three real subgraphs in-process. */
export async function startLocalSupergraph(options: Partial<GatewayOptions> = {}): Promise<LocalSupergraph> {
  const keys = options.keys ?? (await keyRingFromJwks([await generateSigningJwk()]));
  const verifier = createTokenVerifier({ jwks: keys.jwks });
  // The clinical subgraph's patient directory calls the gateway, which is built after the subgraphs.
  const late: { gateway?: Gateway } = {};
  const subgraphRequests: Record<string, string>[] = [];
  const services = {
    patient: createPatient({ verifier }),
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
    }),
    ehr: createEhr({ verifier }),
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
    ...options,
  });
  late.gateway = gateway;
  await gateway.server.start();
  const live = gateway;
  const tokenFor = (viewer: Viewer): Promise<string> =>
    viewer.kind === 'staff'
      ? live.tokens.accessToken({ id: viewer.userId, organizationId: viewer.organizationId, role: viewer.role })
      : live.tokens.intakeToken(viewer);
  return {
    gateway: live,
    subgraphRequests,
    serve: () =>
      serveHttp({
        server: live.server,
        logger: silentLogger,
        port: 0,
        routes: live.routes,
        context: (request, requestId) => live.context(request.headers, requestId),
      }),
    services,
    tokenFor,
    query: async <TData>(
      query: string,
      variables: Record<string, unknown> = {},
      viewer: Viewer = RIVERSIDE_CLINICIAN,
    ) => {
      const context = await live.context({ authorization: `Bearer ${await tokenFor(viewer)}` }, randomUUID());
      const response = await live.server.executeOperation({ query, variables }, { contextValue: context });
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      return response.body.singleResult as Result<TData>;
    },
    stop: async () => {
      await live.server.stop();
      // A subgraph no request reached was never started, and Apollo Server refuses to stop it.
      await Promise.all(
        Object.values(services)
          .filter((s) => starts.has(s.server))
          .map((s) => s.server.stop()),
      );
    },
  };
}
