import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useT } from '../i18n/I18nProvider';

/**
 * An inline confirmation: takes the focus when it opens (so its title and text are read out),
 * Escape or Cancel closes it and gives the focus back to whatever opened it.
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
  const panel = useRef<HTMLDivElement>(null);
  const opener = useRef<Element | null>(null);

  useEffect(() => {
    opener.current = document.activeElement;
    panel.current?.focus();
  }, []);

  const cancel = () => {
    const back = opener.current;
    onCancel();
    if (back instanceof HTMLElement && back.isConnected) back.focus();
  };

  return (
    <div
      ref={panel}
      id={`${id}-panel`}
      className="card ehr-confirm"
      role="alertdialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      tabIndex={-1}
      onKeyDown={(event) => {
        if (event.key === 'Escape') cancel();
      }}
    >
      <h3 id={`${id}-title`}>{title}</h3>
      <div id={`${id}-body`}>{children}</div>
      <div className="form-actions">
        <button type="button" className="button" disabled={busy} onClick={onConfirm}>
          {busy ? t('ehr.working') : confirmLabel}
        </button>
        <button type="button" className="button button--secondary" onClick={cancel}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
