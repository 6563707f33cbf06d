import { compareKeys, type SortKey } from '@carebridge/common';

/**
 * The first `first` of some ids in list order, after the sort key `after` when given, and whether
 * more follow, without sorting them all: a bounded insertion into the page, so k ids cost about k
 * key comparisons (each id past a full page is one comparison with its last entry) instead of
 * k·log2(k). What a search page needs when its matches come from the token index unordered.
 */
export function selectPage(
  ids: Iterable<string>,
  keyOf: (id: string) => SortKey,
  first: number,
  after?: SortKey,
): { ids: string[]; hasMore: boolean } {
  // One more than the page, to tell whether another page follows.
  const limit = first + 1;
  const page: { id: string; key: SortKey }[] = [];
  for (const id of ids) {
    const key = keyOf(id);
    if (after !== undefined && compareKeys(key, after) <= 0) continue;
    if (page.length === limit && compareKeys(key, page[limit - 1]!.key) >= 0) continue;
    let lo = 0;
    let hi = page.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareKeys(page[mid]!.key, key) < 0) lo = mid + 1;
      else hi = mid;
    }
    page.splice(lo, 0, { id, key });
    if (page.length > limit) page.pop();
  }
  return { ids: page.slice(0, first).map((entry) => entry.id), hasMore: page.length > first };
}
