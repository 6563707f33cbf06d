import type { EhrDeliveryErrorCode } from '../__generated__/graphql';
import type { Translate } from '../i18n/I18nProvider';

/** What a transaction says about its last error: the server's text and, for the known ones, its code. */
export interface DeliveryError {
  attempts: number;
  lastError?: string | null;
  lastErrorCode?: EhrDeliveryErrorCode | null;
  lastErrorCause?: EhrDeliveryErrorCode | null;
  lastErrorHttpStatus?: number | null;
}

function sentence(t: Translate, code: Exclude<EhrDeliveryErrorCode, 'GAVE_UP'>, status: number | null): string {
  return t(`deliveryMonitor.error.${code}`, { status: status ?? '' });
}

/**
 * The last error in the user's language, worded from its code (`lastErrorCode`, with the HTTP status
 * and, for a transaction given up on, the last attempt's cause); the server's English text when the
 * error has no code (a newer server's, or an older record's).
 */
export function deliveryErrorText(t: Translate, tx: DeliveryError): string {
  const { lastErrorCode: code, lastErrorCause: cause, lastErrorHttpStatus: status = null } = tx;
  const text = tx.lastError ?? '';
  if (!code) return text;
  if (code !== 'GAVE_UP') return sentence(t, code, status);
  if (!cause || cause === 'GAVE_UP') return text;
  return t('deliveryMonitor.error.GAVE_UP', { attempts: tx.attempts, last: sentence(t, cause, status) });
}
