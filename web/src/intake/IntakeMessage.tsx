import { useEffect, useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/en';

/**
 * A page-sized message (bad link, already answered, thank you). Its heading takes focus, so a
 * screen reader starts there; an error is also an alert.
 */
export function IntakeMessage({
  title,
  body,
  tone,
  children,
}: {
  title: MessageKey;
  body: MessageKey;
  tone: 'error' | 'success';
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className={`intake-message intake-message--${tone}`} role={tone === 'error' ? 'alert' : undefined}>
      <h1 ref={heading} tabIndex={-1}>
        {t(title)}
      </h1>
      <p>{t(body)}</p>
      {children}
    </div>
  );
}
