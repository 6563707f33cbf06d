import { compareKeys, seededRandom, type SortKey } from '@carebridge/common';
import { describe, expect, it } from 'vitest';
import { KeyedTokenIndex } from '../src/data/keyed-token-index';
import { OrganizationTokenIndex } from '../src/data/organization-token-index';
import { selectPage } from '../src/data/page-select';

describe('OrganizationTokenIndex', () => {
  const key = (id: string): SortKey => ['name', 'first', id];
  const index = (): OrganizationTokenIndex => {
    const tokens = new OrganizationTokenIndex();
    tokens.add('org-a', [
      ...KeyedTokenIndex.pairsOf('p1', key('p1'), ['garza']),
      ...KeyedTokenIndex.pairsOf('p2', key('p2'), ['garcia', 'ada', 'gar-7']),
    ]);
    tokens.add('org-b', [
      ...KeyedTokenIndex.pairsOf('p3', key('p3'), ['garza']),
      ...KeyedTokenIndex.pairsOf('p4', key('p4'), ['hale']),
    ]);
    return tokens;
  };

  it('answers only the organization’s patients whose token starts with the prefix', () => {
    const tokens = index();
    expect(tokens.idsWithPrefix('org-a', 'gar')).toEqual(new Set(['p1', 'p2']));
    expect(tokens.idsWithPrefix('org-b', 'gar')).toEqual(new Set(['p3']));
    expect(tokens.idsWithPrefix('org-c', 'gar')).toEqual(new Set());
    // Pairs, not patients: p2 holds two tokens starting with "gar".
    expect(tokens.count('org-a', 'gar')).toBe(3);
    expect(tokens.count('org-c', 'gar')).toBe(0);
  });

  it('answers every organization’s patients without one', () => {
    const tokens = index();
    expect(tokens.idsWithPrefix(null, 'gar')).toEqual(new Set(['p1', 'p2', 'p3']));
    expect(tokens.count(undefined, 'gar')).toBe(4);
    expect(tokens.idsWithPrefix(null, 'ha')).toEqual(new Set(['p4']));
  });

  it('forgets a removed pair, in its organization only', () => {
    const tokens = index();
    tokens.remove('org-b', 'garza', 'p1');
    expect(tokens.idsWithPrefix('org-a', 'garza')).toEqual(new Set(['p1']));
    tokens.remove('org-a', 'garza', 'p1');
    expect(tokens.idsWithPrefix('org-a', 'gar')).toEqual(new Set(['p2']));
    expect(tokens.count('org-a', 'gar')).toBe(2);
    expect(tokens.idsWithPrefix('org-b', 'garza')).toEqual(new Set(['p3']));
  });
});

describe('KeyedTokenIndex.page', () => {
  const random = seededRandom(5);
  const words = ['gar', 'garza', 'garcia', 'gale', 'ada', 'adams', 'ga', 'b', 'bo', 'bob'];
  const patients = Array.from({ length: 400 }, (_, i) => ({
    id: `p${String(i).padStart(3, '0')}`,
    key: [`n${Math.floor(random() * 40)}`, `f${Math.floor(random() * 3)}`, `p${String(i).padStart(3, '0')}`],
    // One to four distinct tokens, often several sharing a prefix.
    tokens: [...new Set(Array.from({ length: 1 + Math.floor(random() * 4) }, () => words[Math.floor(random() * 10)]!))],
  }));
  const index = new KeyedTokenIndex();
  index.add(patients.flatMap((p) => KeyedTokenIndex.pairsOf(p.id, p.key, p.tokens)));
  // A few added one by one, as a registration adds them.
  const late = { id: 'p999', key: ['gar', 'a', 'p999'], tokens: ['garza', 'gar'] };
  index.add(KeyedTokenIndex.pairsOf(late.id, late.key, late.tokens));
  let present = [...patients, late];

  const expected = (prefix: string, first: number, after?: SortKey) => {
    const matches = present
      .filter((p) => p.tokens.some((t) => t.startsWith(prefix)))
      .sort((a, b) => compareKeys(a.key, b.key));
    const start = after === undefined ? 0 : matches.filter((p) => compareKeys(p.key, after) <= 0).length;
    return {
      ids: matches.slice(start, start + first).map((p) => p.id),
      hasMore: start + first < matches.length,
      total: matches.length,
    };
  };

  it('counts each matching patient once and pages them in list order', () => {
    for (const prefix of ['g', 'ga', 'gar', 'garz', 'a', 'b', 'bob', 'z', '']) {
      const all = expected(prefix, 10_000).ids;
      for (const first of [1, 3, 20, 500]) {
        for (const at of [0, 1, 17, Math.max(0, all.length - 1)]) {
          const after = at === 0 ? undefined : present.find((p) => p.id === all[at - 1])?.key;
          expect(index.page(prefix, first, after), `${prefix} ${first} ${at}`).toEqual(expected(prefix, first, after));
        }
      }
    }
  });

  it('forgets a removed patient', () => {
    for (const patient of present.slice(0, 150)) for (const token of patient.tokens) index.remove(token, patient.id);
    present = present.slice(150);
    for (const prefix of ['ga', 'gar', 'a', 'bo']) expect(index.page(prefix, 20)).toEqual(expected(prefix, 20));
  });
});

describe('selectPage', () => {
  const random = seededRandom(11);
  const keys = new Map<string, SortKey>(
    Array.from({ length: 500 }, (_, i) => {
      const id = `p${i}`;
      return [id, [`name${Math.floor(random() * 60)}`, `first${Math.floor(random() * 5)}`, id]];
    }),
  );
  const keyOf = (id: string): SortKey => keys.get(id) ?? [];
  const sorted = [...keys.keys()].sort((a, b) => compareKeys(keyOf(a), keyOf(b)));
  const shuffled = [...keys.keys()].sort(() => random() - 0.5);

  it('answers what sorting every id and slicing answers, after any cursor', () => {
    for (const first of [1, 7, 20, 499, 500, 600]) {
      for (const start of [0, 1, 250, 480, 499, 500]) {
        const after = start === 0 ? undefined : keyOf(sorted[start - 1]!);
        const expected = sorted.slice(start, start + first);
        expect(selectPage(shuffled, keyOf, first, after)).toEqual({
          ids: expected,
          hasMore: start + first < sorted.length,
        });
      }
    }
  });

  it('answers an empty page for no ids, or none after the cursor', () => {
    expect(selectPage([], keyOf, 20)).toEqual({ ids: [], hasMore: false });
    expect(selectPage(shuffled, keyOf, 20, keyOf(sorted.at(-1)!))).toEqual({ ids: [], hasMore: false });
  });
});
