import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Logger } from '../logger';
import { AUDIT_WRITE_FAILED, AuditWriteError, type AuditSink } from './chain';
import { openCoalescedReads } from './coalesce';
import { flushCoalescedReads } from './graph';

/**
 * Holds every response until the request's audit records are written, and answers an error
 * instead of the data when one was not: no patient data leaves without its record, however late
 * the sink writes. `willSendResponse` is the last hook before Apollo Server returns the body to
 * the HTTP layer (and to `executeOperation`), and it is awaited.
 *
 * The answer is the same for every sink and every cause: the whole response becomes one
 * INTERNAL_SERVER_ERROR with `AUDIT_WRITE_FAILED`, and no data (which of the fields were recorded
 * is not known here, so none is answered). The gateway masks it like any internal error.
 *
 * It also frames the request's coalesced reads (`coalesce.ts`): the batch opens as the request
 * starts and is recorded here, before the wait, so those records are settled like any other.
 */
export function auditSettledPlugin<TContext extends BaseContext>(logger: Logger): ApolloServerPlugin<TContext> {
  return {
    // eslint-disable-next-line @typescript-eslint/require-await -- Apollo Server's hooks are async by contract
    async requestDidStart({ contextValue }) {
      if (auditable(contextValue)) openCoalescedReads(contextValue);
      return {
        async willSendResponse({ contextValue: context, response }) {
          if (!auditable(context)) return;
          try {
            flushCoalescedReads(context);
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

function auditable(context: object): context is { audit: AuditSink; requestId: string } {
  const { audit, requestId } = context as Partial<{ audit: AuditSink; requestId: string }>;
  return audit !== undefined && requestId !== undefined;
}

function causeCode(error: unknown): string {
  const cause = error instanceof AuditWriteError ? error.cause : error;
  if (typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string') {
    return cause.code;
  }
  return cause instanceof Error ? cause.name : 'unknown';
}
