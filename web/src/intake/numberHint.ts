import type { Language, Translate } from '../i18n/I18nProvider';

interface Ranged {
  minValue?: number | null;
  maxValue?: number | null;
  integerOnly?: boolean;
}

/**
 * The hint under a NUMBER question: the range the clinical subgraph accepts, with the bounds and
 * the example written as the language writes numbers (1.5 in English, 1,5 in Spanish).
 */
export function numberHint(t: Translate, language: Language, item: Ranged): string {
  const format = new Intl.NumberFormat(language, { maximumFractionDigits: 6, useGrouping: false });
  const min = typeof item.minValue === 'number' ? format.format(item.minValue) : null;
  const max = typeof item.maxValue === 'number' ? format.format(item.maxValue) : null;
  const whole = item.integerOnly === true;
  if (min !== null && max !== null) {
    return t(whole ? 'intake.hint.betweenInteger' : 'intake.hint.between', { min, max });
  }
  if (min !== null) return t(whole ? 'intake.hint.atLeastInteger' : 'intake.hint.atLeast', { min });
  if (max !== null) return t(whole ? 'intake.hint.atMostInteger' : 'intake.hint.atMost', { max });
  return whole ? t('intake.hint.integer') : t('intake.hint.number', { example: format.format(1.5) });
}
