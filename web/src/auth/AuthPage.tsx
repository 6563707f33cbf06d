import type { ReactNode } from 'react';
import { useT } from '../i18n/I18nProvider';
import { LanguageSwitcher } from '../i18n/LanguageSwitcher';
import './auth.css';

/**
 * The frame of the log-in and sign-up pages: the language switcher in a banner, the form in
 * `<main>` (every part of the page inside a landmark). The form stands at a fixed distance from
 * the top, not centred: a message appearing or going above the button then moves only what is
 * below it, never the button up under the pointer of a second click.
 */
export function AuthPage({ children }: { children: ReactNode }) {
  const t = useT();
  return (
    <div className="auth-shell">
      <header className="auth-shell__banner" aria-label={t('app.name')}>
        <LanguageSwitcher />
      </header>
      <main id="main" className="auth-shell__main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
