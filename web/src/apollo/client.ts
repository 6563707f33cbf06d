import { ApolloClient, ApolloLink, HttpLink, ServerError, type ErrorLike } from '@apollo/client';
import { isErrorLike } from '@apollo/client/errors';
import { SetContextLink } from '@apollo/client/link/context';
import { ErrorLink } from '@apollo/client/link/error';
import { catchError, from, switchMap, throwError } from 'rxjs';
import type { AuthSession } from '../auth/session';
import { hasErrorCode } from '../lib/graphqlErrors';
import { createCache } from './cache';

/** The gateway answers 401 to a missing or expired token; over graphql-response+json that arrives as an error code. */
export function isUnauthenticated(error: ErrorLike): boolean {
  if (ServerError.is(error)) return error.statusCode === 401;
  return hasErrorCode(error, 'UNAUTHENTICATED');
}

/**
 * An operation that carries its own credential (the intake page sends the intake link's token)
 * sets `context: bearer(token)`: the staff token is then not added and a 401 does not refresh the
 * staff session.
 */
export function bearer(token: string): { headers: { authorization: string }; ownCredential: true } {
  return { headers: { authorization: `Bearer ${token}` }, ownCredential: true };
}

/**
 * The link chain: refresh-on-401 → bearer token → HTTP.
 *
 * The retry goes back through the auth link, so it carries the new token. It happens once per
 * operation; a second 401, or a refused refresh, ends the session, and `RequireAuth` then sends the
 * user to /login.
 */
export function createLink(session: AuthSession, terminating: ApolloLink): ApolloLink {
  const auth = new SetContextLink((prevContext) => {
    if (prevContext['ownCredential'] === true) return {};
    const token = session.accessToken;
    const headers = (prevContext['headers'] ?? {}) as Record<string, string>;
    return { headers: token ? { ...headers, authorization: `Bearer ${token}` } : headers };
  });

  const refreshOn401 = new ErrorLink(({ error, operation, forward }) => {
    if (!isUnauthenticated(error) || operation.getContext()['ownCredential'] === true) return;
    return from(session.refresh()).pipe(
      switchMap((refreshed) => (refreshed ? forward(operation) : throwError(() => error))),
      // ErrorLink does not run its handler again for the retry's errors: a second 401 lands here.
      catchError((retryError: unknown) => {
        if (isErrorLike(retryError) && isUnauthenticated(retryError)) session.expire();
        return throwError(() => retryError);
      }),
    );
  });

  return ApolloLink.from([refreshOn401, auth, terminating]);
}

export function createApolloClient(session: AuthSession): ApolloClient {
  return new ApolloClient({
    link: createLink(session, new HttpLink({ uri: '/graphql' })),
    cache: createCache(),
  });
}
