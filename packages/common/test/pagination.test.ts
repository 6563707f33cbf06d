import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, pageSize, SortedIndex } from '../src/pagination';

describe('SortedIndex', () => {
  const build = () => {
    const index = new SortedIndex();
    for (const [name, id] of [
      ['Moreno', 'c'],
      ['Adams', 'a'],
      ['Lee', 'b'],
      ['Adams', 'd'],
    ] as const) {
      index.insert([name, id], id);
    }
    return index;
  };

  it('keeps ids in key order', () => {
    expect(build().all()).toEqual(['a', 'd', 'b', 'c']);
  });

  it('pages after a cursor key and says whether more follow', () => {
    const index = build();
    expect(index.page(undefined, 2)).toEqual({ ids: ['a', 'd'], hasMore: true });
    expect(index.page(['Adams', 'd'], 2)).toEqual({ ids: ['b', 'c'], hasMore: false });
  });

  it('neither repeats nor skips when an item before the cursor is removed between pages', () => {
    const index = build();
    const first = index.page(undefined, 2);
    index.remove(['Adams', 'a'], 'a');
    expect(index.page(['Adams', 'd'], 2)).toEqual({ ids: ['b', 'c'], hasMore: false });
    expect(first.ids).toEqual(['a', 'd']);
  });

  it('resumes after a cursor whose item was deleted', () => {
    const index = build();
    index.remove(['Lee', 'b'], 'b');
    expect(index.page(['Lee', 'b'], 5)).toEqual({ ids: ['c'], hasMore: false });
  });

  it('ignores the removal of an id that is not under that key', () => {
    const index = build();
    index.remove(['Lee', 'b'], 'zzz');
    expect(index.size).toBe(4);
  });
});

describe('cursors', () => {
  it('round-trip a sort key', () => {
    expect(decodeCursor(encodeCursor(['Lee', 'Ann', 'pt-1']))).toEqual(['Lee', 'Ann', 'pt-1']);
  });

  it('refuse a forged cursor with BAD_USER_INPUT naming the argument', () => {
    expect(() => decodeCursor('not-a-cursor')).toThrowErrorMatchingInlineSnapshot(
      `[GraphQLError: Invalid input. after: is not a cursor returned by this API]`,
    );
  });
});

describe('pageSize', () => {
  it('defaults to 20 and accepts 1 to 100', () => {
    expect([pageSize(undefined), pageSize(null), pageSize(1), pageSize(100)]).toEqual([20, 20, 1, 100]);
  });

  it.each([0, -1, 101, 2.5])('refuses %s', (first) => {
    expect(() => pageSize(first)).toThrow('first: must be from 1 to 100');
  });
});
