import { badUserInput } from './errors';

/**
 * Cursor pagination over collections kept in a stable sort order.
 *
 * A cursor is the opaque, base64url-encoded sort key of the last item a client saw. Paging resumes
 * *after that key* (found by binary search), not after an offset, so rows inserted or deleted
 * between two requests never make a page repeat or skip an item.
 */
export type SortKey = readonly (string | number)[];

export function compareKeys(a: SortKey, b: SortKey): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return a.length - b.length;
}

export function encodeCursor(key: SortKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, field = 'after'): SortKey {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length > 0 && key.every((k) => typeof k === 'string' || typeof k === 'number')) {
      return key;
    }
  } catch {
    // fall through to the error below
  }
  throw badUserInput([{ field, message: 'is not a cursor returned by this API' }]);
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** Validates `first`: 1 to MAX_PAGE_SIZE, default DEFAULT_PAGE_SIZE. */
export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badUserInput([{ field: 'first', message: `must be from 1 to ${MAX_PAGE_SIZE}` }]);
  }
  return first;
}

/**
 * A list of ids kept sorted by a key, with O(log n) lookups of where a cursor falls.
 * Insertion and removal are a binary search plus one array splice.
 */
export class SortedIndex {
  private readonly keys: SortKey[] = [];
  private readonly ids: string[] = [];

  get size(): number {
    return this.ids.length;
  }

  /** Position of the first entry whose key is greater than `key` (or >= when `inclusive`). */
  private bound(key: SortKey, inclusive: boolean): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = compareKeys(this.keys[mid]!, key);
      if (c < 0 || (!inclusive && c === 0)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insert(key: SortKey, id: string): void {
    const at = this.bound(key, true);
    this.keys.splice(at, 0, key);
    this.ids.splice(at, 0, id);
  }

  remove(key: SortKey, id: string): void {
    const at = this.bound(key, true);
    if (this.ids[at] === id) {
      this.keys.splice(at, 1);
      this.ids.splice(at, 1);
    }
  }

  /** Up to `limit` ids after `after` (from the start when absent), and whether more follow. */
  page(after: SortKey | undefined, limit: number): { ids: string[]; hasMore: boolean } {
    const start = after ? this.bound(after, false) : 0;
    return { ids: this.ids.slice(start, start + limit), hasMore: start + limit < this.ids.length };
  }

  /** Every id in order; for callers that intersect several indexes. */
  all(): readonly string[] {
    return this.ids;
  }
}
