import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';
import type { MessageKey } from '../i18n/en';
import { useT } from '../i18n/I18nProvider';

/** The page's title by path: never a patient's name, since titles reach history and tab lists. */
export function pageTitleKey(pathname: string): MessageKey {
  if (pathname.startsWith('/patients/')) return 'title.patient';
  if (pathname.startsWith('/delivery')) return 'nav.delivery';
  if (pathname.startsWith('/ehr-mappings')) return 'nav.ehrMappings';
  if (pathname.startsWith('/invites')) return 'nav.invites';
  return 'nav.patients';
}

/** Sets `document.title` to "<page> – Carebridge", in the UI language. */
export function useDocumentTitle(key: MessageKey): void {
  const t = useT();
  useEffect(() => {
    document.title = `${t(key)} – ${t('app.name')}`;
  }, [key, t]);
}

/**
 * On each navigation inside the signed-in app: sets `document.title` ("Patients – Carebridge") and
 * moves the focus to `<main>`, so a screen reader announces the new page instead of nothing, and
 * the next Tab starts from its content. The first render keeps the browser's own focus.
 */
export function useRouteAnnouncement(): void {
  const { pathname } = useLocation();
  const first = useRef(true);
  useDocumentTitle(pageTitleKey(pathname));

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById('main')?.focus();
  }, [pathname]);
}
