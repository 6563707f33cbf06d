import { useApolloClient } from '@apollo/client/react';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { Outlet } from 'react-router';
import type { AuthSession, SessionState } from './session';

interface AuthValue {
  session: AuthSession;
  state: SessionState;
  /** Ends the session and empties the Apollo cache, so the next user sees nothing of this one's data. */
  logout: () => Promise<void>;
}

const AuthContext = createContext<AuthValue | null>(null);

/**
 * The session object, for the routes that use it. Only staff routes mount `StaffSession` (and so
 * restore a session from the refresh cookie): the intake page, which a patient may open on a
 * clinic's tablet, must never bring a staff session back.
 */
const SessionContext = createContext<AuthSession | null>(null);

export function SessionProvider({ session, children }: { session: AuthSession; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

/** The session object outside the staff routes (the intake page posts through its fetch). */
export function useSessionObject(): AuthSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSessionObject must be used inside <SessionProvider>');
  return session;
}

/** A layout route: the staff session (restored on first use) for the routes inside it. */
export function StaffSession() {
  const session = useContext(SessionContext);
  if (!session) throw new Error('StaffSession must be used inside <SessionProvider>');
  return (
    <AuthProvider session={session}>
      <Outlet />
    </AuthProvider>
  );
}

export function AuthProvider({ session, children }: { session: AuthSession; children: ReactNode }) {
  const client = useApolloClient();
  const state = useSyncExternalStore(session.subscribe, session.getState);

  useEffect(() => {
    void session.restore();
  }, [session]);

  // Whenever a user's session ends (log-out, expiry, another tab's log-out) or another user's
  // begins, the cache goes: the next person at this screen must not see the last one's patients.
  const userId = state.status === 'signedIn' ? state.user.id : null;
  const previousUserId = useRef(userId);
  useEffect(() => {
    if (previousUserId.current !== null && previousUserId.current !== userId) void client.clearStore();
    previousUserId.current = userId;
  }, [userId, client]);

  const logout = useCallback(async () => {
    await session.logout();
    await client.clearStore();
  }, [session, client]);

  const value = useMemo(() => ({ session, state, logout }), [session, state, logout]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}
