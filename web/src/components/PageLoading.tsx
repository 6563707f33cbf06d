import { useT } from '../i18n/I18nProvider';

/** Shown while a page's code or first data loads. */
export function PageLoading() {
  const t = useT();
  return (
    <div className="state state--loading" role="status" aria-busy="true">
      <span className="spinner" aria-hidden="true" />
      {t('common.loadingPage')}
    </div>
  );
}
