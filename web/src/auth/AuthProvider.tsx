import { useApolloClient } from '@apollo/client/react';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import type { AuthSession, SessionState } from './session';

interface AuthValue {
  session: AuthSession;
  state: SessionState;
  /** Ends the session and empties the Apollo cache, so the next user sees nothing of this one's data. */
  logout: () => Promise<void>;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ session, children }: { session: AuthSession; children: ReactNode }) {
  const client = useApolloClient();
  const state = useSyncExternalStore(session.subscribe, session.getState);

  useEffect(() => {
    void session.restore();
  }, [session]);

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
