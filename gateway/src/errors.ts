import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin, GraphQLResponse } from '@apollo/server';
import {
  CLIENT_ERROR_CODES as COMMON_CLIENT_CODES,
  CLIENT_EXTENSIONS,
  clientError,
  formattedCode,
  type Logger,
} from '@carebridge/common';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { GatewayContext } from './contextTypes';
import { OPERATION_LIMIT, tokenLimitFromParseError } from './limits';

/**
 * What a client may see of an error. The graph holds PHI and subgraph errors can carry internal
 * messages, stack traces and patient data, so the gateway passes on only errors whose code says
 * they were written for a client (messages that name fields and reasons, never values); every
 * other error becomes a generic one with the request id, and its detail goes to the log.
 */
export const SUBGRAPH_UNAVAILABLE = 'SUBGRAPH_UNAVAILABLE';
export const INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR';
/** The gateway cannot tell whether the token was revoked (the deny-list is down): refused, 503. */
export const SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE';

/** The codes every service shows clients (common's), and the gateway's own. */
export const CLIENT_ERROR_CODES: ReadonlySet<string> = new Set([
  ...COMMON_CLIENT_CODES,
  OPERATION_LIMIT,
  SUBGRAPH_UNAVAILABLE,
  'TOO_MANY_ATTEMPTS',
  SERVICE_UNAVAILABLE,
]);

/**
 * Router-style codes for a subgraph that could not be reached. @apollo/gateway 2.14 itself
 * reports a failed fetch as a bare Error (no code, no path), which SubgraphDataSource turns into
 * SUBGRAPH_UNAVAILABLE at the right paths; this catches the same failure named the Router's way.
 * (DOWNSTREAM_SERVICE_ERROR is not here: the gateway uses it for an error a subgraph *answered*
 * without a code, which is an internal error, masked and logged.)
 */
const UNAVAILABLE_CODES: ReadonlySet<string> = new Set([SUBGRAPH_UNAVAILABLE, 'SUBREQUEST_HTTP_ERROR']);

/** The extensions a client-facing error keeps (common's, and the limit's); anything else is dropped. */
const KEPT_EXTENSIONS = [...CLIENT_EXTENSIONS, 'limit', 'value', 'max'];

export const internalMessage = (requestId: string): string =>
  `Internal error. Quote request id ${requestId} to support.`;

/** An internal error raised where the request id is known but no plugin runs (context creation). */
export class InternalError extends GraphQLError {
  constructor(readonly requestId: string) {
    super(internalMessage(requestId), { extensions: { code: INTERNAL_SERVER_ERROR, requestId } });
  }
}

/** The `code` of an error as Apollo Server and the gateway hand it over (it may be a bare Error). */
export function errorCode(error: unknown): string | undefined {
  const code = error instanceof GraphQLError ? error.extensions['code'] : undefined;
  return typeof code === 'string' ? code : undefined;
}

export function isClientFacing(code: string | undefined): boolean {
  return code !== undefined && CLIENT_ERROR_CODES.has(code);
}

/**
 * The gateway's `formatError`: it sees every error Apollo Server sends, including those raised
 * before a request has a context (CSRF, batching, an invalid token), and keeps only client-facing
 * ones. It has no request context, so a masked error's request id is filled in by
 * `errorReportingPlugin` (or was set by `InternalError`).
 */
export function createErrorFormatter(options: { production: boolean }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formattedCode(formatted);
    const where = {
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
    };

    // The token limit is enforced by graphql-js's parser, which reports it as a syntax error.
    const maxTokens = code === 'GRAPHQL_PARSE_FAILED' ? tokenLimitFromParseError(formatted.message) : undefined;
    if (maxTokens !== undefined) {
      return {
        message: `Operation refused (tokens limit): it has more than ${maxTokens} tokens; the limit is ${maxTokens}. Ask for less in one request.`,
        extensions: { code: OPERATION_LIMIT, limit: 'tokens', value: `more than ${maxTokens}`, max: maxTokens },
      };
    }
    if (code !== undefined && UNAVAILABLE_CODES.has(code) && code !== SUBGRAPH_UNAVAILABLE) {
      return {
        message: 'A service this answer needs is unavailable.',
        ...where,
        extensions: { code: SUBGRAPH_UNAVAILABLE },
      };
    }
    if (isClientFacing(code))
      return clientError(formatted, { production: options.production, extensions: KEPT_EXTENSIONS });
    const requestId = error instanceof InternalError ? error.requestId : undefined;
    return {
      message: requestId ? internalMessage(requestId) : 'Internal error.',
      ...where,
      extensions: { code: INTERNAL_SERVER_ERROR, ...(requestId ? { requestId } : {}) },
    };
  };
}

function withRequestId(errors: readonly GraphQLFormattedError[] | undefined, requestId: string) {
  return errors?.map((error) =>
    error.extensions?.['code'] === INTERNAL_SERVER_ERROR && error.extensions['requestId'] === undefined
      ? { ...error, message: internalMessage(requestId), extensions: { code: INTERNAL_SERVER_ERROR, requestId } }
      : error,
  );
}

function fillRequestId(body: GraphQLResponse['body'] | undefined, requestId: string): void {
  if (body?.kind === 'single') {
    if (body.singleResult.errors) body.singleResult.errors = withRequestId(body.singleResult.errors, requestId);
  } else if (body?.kind === 'incremental') {
    if (body.initialResult.errors) body.initialResult.errors = withRequestId(body.initialResult.errors, requestId);
  }
}

/** A subgraph's own stack trace, when it sent one, else ours. */
function stackOf(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const remote = error instanceof GraphQLError ? error.extensions['stacktrace'] : undefined;
  if (Array.isArray(remote)) return remote.map(String).join('\n');
  if (error instanceof GraphQLError && error.originalError?.stack) return error.originalError.stack;
  return error.stack;
}

/**
 * Logs every error a client will not see in full, with the request id (never the variables, which
 * hold PHI), and puts that request id into the masked errors the client gets, so support can find
 * the log line from what the user quotes.
 */
export function errorReportingPlugin(logger: Logger): ApolloServerPlugin<GatewayContext> {
  return {
    // eslint-disable-next-line @typescript-eslint/require-await -- Apollo Server's hooks are async by contract
    async requestDidStart({ contextValue }) {
      // Every gateway context has one; an executeOperation call without a context still gets an id.
      const requestId = (contextValue as Partial<GatewayContext> | undefined)?.requestId ?? randomUUID();
      return {
        // eslint-disable-next-line @typescript-eslint/require-await -- as above
        async didEncounterErrors({ errors }) {
          for (const error of errors as readonly unknown[]) {
            const code = errorCode(error);
            if (isClientFacing(code)) continue;
            const graphqlError = error instanceof GraphQLError ? error : undefined;
            const service = graphqlError?.extensions['serviceName'];
            logger.error('graphql.error', {
              requestId,
              code: code ?? INTERNAL_SERVER_ERROR,
              message: error instanceof Error ? error.message : String(error),
              path: graphqlError?.path?.join('.'),
              subgraph: typeof service === 'string' ? service : undefined,
              stack: stackOf(error),
            });
          }
        },
        // eslint-disable-next-line @typescript-eslint/require-await -- as above
        async willSendResponse({ response }) {
          fillRequestId(response.body, requestId);
        },
      };
    },
  };
}
