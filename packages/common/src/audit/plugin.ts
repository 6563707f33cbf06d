import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Logger } from '../logger';
import { AUDIT_WRITE_FAILED, AuditWriteError, type AuditSink } from './chain';

/**
 * Holds every response until the request's audit records are written, and answers an error
 * instead of the data when one was not: no patient data leaves without its record, however late
 * the sink writes. `willSendResponse` is the last hook before Apollo Server returns the body to
 * the HTTP layer (and to `executeOperation`), and it is awaited.
 *
 * The answer is the same for every sink and every cause: the whole response becomes one
 * INTERNAL_SERVER_ERROR with `AUDIT_WRITE_FAILED`, and no data (which of the fields were recorded
 * is not known here, so none is answered). The gateway masks it like any internal error.
 */
export function auditSettledPlugin<TContext extends BaseContext>(logger: Logger): ApolloServerPlugin<TContext> {
  return {
    // eslint-disable-next-line @typescript-eslint/require-await -- Apollo Server's hooks are async by contract
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const context = contextValue as Partial<{ audit: AuditSink; requestId: string }>;
          if (!context.audit || context.requestId === undefined) return;
          try {
            await context.audit.settled(context.requestId);
          } catch (error) {
            logger.error('audit.write_failed', {
              requestId: context.requestId,
              // The cause's code or name only: a database error's message can quote the row.
              code: causeCode(error),
            });
            response.body = {
              kind: 'single',
              singleResult: {
                data: null,
                errors: [{ message: AUDIT_WRITE_FAILED, extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
              },
            };
          }
        },
      };
    },
  };
}

function causeCode(error: unknown): string {
  const cause = error instanceof AuditWriteError ? error.cause : error;
  if (typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string') {
    return cause.code;
  }
  return cause instanceof Error ? cause.name : 'unknown';
}
