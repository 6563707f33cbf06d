import { useT } from '../i18n/I18nProvider';

/** A section waiting for its data, announced politely. */
export function LoadingState() {
  const t = useT();
  return (
    <div className="state state--loading" role="status" aria-busy="true">
      <span className="spinner" aria-hidden="true" />
      {t('common.loading')}
    </div>
  );
}

/** A failed load, announced, with a way to try again. */
export function ErrorState({ title, message, onRetry }: { title?: string; message: string; onRetry: () => void }) {
  const t = useT();
  return (
    <div className="state state--error" role="alert">
      {title && <h2>{title}</h2>}
      <p>{message}</p>
      <button type="button" className="button" onClick={onRetry}>
        {t('common.retry')}
      </button>
    </div>
  );
}
