import { useEffect, useRef } from 'react';

/** Staff sessions end after this long without a key press, click, touch or scroll. */
export const INACTIVITY_TIMEOUT_MS = 15 * 60_000;

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;

/**
 * Calls `onIdle` once when the user has done nothing in this page for `timeoutMs`: a workstation
 * left open on a ward must not keep showing patients. The check runs on a timer and again when the
 * tab becomes visible, because browsers slow timers in background tabs and a laptop may have slept.
 */
export function useInactivityLogout(onIdle: () => void, timeoutMs = INACTIVITY_TIMEOUT_MS): void {
  const onIdleRef = useRef(onIdle);
  useEffect(() => {
    onIdleRef.current = onIdle;
  }, [onIdle]);

  useEffect(() => {
    let last = Date.now();
    let fired = false;
    const touch = () => {
      last = Date.now();
    };
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
    };
  }, [timeoutMs]);
}
