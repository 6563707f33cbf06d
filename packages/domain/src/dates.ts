/**
 * Dates as the graph's `Date` scalar writes them, `YYYY-MM-DD`. Such strings compare in date order,
 * so the rules below need no Date arithmetic (and so no time zone) beyond reading "today".
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD` (so 2023-02-30 is refused). */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Today's date in UTC: the day staff-entered dates (a date of birth) are checked against. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/**
 * The latest calendar date anywhere on Earth at `now` (UTC+14), so a patient entering their own
 * local "today" is never told it is in the future, whatever their time zone.
 */
export function latestDateAnywhere(now: Date = new Date()): string {
  return new Date(now.getTime() + 14 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

/** `date` moved back by whole years (29 February may land on a 29 February that does not exist: it still compares right). */
export function yearsBefore(date: string, years: number): string {
  return `${String(Number(date.slice(0, 4)) - years).padStart(4, '0')}${date.slice(4)}`;
}

export type PastDateProblem = 'format' | 'future';

/** Why `value` is not a calendar date on or before `latest`, if it is not. */
export function pastDateProblem(value: string, latest: string): PastDateProblem | undefined {
  if (!isIsoDate(value)) return 'format';
  return value > latest ? 'future' : undefined;
}
