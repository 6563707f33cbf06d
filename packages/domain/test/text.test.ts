import { describe, expect, it } from 'vitest';
import { characterProblem, neutralizeFormula, normalizeText, startsLikeFormula } from '../src';

describe('normalizeText', () => {
  it('composes to NFC, so one text has one spelling', () => {
    const decomposed = 'Rami\u0301rez';
    expect(decomposed).toHaveLength(8);
    expect(normalizeText(decomposed)).toBe('Ramírez');
    expect(normalizeText(decomposed)).toHaveLength(7);
    expect(normalizeText('Ramírez')).toBe('Ramírez');
  });
});

describe('characterProblem', () => {
  it('accepts letters of any script, accents, punctuation, spaces and emoji', () => {
    for (const text of [
      'Ana María',
      "O'Brien-Núñez",
      'Zoë Ødegård',
      '李小龙',
      'محمد',
      'Åsa 😀',
      'a\u00A0b',
      'x\u0301',
    ]) {
      expect(characterProblem(text)).toBeUndefined();
    }
  });

  it('refuses C0 and C1 controls and DEL: NUL, escape sequences, line breaks in single-line text', () => {
    for (const text of ['a\u0000b', '\u001B[31mred', 'a\u007Fb', 'a\u0085b', 'a\u009Bb', 'a\nb', 'a\tb', 'a\rb']) {
      expect(characterProblem(text)).toBe('control');
    }
    expect(characterProblem('a\u2028b')).toBe('control');
    expect(characterProblem('a\u2029b')).toBe('control');
  });

  it('allows line feed and tab only in multiline text, never carriage return or other controls', () => {
    expect(characterProblem('line 1\nline 2\tindented', { multiline: true })).toBeUndefined();
    for (const text of ['a\rb', 'a\u0000b', '\u001B[2J', 'a\u0085b', 'a\u2028b']) {
      expect(characterProblem(text, { multiline: true })).toBe('control');
    }
  });

  it('refuses every bidirectional control, in any text', () => {
    const bidi = ['\u061C', '\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E'];
    for (const mark of [...bidi, '\u2066', '\u2067', '\u2068', '\u2069']) {
      expect(characterProblem(`${mark}evil`)).toBe('bidi');
      expect(characterProblem(`evil${mark}`, { multiline: true })).toBe('bidi');
    }
  });

  it('refuses zero-width and other format characters; free text keeps the joiners scripts and emoji need', () => {
    for (const mark of ['\u200B', '\u2060', '\uFEFF', '\u00AD', '\u180E', '\u{E0041}']) {
      expect(characterProblem(`a${mark}b`)).toBe('invisible');
      expect(characterProblem(`a${mark}b`, { multiline: true })).toBe('invisible');
    }
    for (const joiner of ['\u200C', '\u200D']) {
      expect(characterProblem(`a${joiner}b`)).toBe('invisible');
      expect(characterProblem(`a${joiner}b`, { multiline: true })).toBeUndefined();
    }
    expect(characterProblem('👩\u200D💻 developer', { multiline: true })).toBeUndefined();
  });

  it('refuses lone surrogates, but not surrogate pairs', () => {
    expect(characterProblem('a\uD800b')).toBe('surrogate');
    expect(characterProblem('a\uDC00')).toBe('surrogate');
    expect(characterProblem('\uDE00\uD83D', { multiline: true })).toBe('surrogate');
    expect(characterProblem('\uD83D\uDE00')).toBeUndefined();
  });

  it('refuses noncharacters and private-use characters', () => {
    for (const text of ['\uFDD0', '\uFDEF', '\uFFFE', '\uFFFF', '\u{1FFFE}', '\u{10FFFF}']) {
      expect(characterProblem(`a${text}`)).toBe('noncharacter');
    }
    for (const text of ['\uE000', '\uF8FF', '\u{F0000}', '\u{10FFFD}']) {
      expect(characterProblem(`a${text}`, { multiline: true })).toBe('privateUse');
    }
  });
});

describe('spreadsheet formulas', () => {
  it('recognises a value that starts like a formula', () => {
    for (const text of ['=HYPERLINK("http://x","y")', '+cmd', '-2+3+cmd|', '@SUM(A1)', '\t=1', '\r=1']) {
      expect(startsLikeFormula(text)).toBe(true);
    }
    for (const text of ['Ana', ' =1', 'a=b', '1+1', '']) expect(startsLikeFormula(text)).toBe(false);
  });

  it('prefixes a quote to a formula, and leaves plain numbers and other text as they are', () => {
    expect(neutralizeFormula('=HYPERLINK("http://evil","click")')).toBe('\'=HYPERLINK("http://evil","click")');
    expect(neutralizeFormula('@SUM(A1:A9)')).toBe("'@SUM(A1:A9)");
    expect(neutralizeFormula('+cmd|/C calc')).toBe("'+cmd|/C calc");
    expect(neutralizeFormula('-2+3+cmd|/C calc')).toBe("'-2+3+cmd|/C calc");
    expect(neutralizeFormula('- cough at night')).toBe("'- cough at night");
    expect(neutralizeFormula('\t=1')).toBe("'\t=1");
    for (const text of ['+15551234567', '-5', '+2.5', '-0.25', 'Penicillin', '1985-02-03', '']) {
      expect(neutralizeFormula(text)).toBe(text);
    }
  });
});
