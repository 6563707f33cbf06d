import { describe, expect, it } from 'vitest';
import { isIsoDate, latestDateAnywhere, pastDateProblem, todayUtc, yearsBefore } from '../src';

describe('isIsoDate', () => {
  it.each(['2024-02-29', '1930-01-01', '2026-12-31'])('accepts %s', (value) => {
    expect(isIsoDate(value)).toBe(true);
  });

  it.each(['2023-02-29', '2024-13-01', '2024-1-01', '01/02/2024', '2024-02-30T00:00:00Z', ''])(
    'refuses %s',
    (value) => {
      expect(isIsoDate(value)).toBe(false);
    },
  );
});

describe('today', () => {
  it('is the UTC date for staff, whatever the local zone', () => {
    expect(todayUtc(new Date('2026-03-01T23:30:00-05:00'))).toBe('2026-03-02');
  });

  it('allows dates up to the latest "today" anywhere (UTC+14)', () => {
    expect(latestDateAnywhere(new Date('2026-03-01T10:00:00Z'))).toBe('2026-03-02');
    expect(latestDateAnywhere(new Date('2026-03-01T09:59:59Z'))).toBe('2026-03-01');
  });
});

describe('pastDateProblem', () => {
  it('accepts a date up to and including the latest one', () => {
    expect(pastDateProblem('2026-03-01', '2026-03-01')).toBeUndefined();
    expect(pastDateProblem('1850-01-01', '2026-03-01')).toBeUndefined();
  });

  it('says why a date is refused', () => {
    expect(pastDateProblem('2026-02-30', '2026-03-01')).toBe('format');
    expect(pastDateProblem('2026-03-02', '2026-03-01')).toBe('future');
  });

  it('counts years back in date order, padding the year', () => {
    expect(yearsBefore('2026-03-01', 130)).toBe('1896-03-01');
    expect(yearsBefore('0130-01-01', 130)).toBe('0000-01-01');
  });
});
