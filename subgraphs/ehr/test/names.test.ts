import { describe, expect, it } from 'vitest';
import { nameProblem, nameSkeleton, normalizeName } from '../src/mapping/names';

const SEEDED = ['Athena', 'Allscripts'];
const ONE_SCRIPT = 'must be written in one script (not, e.g., Latin mixed with Cyrillic)';
const INVISIBLE = 'must not contain control or invisible characters';
const TAKEN = 'is already the name of an EHR system';

describe('EHR system names', () => {
  it('are normalised: NFKC, trimmed, whitespace collapsed', () => {
    expect(normalizeName('  Cerner \t\u00A0 Millennium\u3000')).toBe('Cerner Millennium');
    expect(normalizeName('Ａｔｈｅｎａ')).toBe('Athena');
    expect(normalizeName('Epic™')).toBe('EpicTM');
  });

  it('accept an ordinary name in any one script', () => {
    for (const name of [
      'Cerner Millennium',
      'eClinicalWorks 12',
      'Médecin Plus',
      'Медицина',
      'カルテ電子',
      'Epic (v2)',
    ]) {
      expect(nameProblem(name, SEEDED)).toBeNull();
    }
  });

  it('refuse control and format characters: zero-width, bidi, soft hyphen, control', () => {
    for (const name of [
      'Athe\u200Bna',
      'Ath\u200Dena',
      '\u202EanehtA',
      'Athe\u00ADna',
      'Athe\u0007na',
      'Ath\uFEFFena',
    ]) {
      expect([name, nameProblem(name, [])]).toEqual([name, INVISIBLE]);
    }
  });

  it('refuse letters of several scripts: Latin with Cyrillic or Greek', () => {
    for (const name of ['Athen\u0430', '\u0410thena', 'Allscr\u0456pts', 'Ath\u03B5na']) {
      expect([name, nameProblem(name, [])]).toEqual([name, ONE_SCRIPT]);
    }
  });

  it('refuse a name that looks like one the organization sees', () => {
    for (const name of ['athena', 'ATHENA', 'Athéna', 'AII5cripts'.replace('5', 's'), 'A11scripts', 'ΑΤΗΕΝΑ']) {
      expect([name, nameProblem(name, SEEDED)]).toEqual([name, TAKEN]);
    }
    expect(nameSkeleton('Cerner')).toBe(nameSkeleton('Cemer'));
    expect(nameSkeleton('0pen EHR')).toBe(nameSkeleton('Open EHR'));
    expect(nameProblem('Athena', [])).toBeNull();
  });

  it('want 2 to 60 characters once normalised', () => {
    expect(nameProblem(' x ', [])).toBe('must be 2 to 60 characters');
    expect(nameProblem('n'.repeat(61), [])).toBe('must be 2 to 60 characters');
    expect(nameProblem(`${'n'.repeat(30)}   ${'n'.repeat(29)}`, [])).toBeNull();
  });
});
