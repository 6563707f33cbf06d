import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { Fetcher } from '@apollo/utils.fetcher';
import { REQUEST_ID_HEADER, type ServiceContext, type SubgraphService } from '@carebridge/common';
import { createService as createClinical } from '@carebridge/clinical-subgraph/src/server';
import { createService as createEhr } from '@carebridge/ehr-subgraph/src/server';
import { createService as createPatient } from '@carebridge/patient-subgraph/src/server';
import type { GatewayContext } from '../../src/context';
import { SUPERGRAPH_SDL } from '../../src/compose';
import { createGatewayServer } from '../../src/server';

/**
 * A fetcher that hands the gateway's subgraph request to a subgraph's Apollo Server in-process,
 * through the same HTTP request handling (headers, CSRF rules, context from headers) a network
 * call gets, without a port.
 */
export function inProcessFetcher<TContext extends ServiceContext>(service: SubgraphService<TContext>): Fetcher {
  let started: Promise<void> | undefined;
  return async (_url, init = {}) => {
    started ??= service.server.start();
    await started;
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

export interface LocalSupergraph {
  gateway: ApolloServer<GatewayContext>;
  services: {
    patient: ReturnType<typeof createPatient>;
    clinical: ReturnType<typeof createClinical>;
    ehr: ReturnType<typeof createEhr>;
  };
  /** Runs one operation through the gateway and answers its single result. */
  query<TData = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<{ data?: TData | null; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] }>;
  stop(): Promise<void>;
}

/** The real gateway over the committed supergraph.graphql, with the three real subgraphs in-process. */
export async function startLocalSupergraph(): Promise<LocalSupergraph> {
  const services = { patient: createPatient(), clinical: createClinical(), ehr: createEhr() };
  const gateway = createGatewayServer({
    supergraphSdl: readFileSync(SUPERGRAPH_SDL, 'utf8'),
    fetchers: {
      patient: inProcessFetcher(services.patient),
      clinical: inProcessFetcher(services.clinical),
      ehr: inProcessFetcher(services.ehr),
    },
  });
  await gateway.start();
  return {
    gateway,
    services,
    query: async (query, variables = {}) => {
      const response = await gateway.executeOperation(
        { query, variables },
        { contextValue: { requestId: randomUUID(), headers: {} } },
      );
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      return response.body.singleResult as never;
    },
    stop: async () => {
      await gateway.stop();
      await Promise.all(Object.values(services).map((s) => s.server.stop()));
    },
  };
}
