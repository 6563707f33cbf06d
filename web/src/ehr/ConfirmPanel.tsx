import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useT } from '../i18n/I18nProvider';

/**
 * An inline confirmation, not a dialog: a region named by its title, in the page's reading order,
 * so nothing outside it needs to be made inert. It takes the focus when it opens (so its title
 * and text are read out); Escape or Cancel closes it and gives the focus back to whatever opened
 * it. While `busy` its buttons keep the focus but do nothing (`aria-disabled`, not `disabled`,
 * which would drop the focus to the page).
 */
export function ConfirmPanel({
  title,
  children,
  confirmLabel,
  busy,
  onConfirm,
  onCancel,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const t = useT();
  const id = useId();
  const panel = useRef<HTMLElement>(null);
  const opener = useRef<Element | null>(null);

  useEffect(() => {
    opener.current = document.activeElement;
    panel.current?.focus();
  }, []);

  const cancel = () => {
    if (busy) return;
    const back = opener.current;
    onCancel();
    if (back instanceof HTMLElement && back.isConnected) back.focus();
  };

  return (
    <section
      ref={panel}
      id={`${id}-panel`}
      className="card ehr-confirm"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      aria-busy={busy}
      tabIndex={-1}
      onKeyDown={(event) => {
        if (event.key === 'Escape') cancel();
      }}
    >
      <h3 id={`${id}-title`}>{title}</h3>
      <div id={`${id}-body`}>{children}</div>
      <div className="form-actions">
        <button
          type="button"
          className="button"
          aria-disabled={busy || undefined}
          onClick={() => {
            if (!busy) onConfirm();
          }}
        >
          {busy ? t('ehr.working') : confirmLabel}
        </button>
        <button type="button" className="button button--secondary" aria-disabled={busy || undefined} onClick={cancel}>
          {t('common.cancel')}
        </button>
      </div>
    </section>
  );
}
