import { describe, expect, it } from 'vitest';
import { Kind } from 'graphql';
import { DateScalar, DateTimeScalar, isIsoDateTime } from '../src/scalars';

describe('Date', () => {
  // The rule itself (isIsoDate) is tested in @carebridge/domain; these check the scalar applies it.
  it.each(['2024-02-29', '1930-01-01', '2026-12-31'])('accepts %s', (value) => {
    expect(DateScalar.parseValue(value)).toBe(value);
  });

  it.each(['2023-02-29', '2024-13-01', '2024-1-01', '01/02/2024', '2024-02-30T00:00:00Z', ''])(
    'refuses %s',
    (value) => {
      expect(() => DateScalar.parseValue(value)).toThrow('Date must be a calendar date written YYYY-MM-DD');
    },
  );

  it('refuses a number literal with a message naming the format', () => {
    expect(() => DateScalar.parseLiteral({ kind: Kind.INT, value: '20240101' })).toThrow(
      'Date must be a calendar date written YYYY-MM-DD',
    );
  });
});

describe('DateTime', () => {
  it('accepts a zoned ISO date-time', () => {
    expect(DateTimeScalar.parseValue('2026-03-01T09:30:00.000Z')).toBe('2026-03-01T09:30:00.000Z');
    expect(isIsoDateTime('2026-03-01T09:30:00+01:00')).toBe(true);
  });

  it('refuses a date-time without a zone', () => {
    expect(isIsoDateTime('2026-03-01T09:30:00')).toBe(false);
  });
});
