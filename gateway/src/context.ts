import { bearerToken, unauthenticated, type Logger, type TokenVerifier } from '@carebridge/common';
import { GraphQLError } from 'graphql';
import { errorCode, InternalError, isClientFacing, SERVICE_UNAVAILABLE } from './errors';
import { SharedStateUnavailableError } from './shared';

export type { ContextBuilder, GatewayContext } from './contextTypes';
import type { ContextBuilder } from './contextTypes';

/**
 * Builds a GraphQL request's context; refuses (401) a request without a valid token or with a
 * revoked one (`check`: auth's verifier with the deny-list), and answers 503 when the deny-list
 * cannot say: a token is never assumed not revoked.
 */
export function graphqlContext(check: TokenVerifier, logger: Logger): ContextBuilder {
  return async (headers, requestId) => {
    try {
      const token = bearerToken(headers);
      if (!token) throw unauthenticated('Sign in: this request needs an access token (Authorization: Bearer <token>).');
      const verified = await check(token);
      if (!verified.ok) {
        logger.warn('auth.rejected', { requestId, reason: verified.reason });
        throw unauthenticated(
          verified.reason === 'revoked'
            ? 'Your session has ended: sign in again.'
            : 'Your access token is invalid or has expired: sign in again.',
        );
      }
      return { requestId, token, viewer: verified.viewer };
    } catch (error) {
      if (error instanceof SharedStateUnavailableError) {
        logger.warn('auth.revocation_unavailable', { requestId });
        throw new GraphQLError('Sign-in checks are unavailable right now. Try again shortly.', {
          extensions: { code: SERVICE_UNAVAILABLE, http: { status: 503, headers: new Map([['retry-after', '5']]) } },
        });
      }
      if (isClientFacing(errorCode(error))) throw error;
      // No request plugin runs for a request without a context: log and name the request id here.
      logger.error('graphql.error', {
        requestId,
        code: 'INTERNAL_SERVER_ERROR',
        message: error instanceof Error ? error.message : String(error),
        stack: error instanceof Error ? error.stack : undefined,
      });
      throw new InternalError(requestId);
    }
  };
}
