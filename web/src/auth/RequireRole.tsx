import type { ReactNode } from 'react';
import { useT } from '../i18n/I18nProvider';
import { useAuth } from './AuthProvider';
import type { Role } from './session';

/**
 * Renders its children only for a user with `role`. The subgraphs refuse the operations anyway
 * (FORBIDDEN); this spares everyone else a page of errors.
 */
export function RequireRole({ role, children }: { role: Role; children: ReactNode }) {
  const { state } = useAuth();
  const t = useT();
  if (state.status === 'signedIn' && state.user.role === role) return <>{children}</>;
  return (
    <section className="page">
      <div className="state state--error" role="alert">
        <h1>{t('common.forbidden.title')}</h1>
        <p>{t('common.forbidden.body', { role: t(`role.${role}`) })}</p>
      </div>
    </section>
  );
}
