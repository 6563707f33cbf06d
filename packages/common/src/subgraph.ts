import { readFileSync } from 'node:fs';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { parse, type DocumentNode, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { AuditWriteError } from './audit/chain';
import type { Logger } from './logger';
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

/** What a subgraph answers for any error that was not written for a client. */
export const INTERNAL_ERROR_MESSAGE = 'Internal server error.';

const isClientCode = (code: unknown): boolean => typeof code === 'string' && CLIENT_ERROR_CODES.has(code);

/**
 * A subgraph's `formatError`, as the gateway's: a client-facing error keeps its code and a message
 * with every submitted value taken out (masking.ts); any other (a resolver's exception, a file or
 * database error whose message names a path or quotes a row) is INTERNAL_SERVER_ERROR
 * "Internal server error." with only where it happened, whoever called. The log has the rest
 * (`subgraphErrorLogPlugin`).
 */
export function subgraphErrorFormatter(options: { production: boolean }) {
  return (formatted: GraphQLFormattedError): GraphQLFormattedError => {
    if (isClientCode(formattedCode(formatted))) return clientError(formatted, options);
    return {
      message: INTERNAL_ERROR_MESSAGE,
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

/** A system or database code (EISDIR, ECONNREFUSED, 23505) of an error or its cause; never a message. */
function systemCode(error: Error): string | undefined {
  for (const candidate of [error, error.cause]) {
    const code = (candidate as { code?: unknown } | undefined)?.code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/**
 * Logs each error a subgraph masked as `graphql.error`: the request id, the field path, the code
 * and the error's class and system code only. Messages stay out: a driver's or a file system's can
 * quote a row or a path, and a resolver's can hold what it was working on.
 */
export function subgraphErrorLogPlugin<TContext extends BaseContext>(logger: Logger): ApolloServerPlugin<TContext> {
  return {
    // eslint-disable-next-line @typescript-eslint/require-await -- Apollo Server's hooks are async by contract
    async requestDidStart({ contextValue }) {
      const requestId = (contextValue as Partial<{ requestId: string }> | undefined)?.requestId;
      return {
        // eslint-disable-next-line @typescript-eslint/require-await -- as above
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            const code = error.extensions['code'];
            if (isClientCode(code)) continue;
            const original = error.originalError ?? error;
            // The audit plugin answers and logs (audit.write_failed) a record that was not written.
            if (original instanceof AuditWriteError) continue;
            logger.error('graphql.error', {
              requestId,
              code: typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR',
              errorClass: original.name,
              systemCode: systemCode(original),
              path: error.path?.join('.'),
            });
          }
        },
      };
    },
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
    // Inline traces feed Apollo's hosted usage reporting, which this platform does not use. Cache
    // hints (@cacheControl) are not used either: the gateway never caches PHI, and the plugin would
    // wrap every field's resolver to compute them.
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      operationResolutionPlugin<TContext>(),
      ...plugins,
    ],
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
