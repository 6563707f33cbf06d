import { useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import { useBlocker, type BlockerFunction } from 'react-router';
import { useT } from '../i18n/I18nProvider';
import { ConfirmDialog } from '../patients/ConfirmDialog';

/** While `active`, leaving or reloading the page asks first, with the browser's own prompt. */
function useUnloadWarning(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers ask only when a value is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [active]);
}

/**
 * While `active` (unpublished changes), leaving the mapping tool asks first: another page of the
 * app (a link, Back) with a dialog, Leave or Stay; a reload or another site with the browser's
 * prompt (`beforeunload`). Leaving loses nothing: the draft is kept in the browser
 * (draftStorage.ts) and is back when the tool opens again, still unpublished, as the dialog says.
 * Navigating within the tool's own address is not blocked. Stay gives the focus back to where it
 * was (the link that was followed).
 */
export function LeaveGuard({ active }: { active: boolean }) {
  const t = useT();
  useUnloadWarning(active);
  const shouldBlock = useCallback<BlockerFunction>(
    ({ currentLocation, nextLocation }) => active && currentLocation.pathname !== nextLocation.pathname,
    [active],
  );
  const blocker = useBlocker(shouldBlock);
  const blocked = blocker.state === 'blocked';

  // Noted before the dialog's own effect moves the focus to Stay (layout effects run first).
  const returnFocus = useRef<Element | null>(null);
  useLayoutEffect(() => {
    if (blocked) returnFocus.current = document.activeElement;
  }, [blocked]);

  if (!blocked) return null;
  const stay = () => {
    blocker.reset();
    const target = returnFocus.current;
    if (target instanceof HTMLElement && target.isConnected) target.focus();
  };
  return (
    <ConfirmDialog
      title={t('ehr.leave.title')}
      confirmLabel={t('ehr.leave.confirm')}
      cancelLabel={t('ehr.leave.stay')}
      busyLabel={t('ehr.leave.confirm')}
      busy={false}
      onConfirm={() => blocker.proceed()}
      onCancel={stay}
    >
      <p>{t('ehr.leave.body')}</p>
    </ConfirmDialog>
  );
}
