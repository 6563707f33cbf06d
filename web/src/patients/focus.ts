import { useCallback, useEffect, useRef, useState } from 'react';

/** A ref whose element takes the focus when it mounts: a panel's heading, a dialog's safe button. */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}

/**
 * After a refused submit, moves the focus to the first invalid field inside the returned ref's
 * element, once React has marked it (`aria-invalid`). Call the returned function to ask for it.
 */
export function useFocusFirstInvalid<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [request, setRequest] = useState(0);
  useEffect(() => {
    if (request === 0) return;
    ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [request]);
  const focusFirstInvalid = useCallback(() => setRequest((n) => n + 1), []);
  return [ref, focusFirstInvalid] as const;
}
