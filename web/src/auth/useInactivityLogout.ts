import { useEffect, useRef } from 'react';

/** Staff sessions end after this long without a key press, click, touch or scroll. */
export const INACTIVITY_TIMEOUT_MS = 15 * 60_000;

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;

/**
 * Calls `onIdle` once when the user has done nothing in this page, nor in another tab of this
 * browser (`shared`), for `timeoutMs`: a workstation left open on a ward must not keep showing
 * patients, and a tab in the background must not log out a user working in another. The check runs on a timer and again when the
 * tab becomes visible, because browsers slow timers in background tabs and a laptop may have slept.
 */
/** Activity in the other tabs of this browser (see AuthSession.shareActivity). */
export interface SharedActivity {
  shareActivity(): void;
  onActivityElsewhere(listener: () => void): () => void;
}

export function useInactivityLogout(
  onIdle: () => void,
  timeoutMs = INACTIVITY_TIMEOUT_MS,
  shared?: SharedActivity,
): void {
  const onIdleRef = useRef(onIdle);
  useEffect(() => {
    onIdleRef.current = onIdle;
  }, [onIdle]);

  useEffect(() => {
    let last = Date.now();
    let fired = false;
    const touchedElsewhere = () => {
      last = Date.now();
    };
    const touch = () => {
      last = Date.now();
      shared?.shareActivity();
    };
    const stopListening = shared?.onActivityElsewhere(touchedElsewhere);
    const check = () => {
      if (fired || Date.now() - last < timeoutMs) return;
      fired = true;
      onIdleRef.current();
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, touch, { capture: true, passive: true });
    document.addEventListener('visibilitychange', check);
    const interval = window.setInterval(check, Math.min(30_000, Math.max(1_000, timeoutMs / 10)));
    return () => {
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, touch, { capture: true });
      document.removeEventListener('visibilitychange', check);
      window.clearInterval(interval);
      stopListening?.();
    };
  }, [timeoutMs, shared]);
}
