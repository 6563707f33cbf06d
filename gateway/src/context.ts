import { bearerToken, unauthenticated, type Logger, type TokenVerifier } from '@carebridge/common';
import { errorCode, InternalError, isClientFacing } from './errors';

export type { ContextBuilder, GatewayContext } from './contextTypes';
import type { ContextBuilder } from './contextTypes';

/** Builds a GraphQL request's context; refuses (401) a request without a valid token. */
export function graphqlContext(verify: TokenVerifier, logger: Logger): ContextBuilder {
  return async (headers, requestId) => {
    try {
      const token = bearerToken(headers);
      if (!token) throw unauthenticated('Sign in: this request needs an access token (Authorization: Bearer <token>).');
      const verified = await verify(token);
      if (!verified.ok) {
        logger.warn('auth.rejected', { requestId, reason: verified.reason });
        throw unauthenticated('Your access token is invalid or has expired: sign in again.');
      }
      return { requestId, token, viewer: verified.viewer };
    } catch (error) {
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
