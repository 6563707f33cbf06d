import { Navigate, useLocation } from 'react-router';
import type { ReactNode } from 'react';
import { useT } from '../i18n/I18nProvider';
import { useAuth } from './AuthProvider';

export interface LoginLocationState {
  from?: string;
  expired?: boolean;
  /** Signed out for inactivity. */
  inactive?: boolean;
  signedUp?: boolean;
}

/** Renders its children for a signed-in user; sends anyone else to /login, remembering where they were. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { state } = useAuth();
  const location = useLocation();
  const t = useT();
  if (state.status === 'restoring') {
    return (
      <p className="page-status" role="status">
        {t('common.loading')}
      </p>
    );
  }
  if (state.status === 'signedOut') {
    const loginState: LoginLocationState = { from: location.pathname + location.search, expired: state.expired };
    return <Navigate to="/login" replace state={loginState} />;
  }
  return <>{children}</>;
}
