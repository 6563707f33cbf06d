import { useMemo } from 'react';
import { useI18n } from '../i18n/I18nProvider';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * A calendar date (YYYY-MM-DD, such as a date of birth) in the UI language: "Feb 29, 1980",
 * "29 feb 1980". Read and written in UTC, so no time zone moves it a day. Anything else is
 * returned as it is.
 */
export function formatDate(value: string, language: string): string {
  const match = ISO_DATE.exec(value);
  if (!match) return value;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d); // not Date.UTC, which reads years 0 to 99 as 1900 to 1999
  if (Number.isNaN(date.getTime())) return value;
  let format = formats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' });
    formats.set(language, format);
  }
  return format.format(date);
}

export interface Formatters {
  /** An instant (ISO date-time) in the user's time zone. */
  dateTime: (iso: string) => string;
  /** A calendar date (YYYY-MM-DD), which has no time zone: `formatDate`. */
  date: (ymd: string) => string;
}

/** Date and time formatting in the UI language. */
export function useFormatters(): Formatters {
  const { language } = useI18n();
  return useMemo(() => {
    const dateTime = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
    return {
      dateTime: (iso) => {
        const parsed = new Date(iso);
        return Number.isNaN(parsed.getTime()) ? iso : dateTime.format(parsed);
      },
      date: (ymd) => formatDate(ymd, language),
    };
  }, [language]);
}

/** `en` or `es` text of a field fetched in both languages (aliases `…En` / `…Es`). */
export function inLanguage(language: 'en' | 'es', en: string, es: string): string {
  return language === 'es' ? es : en;
}
