import { todayUtc } from '@carebridge/domain';
import type { CountryCode } from 'libphonenumber-js/min';
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { useMemo } from 'react';
import { useI18n } from '../i18n/I18nProvider';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The country of the clinics Carebridge serves today, whose numbers are shown in national format
 * (an address without a country is in the US too).
 */
export const CLINIC_COUNTRY: CountryCode = 'US';

/**
 * A phone number as people write it: national format for a number of the clinic's country
 * ("(555) 010-2030"), international otherwise ("+34 912 34 56 78"). A number that cannot be read
 * as one is shown as it was stored.
 */
export function formatPhone(value: string, country: CountryCode = CLINIC_COUNTRY): string {
  const parsed = parsePhoneNumberFromString(value, country);
  if (!parsed?.isPossible()) return value;
  // A fictional (555) number has no country, only its calling code.
  const national = parsed.country ? parsed.country === country : parsed.countryCallingCode === callingCode(country);
  return national ? parsed.formatNational() : parsed.formatInternational();
}

function callingCode(country: CountryCode): string | undefined {
  return parsePhoneNumberFromString('2015550123', country)?.countryCallingCode;
}

/** Whole years from a date of birth (YYYY-MM-DD) to `today`, or undefined for a date it cannot read. */
export function ageOn(dateOfBirth: string, today: string = todayUtc()): number | undefined {
  const born = ISO_DATE.exec(dateOfBirth);
  const now = ISO_DATE.exec(today);
  if (!born || !now) return undefined;
  const [by, bm, bd] = born.slice(1).map(Number) as [number, number, number];
  const [ny, nm, nd] = now.slice(1).map(Number) as [number, number, number];
  const age = ny - by - (nm < bm || (nm === bm && nd < bd) ? 1 : 0);
  return age >= 0 ? age : undefined;
}

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
  /** A phone number for people: `formatPhone`. */
  phone: (value: string) => string;
}

/** Date, time and phone formatting in the UI language. */
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
      phone: (value) => formatPhone(value),
    };
  }, [language]);
}

/** `en` or `es` text of a field fetched in both languages (aliases `…En` / `…Es`). */
export function inLanguage(language: 'en' | 'es', en: string, es: string): string {
  return language === 'es' ? es : en;
}
