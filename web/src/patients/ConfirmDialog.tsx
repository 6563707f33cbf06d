import { useEffect, useEffectEvent, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useT } from '../i18n/I18nProvider';
import { useFocusOnMount } from './focus';
import './patients.css';

export interface ConfirmDialogProps {
  title: string;
  /** What will happen: the dialog's description. */
  children: ReactNode;
  confirmLabel: string;
  /** "Cancel" unless given. */
  cancelLabel?: string;
  busyLabel: string;
  busy: boolean;
  /** Why the last attempt failed, announced and shown in the dialog. */
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}

const FOCUSABLE = 'button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])';

/**
 * A modal confirmation (`alertdialog`): labelled by its title, described by its body, the focus
 * starts on Cancel (the safe choice) and stays inside; Escape cancels. The caller returns the focus
 * to where it was when the dialog closes. A plain element rather than `<dialog>`, whose
 * `showModal()` jsdom lacks.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  cancelLabel,
  busyLabel,
  busy,
  error,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const t = useT();
  const titleId = useId();
  const bodyId = useId();
  const dialogRef = useRef<HTMLDivElement>(null);
  const cancelRef = useFocusOnMount<HTMLButtonElement>();
  // While the request runs, the buttons keep the focus but do nothing (aria-disabled, not disabled).
  const cancel = () => {
    if (!busy) onCancel();
  };

  // Escape cancels wherever the focus is (a click on the backdrop may have taken it out).
  const onEscape = useEffectEvent(cancel);
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      onEscape();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  // Tab and Shift+Tab cycle through the dialog's controls only.
  const trapTab = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Tab' || !dialogRef.current) return;
    const focusable = [...dialogRef.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = focusable[0];
    const last = focusable.at(-1);
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <div className="dialog-backdrop">
      <div
        ref={dialogRef}
        className="card dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={bodyId}
        onKeyDown={trapTab}
      >
        <h2 id={titleId}>{title}</h2>
        <div id={bodyId}>{children}</div>
        {error && (
          <p className="alert" role="alert">
            {error}
          </p>
        )}
        <div className="form-actions">
          <button
            type="button"
            className="button button-danger"
            aria-disabled={busy || undefined}
            onClick={() => {
              if (!busy) onConfirm();
            }}
          >
            {busy ? busyLabel : confirmLabel}
          </button>
          <button
            ref={cancelRef}
            type="button"
            className="button button--secondary"
            aria-disabled={busy || undefined}
            onClick={cancel}
          >
            {cancelLabel ?? t('common.cancel')}
          </button>
        </div>
      </div>
    </div>
  );
}
