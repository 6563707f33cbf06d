import { compareKeys, type SortKey } from '@carebridge/common';

/** One (token, patient) pair of a `KeyedTokenIndex`. */
export interface KeyedToken {
  token: string;
  id: string;
  /** The patient's list-order key (`patientSortKey`). */
  key: SortKey;
  /** The patient's token before this one in code-unit order, or null for its first: see `page`. */
  previous: string | null;
}

const before = (a: KeyedToken, token: string, id: string): boolean => (a.token !== token ? a.token < token : a.id < id);

/**
 * A prefix index: (token, patient) pairs kept sorted by token then id, so the pairs whose token
 * starts with a prefix form one contiguous range found by binary search (the relational equivalent
 * is a B-tree index queried with `LIKE 'prefix%'`). Each pair also holds its patient's list-order
 * key and previous token, so that a page of one search word and its total are read from the range
 * alone, without a set of its ids or a lookup per patient (`page`).
 */
export class KeyedTokenIndex {
  private entries: KeyedToken[] = [];

  get size(): number {
    return this.entries.length;
  }

  /** The pairs of one patient: its tokens in code-unit order, each with the one before it. */
  static pairsOf(id: string, key: SortKey, tokens: readonly string[]): KeyedToken[] {
    const sorted = [...tokens].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return sorted.map((token, i) => ({ token, id, key, previous: i === 0 ? null : sorted[i - 1]! }));
  }

  /** First position whose (token, id) is not less than the given pair. */
  private lowerBound(token: string, id: string): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (before(this.entries[mid]!, token, id)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Adds pairs: a few spliced in place, a large batch sorted and merged in one pass (linear loading). */
  add(pairs: readonly KeyedToken[]): void {
    if (pairs.length < 64) {
      for (const pair of pairs) this.entries.splice(this.lowerBound(pair.token, pair.id), 0, pair);
      return;
    }
    const sorted = [...pairs].sort((a, b) => (before(a, b.token, b.id) ? -1 : before(b, a.token, a.id) ? 1 : 0));
    const merged: KeyedToken[] = [];
    let i = 0;
    for (const pair of sorted) {
      while (i < this.entries.length && before(this.entries[i]!, pair.token, pair.id)) merged.push(this.entries[i++]!);
      merged.push(pair);
    }
    for (; i < this.entries.length; i++) merged.push(this.entries[i]!);
    this.entries = merged;
  }

  remove(token: string, id: string): void {
    const at = this.lowerBound(token, id);
    const entry = this.entries[at];
    if (entry?.token === token && entry.id === id) this.entries.splice(at, 1);
  }

  /** Where the pairs whose token starts with `prefix` lie: `[start, end)`. */
  private range(prefix: string): [number, number] {
    // Every token starting with `prefix` sorts before `prefix` followed by the highest code unit.
    return [this.lowerBound(prefix, ''), this.lowerBound(prefix + '\uffff', '')];
  }

  /** How many pairs match `prefix`; an upper bound of the ids (a patient may match twice). */
  count(prefix: string): number {
    const [start, end] = this.range(prefix);
    return end - start;
  }

  /** The distinct ids with a token starting with `prefix`, in no particular order. */
  idsWithPrefix(prefix: string): Set<string> {
    const [start, end] = this.range(prefix);
    const result = new Set<string>();
    for (let i = start; i < end; i++) result.add(this.entries[i]!.id);
    return result;
  }

  /**
   * The first `first` patients in list order with a token starting with `prefix`, after the key
   * `after` when given, whether more follow, and how many patients match in all. A patient's tokens
   * that match are consecutive in its own order, so it is counted once: at the pair whose previous
   * token does not match. The page keeps the smallest keys seen (a patient's second pair has the
   * same key, and is skipped).
   */
  page(prefix: string, first: number, after?: SortKey): { ids: string[]; hasMore: boolean; total: number } {
    const [start, end] = this.range(prefix);
    const high = prefix + '\uffff';
    const limit = first + 1;
    const page: KeyedToken[] = [];
    let total = 0;
    for (let i = start; i < end; i++) {
      const entry = this.entries[i]!;
      const { previous } = entry;
      if (previous === null || previous < prefix || previous >= high) total += 1;
      if (after !== undefined && compareKeys(entry.key, after) <= 0) continue;
      if (page.length === limit && compareKeys(entry.key, page[limit - 1]!.key) >= 0) continue;
      let lo = 0;
      let hi = page.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (compareKeys(page[mid]!.key, entry.key) < 0) lo = mid + 1;
        else hi = mid;
      }
      if (page[lo] !== undefined && compareKeys(page[lo]!.key, entry.key) === 0) continue;
      page.splice(lo, 0, entry);
      if (page.length > limit) page.pop();
    }
    return { ids: page.slice(0, first).map((entry) => entry.id), hasMore: page.length > first, total };
  }
}
