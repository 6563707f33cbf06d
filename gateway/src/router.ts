import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import type { Fetcher } from '@apollo/utils.fetcher';
import { operationResolutionPlugin, type Logger, type ServiceMetrics } from '@carebridge/common';
import { readProtection } from './config';
import type { GatewayContext } from './context';
import { SubgraphDataSource } from './dataSource';
import { createErrorFormatter, errorReportingPlugin } from './errors';
import { operationLimitsPlugin, type OperationLimits } from './limits';
import { useCompiledResultShaping } from './resultShaping';
import { subgraphHttp } from './subgraphHttp';

export interface RouterOptions {
  /** The composed supergraph (supergraph.graphql). */
  supergraphSdl: string;
  /** Routing URLs that replace the composed ones, by subgraph name. */
  subgraphUrls?: Record<string, string>;
  /** How to reach a subgraph instead of HTTP, by name: tests serve subgraphs in-process. */
  fetchers?: Record<string, Fetcher>;
  /**
   * Production mode: no introspection, no "Did you mean" suggestions, no landing page. Defaults
   * to NODE_ENV=production (config.ts `readProtection`), so development unless told otherwise.
   */
  production?: boolean;
  /** Operation limits; each one left out is its LIMIT_* environment value or default (limits.ts). */
  limits?: Partial<OperationLimits>;
  /** Deadline of one subgraph call over HTTP (SUBGRAPH_TIMEOUT_MS, 10 s); `fetchers` are not limited. */
  subgraphTimeoutMs?: number;
  logger: Logger;
  /** Where operations and subgraph fetches are counted (createGateway makes one); none when left out. */
  metrics?: ServiceMetrics;
}

/** Apollo Server over the composed supergraph, with the gateway's protections. Call `start()`. */
export function createRouter(options: RouterOptions): ApolloServer<GatewayContext> {
  // @apollo/gateway otherwise reports usage metrics to Apollo and probes cloud metadata hosts at
  // start; a platform holding PHI sends nothing anywhere it was not told to. The library offers
  // only this environment switch, read when the gateway is constructed.
  process.env['APOLLO_TELEMETRY_DISABLED'] = 'true';
  // Whatever the caller leaves out comes from the environment through config.ts, so a caller that
  // predates an option still gets NODE_ENV=production behaviour and the LIMIT_* settings.
  const defaults = readProtection();
  const production = options.production ?? defaults.production;
  const limits: OperationLimits = { ...defaults.limits, ...options.limits };
  const http = subgraphHttp(options.subgraphTimeoutMs ?? defaults.subgraphTimeoutMs);
  // Responses shaped by steps compiled once per operation instead of @apollo/gateway's per-field
  // interpretation (resultShaping.ts); the same answers, a sixth of the gateway's CPU less.
  useCompiledResultShaping();

  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) =>
      new SubgraphDataSource({
        name,
        url: options.subgraphUrls?.[name] ?? url,
        http,
        ...(options.fetchers?.[name] ? { fetcher: options.fetchers[name] } : {}),
        logger: options.logger,
        ...(options.metrics ? { metrics: options.metrics } : {}),
      }),
  });
  return new ApolloServer<GatewayContext>({
    gateway,
    includeStacktraceInErrorResponses: false,
    // Clients see only errors written for them; everything else is masked and logged.
    formatError: createErrorFormatter({ production }),
    introspection: !production,
    // Apollo Server 5's switch for the "Did you mean …?" hints that spell out the schema.
    hideSchemaDetailsFromClientErrors: production,
    // The landing page is Sandbox in development; production serves none (Sandbox loads from a CDN).
    plugins: [
      ...(options.metrics ? [options.metrics.plugin<GatewayContext>()] : []),
      production ? ApolloServerPluginLandingPageDisabled() : ApolloServerPluginLandingPageLocalDefault(),
      // An operation that cannot be resolved answers 400 before the limits measure it.
      operationResolutionPlugin(),
      operationLimitsPlugin(limits),
      errorReportingPlugin(options.logger),
    ],
    // graphql-js stops lexing past this many tokens, so an oversized query is refused before it is parsed whole.
    parseOptions: { maxTokens: limits.maxTokens },
    // Apollo's own guard against fragments that multiply selections during validation.
    maxRecursiveSelections: true,
    // An array of operations in one request would multiply every limit above; one operation per request.
    allowBatchedHttpRequests: false,
    // Default, stated: a GET or simple POST without a preflight-forcing header is refused.
    csrfPrevention: true,
    // The process stops in its own order on SIGINT/SIGTERM (stopOnSignals in index.ts).
    stopOnTerminationSignals: false,
  });
}
