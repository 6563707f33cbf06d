import type { MessageKey } from '../i18n/en';

/**
 * Input rules more than one page checks in the browser (the servers' own rules, so the user hears
 * about a mistake at once; the server stays the authority). Each answers a `validation.*` message.
 */
const MAX_EMAIL = 254;
const MAX_AGE_YEARS = 130;
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is a real YYYY-MM-DD date (no 30 February). */
function isCalendarDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export function emailError(value: string): MessageKey | undefined {
  const email = value.trim();
  return email.length > MAX_EMAIL || !EMAIL.test(email) ? 'validation.email' : undefined;
}

/** `today` is YYYY-MM-DD (the server's rule is in UTC); ISO dates compare as strings. */
export function dateOfBirthError(value: string, today: string): MessageKey | undefined {
  if (value.trim() === '') return 'validation.required';
  if (!isCalendarDate(value)) return 'validation.date';
  if (value > today) return 'validation.dateFuture';
  const earliest = `${String(Number(today.slice(0, 4)) - MAX_AGE_YEARS).padStart(4, '0')}${today.slice(4)}`;
  return value < earliest ? 'validation.dateTooOld' : undefined;
}
