import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  OperationTypeNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { viewerLogFields } from './access';
import type { ServiceContext } from './context';
import { ErrorCode } from './errors';
import type { Logger } from './logger';

/**
 * Who may read a subgraph's SDL (`_service`). The gateway composes from the schema files, so at
 * run time nothing it does asks a subgraph for `_service`: only tooling does (rover subgraph
 * introspect, the contract tests). In production `_service` is answered to the gateway's service
 * token only; in development to any valid token, so Sandbox and rover work against a subgraph.
 * The service token itself reads `_service` and nothing else, in both.
 */

/** The root fields an operation selects, fragments and inline fragments at the root included. */
export function rootFieldNames(document: DocumentNode, operation: OperationDefinitionNode): Set<string> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const names = new Set<string>();
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode): void => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) names.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) walk(fragment.selectionSet);
      }
    }
  };
  walk(operation.selectionSet);
  return names;
}

const SERVICE_FIELDS: ReadonlySet<string> = new Set(['_service', '__typename']);

function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.FORBIDDEN, http: { status: 403 } } });
}

/** Refuses, before anything runs, what `_service`'s rule above does not allow. */
export function serviceSdlPlugin<TContext extends BaseContext>(options: {
  production: boolean;
  logger: Logger;
}): ApolloServerPlugin<TContext> {
  return {
    // eslint-disable-next-line @typescript-eslint/require-await -- Apollo Server's hooks are async by contract
    async requestDidStart({ contextValue }) {
      const context = contextValue as Partial<ServiceContext> & BaseContext;
      return {
        // eslint-disable-next-line @typescript-eslint/require-await -- as above
        async didResolveOperation({ document, operation }) {
          if (!operation) return;
          const fields = rootFieldNames(document, operation);
          if (context.serviceToken === true) {
            if (
              operation.operation === OperationTypeNode.QUERY &&
              [...fields].every((name) => SERVICE_FIELDS.has(name))
            )
              return;
            options.logger.warn('auth.denied', {
              requestId: context.requestId,
              viewerKind: 'service',
              reason: 'SERVICE_TOKEN_SCOPE',
            });
            throw forbidden('A service token reads `_service` only.');
          }
          if (!options.production || !fields.has('_service')) return;
          options.logger.warn('auth.denied', {
            requestId: context.requestId,
            ...(context.viewer ? viewerLogFields(context.viewer) : {}),
            reason: 'SERVICE_TOKEN_REQUIRED',
          });
          throw forbidden('`_service` is answered to the gateway’s service token only.');
        },
      };
    },
  };
}
