import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import type { Fetcher } from '@apollo/utils.fetcher';
import { serveHttp, type Logger, type RunningService } from '@carebridge/common';
import type { GatewayContext } from './context';
import { SubgraphDataSource } from './dataSource';

export interface GatewayOptions {
  /** The composed supergraph (supergraph.graphql). */
  supergraphSdl: string;
  /** Routing URLs that replace the composed ones, by subgraph name. */
  subgraphUrls?: Record<string, string>;
  /** How to reach a subgraph instead of HTTP, by name: tests serve subgraphs in-process. */
  fetchers?: Record<string, Fetcher>;
}

/** The gateway's Apollo Server over the composed supergraph; call `start()` before serving. */
export function createGatewayServer(options: GatewayOptions): ApolloServer<GatewayContext> {
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) => {
      const fetcher = options.fetchers?.[name];
      return new SubgraphDataSource({
        url: options.subgraphUrls?.[name] ?? url,
        ...(fetcher ? { fetcher } : {}),
      });
    },
  });
  return new ApolloServer<GatewayContext>({
    gateway,
    includeStacktraceInErrorResponses: false,
  });
}

/** Starts the gateway and serves it over HTTP (port 0 picks a free port). */
export async function serveGateway(
  options: GatewayOptions & { port: number; host?: string; logger: Logger },
): Promise<RunningService> {
  const server = createGatewayServer(options);
  await server.start();
  return serveHttp({
    server,
    logger: options.logger,
    port: options.port,
    ...(options.host === undefined ? {} : { host: options.host }),
    context: (request, requestId) => Promise.resolve({ requestId, headers: request.headers }),
  });
}
