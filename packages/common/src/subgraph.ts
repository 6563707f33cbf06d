import { readFileSync } from 'node:fs';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { parse, type DocumentNode, type GraphQLSchema } from 'graphql';

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

/** The Apollo Server of one subgraph; callers `start()` it or use `executeOperation` in tests. */
export function createSubgraphServer<TContext extends BaseContext>(
  schema: GraphQLSchema,
  plugins: ApolloServerPlugin<TContext>[] = [],
): ApolloServer<TContext> {
  return new ApolloServer<TContext>({
    schema,
    // Subgraph errors reach clients only through the gateway; stack traces never leave the process.
    includeStacktraceInErrorResponses: false,
    // Each service stops on SIGINT/SIGTERM in its own order (stopOnSignals); Apollo's own handler
    // would stop the server and re-raise the signal, ending the process before that order ran.
    stopOnTerminationSignals: false,
    // Inline traces feed Apollo's hosted usage reporting, which this platform does not use.
    plugins: [ApolloServerPluginInlineTraceDisabled(), ...plugins],
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
