import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError } from 'graphql';

/**
 * Which operation of a document to run, refused before anything runs when the request does not
 * say: one operation needs no `operationName`; several need it, and it must name one of them.
 * Apollo Server leaves an unresolved operation to execution, which a subgraph answers with its own
 * code and @apollo/gateway with an internal error (500); every service answers 400 BAD_REQUEST
 * instead, and an operation type the schema has none of (a subscription) 400
 * GRAPHQL_VALIDATION_FAILED. The operation name the client sent is not repeated.
 */
export function operationResolutionPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    // eslint-disable-next-line @typescript-eslint/require-await -- Apollo Server's hooks are async by contract
    async requestDidStart() {
      return {
        // eslint-disable-next-line @typescript-eslint/require-await -- as above
        async didResolveOperation({ operation, request, schema }) {
          if (!operation) {
            throw new GraphQLError(
              request.operationName != null
                ? 'The document has no operation of the name given in operationName.'
                : 'The document has several operations: give the name of the one to run in operationName.',
              { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } },
            );
          }
          if (!schema.getRootType(operation.operation)) {
            throw new GraphQLError(`This graph has no ${operation.operation} operations.`, {
              extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
