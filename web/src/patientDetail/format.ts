import { useMemo } from 'react';
import { useI18n } from '../i18n/I18nProvider';

export interface Formatters {
  /** An instant (ISO date-time) in the user's time zone. */
  dateTime: (iso: string) => string;
  /** A calendar date (YYYY-MM-DD), which has no time zone. */
  date: (ymd: string) => string;
}

/** Date formatting in the UI language. */
export function useFormatters(): Formatters {
  const { language } = useI18n();
  return useMemo(() => {
    const dateTime = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
    const date = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' });
    const safely = (format: (value: Date) => string, value: string, parsed: Date) =>
      Number.isNaN(parsed.getTime()) ? value : format(parsed);
    return {
      dateTime: (iso) => safely((d) => dateTime.format(d), iso, new Date(iso)),
      date: (ymd) => safely((d) => date.format(d), ymd, new Date(`${ymd}T00:00:00Z`)),
    };
  }, [language]);
}

/** `en` or `es` text of a field fetched in both languages (aliases `…En` / `…Es`). */
export function inLanguage(language: 'en' | 'es', en: string, es: string): string {
  return language === 'es' ? es : en;
}
