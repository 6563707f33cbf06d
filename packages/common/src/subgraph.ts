import { readFileSync } from 'node:fs';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { parse, type DocumentNode, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { CLIENT_ERROR_CODES, clientError, formattedCode } from './masking';
import { operationResolutionPlugin } from './operation';

/** Reads a subgraph's `schema.graphql`: the schema is a file, the contract, never a string in code. */
export function loadTypeDefs(schemaFile: URL): DocumentNode {
  return parse(readFileSync(schemaFile, 'utf8'));
}

/**
 * Builds a federated subgraph schema. `resolvers` is the generated `Resolvers` type of the
 * subgraph, which is stricter than (and so not assignable to) @apollo/subgraph's own map type.
 */
export function buildSchema(typeDefs: DocumentNode, resolvers: object): GraphQLSchema {
  return buildSubgraphSchema({ typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> });
}

export interface SubgraphServerOptions {
  /** No introspection and no "Did you mean …?" suggestions (NODE_ENV=production by default). */
  production?: boolean;
}

/** NODE_ENV=production, what a subgraph defaults to when it is not told. */
export function isProduction(env: Record<string, string | undefined> = process.env): boolean {
  return env['NODE_ENV'] === 'production';
}

/**
 * A subgraph's `formatError`: a client-facing error keeps its code and a message with every
 * submitted value taken out (masking.ts), whether the gateway or a direct caller reads it.
 */
export function subgraphErrorFormatter(options: { production: boolean }) {
  return (formatted: GraphQLFormattedError): GraphQLFormattedError => {
    const code = formattedCode(formatted);
    return code !== undefined && CLIENT_ERROR_CODES.has(code) ? clientError(formatted, options) : formatted;
  };
}

/** The Apollo Server of one subgraph; callers `start()` it or use `executeOperation` in tests. */
export function createSubgraphServer<TContext extends BaseContext>(
  schema: GraphQLSchema,
  plugins: ApolloServerPlugin<TContext>[] = [],
  options: SubgraphServerOptions = {},
): ApolloServer<TContext> {
  const production = options.production ?? isProduction();
  return new ApolloServer<TContext>({
    schema,
    // Subgraph errors reach clients only through the gateway; stack traces never leave the process.
    includeStacktraceInErrorResponses: false,
    formatError: subgraphErrorFormatter({ production }),
    introspection: !production,
    hideSchemaDetailsFromClientErrors: production,
    // Each service stops on SIGINT/SIGTERM in its own order (stopOnSignals); Apollo's own handler
    // would stop the server and re-raise the signal, ending the process before that order ran.
    stopOnTerminationSignals: false,
    // Inline traces feed Apollo's hosted usage reporting, which this platform does not use.
    plugins: [ApolloServerPluginInlineTraceDisabled(), operationResolutionPlugin<TContext>(), ...plugins],
  });
}

/**
 * Runs a `__resolveReference` body so that an error (FORBIDDEN, say) fails only its own entity:
 * `_entities` resolves a batch of references in one loop, and a synchronous throw would fail the
 * whole list, one organization's refusal taking the caller's own data with it. A rejected promise
 * fails only its entity, with its error at `["_entities", i]`.
 */
export function perEntity<T>(resolve: () => T): Promise<T> {
  return new Promise((done) => done(resolve()));
}
