import { compareKeys, seededRandom, type SortKey } from '@carebridge/common';
import { describe, expect, it } from 'vitest';
import { OrganizationTokenIndex } from '../src/data/organization-token-index';
import { selectPage } from '../src/data/page-select';

describe('OrganizationTokenIndex', () => {
  const index = (): OrganizationTokenIndex => {
    const tokens = new OrganizationTokenIndex();
    tokens.add('org-a', [
      ['garza', 'p1'],
      ['garcia', 'p2'],
      ['ada', 'p2'],
      ['gar-7', 'p2'],
    ]);
    tokens.add('org-b', [
      ['garza', 'p3'],
      ['hale', 'p4'],
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
