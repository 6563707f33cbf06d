import { useT } from '../i18n/I18nProvider';
import { BulkPatientUpdate } from './BulkPatientUpdate';
import { BulkResend } from './BulkResend';

/** The bulk tools, each counted before it is confirmed. */
export function BulkPanel() {
  const t = useT();
  return (
    <>
      <p className="delivery__intro">{t('bulk.intro')}</p>
      <div className="bulk-panel">
        <BulkResend />
        <BulkPatientUpdate />
      </div>
    </>
  );
}
