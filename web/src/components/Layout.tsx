import { useQuery } from '@apollo/client/react';
import { Link, NavLink, Outlet, useNavigate } from 'react-router';
import { graphql } from '../__generated__';
import { useAuth } from '../auth/AuthProvider';
import type { LoginLocationState } from '../auth/RequireAuth';
import { INACTIVITY_TIMEOUT_MS, useInactivityLogout } from '../auth/useInactivityLogout';
import { useRouteAnnouncement } from './useRouteAnnouncement';
import { useT } from '../i18n/I18nProvider';
import { LanguageSwitcher } from '../i18n/LanguageSwitcher';
import './layout.css';

export const LayoutQuery = graphql(`
  query LayoutQuery($organizationId: ID!) {
    organization(id: $organizationId) {
      id
      name
    }
  }
`);

/** The signed-in frame: organization and user, language, log-out; the page below. */
export function Layout() {
  const t = useT();
  const { state, logout, session } = useAuth();
  const navigate = useNavigate();
  const user = state.status === 'signedIn' ? state.user : null;
  const { data } = useQuery(LayoutQuery, {
    variables: { organizationId: user?.organizationId ?? '' },
    skip: !user,
  });

  const onLogout = async (inactive = false) => {
    await logout();
    const loginState: LoginLocationState = inactive ? { inactive: true } : {};
    await navigate('/login', { replace: true, state: loginState });
  };
  useInactivityLogout(() => void onLogout(true), INACTIVITY_TIMEOUT_MS, session);
  useRouteAnnouncement();

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <Link to="/" className="app-header__brand">
          {t('app.name')}
        </Link>
        {data?.organization && <span className="app-header__org">{data.organization.name}</span>}
        <nav className="app-nav" aria-label={t('header.nav')}>
          <NavLink to="/" end>
            {t('nav.patients')}
          </NavLink>
          <NavLink to="/delivery">{t('nav.delivery')}</NavLink>
          {user?.role === 'ADMIN' && <NavLink to="/ehr-mappings">{t('nav.ehrMappings')}</NavLink>}
          {user?.role === 'ADMIN' && <NavLink to="/invites">{t('nav.invites')}</NavLink>}
        </nav>
        <div className="app-header__spacer" />
        {user && (
          <span className="app-header__user">
            {t('header.signedInAs', { name: user.name, role: t(`role.${user.role}`) })}
          </span>
        )}
        <LanguageSwitcher />
        <button
          type="button"
          className="button button--secondary app-header__logout"
          onClick={() => void onLogout(false)}
        >
          {t('header.logout')}
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
