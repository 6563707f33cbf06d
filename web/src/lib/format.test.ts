import { describe, expect, it } from 'vitest';
import { ageOn, formatPhone } from './format';

describe('formatPhone', () => {
  it('shows a number of the clinic’s country in national format', () => {
    expect(formatPhone('+15550102030')).toBe('(555) 010-2030');
    expect(formatPhone('+1 555 010 2030')).toBe('(555) 010-2030');
    expect(formatPhone('(555) 010-2030')).toBe('(555) 010-2030');
  });

  it('shows a number of another country in international format', () => {
    expect(formatPhone('+34912345678')).toBe('+34 912 34 56 78');
    expect(formatPhone('+442079460018')).toBe('+44 20 7946 0018');
  });

  it('keeps what it cannot read as a number as it was stored', () => {
    expect(formatPhone('12345')).toBe('12345');
    expect(formatPhone('call reception')).toBe('call reception');
  });
});

describe('ageOn', () => {
  it('counts whole years, the birthday itself included', () => {
    expect(ageOn('1980-02-29', '2026-02-28')).toBe(45);
    expect(ageOn('1980-02-29', '2026-03-01')).toBe(46);
    expect(ageOn('2000-06-15', '2026-06-15')).toBe(26);
  });

  it('has no age for a date it cannot read or one in the future', () => {
    expect(ageOn('soon', '2026-01-01')).toBeUndefined();
    expect(ageOn('2027-01-01', '2026-01-01')).toBeUndefined();
  });
});
