import { describe, expect, it } from 'vitest';
import { combinesNone, NONE_CODE } from '../src';

describe('combinesNone', () => {
  it('refuses "none of these" together with other codes only', () => {
    expect(combinesNone([NONE_CODE])).toBe(false);
    expect(combinesNone(['LATEX', 'PENICILLIN'])).toBe(false);
    expect(combinesNone(['LATEX', NONE_CODE])).toBe(true);
  });
});
