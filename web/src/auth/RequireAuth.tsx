import { Navigate, useLocation } from 'react-router';
import { useEffect, type ReactNode } from 'react';
import { useT } from '../i18n/I18nProvider';
import { useAuth } from './AuthProvider';

export interface LoginLocationState {
  from?: string;
  expired?: boolean;
  /** Signed out for inactivity. */
  inactive?: boolean;
  signedUp?: boolean;
  /** The email just signed up with, for the log-in form. */
  email?: string;
  /** Set by the log-in page on the page it opens: the focus goes to that page's `<main>`. */
  focusMain?: boolean;
}

/** Renders its children for a signed-in user; sends anyone else to /login, remembering where they were. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { state } = useAuth();
  const location = useLocation();
  const t = useT();
  const focusMain = (location.state as LoginLocationState | null)?.focusMain === true;
  const signedIn = state.status === 'signedIn';
  // Right after log-in, the page's content has the focus (not the body, where the log-in button was).
  useEffect(() => {
    if (signedIn && focusMain) document.getElementById('main')?.focus();
  }, [signedIn, focusMain, location.key]);
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
