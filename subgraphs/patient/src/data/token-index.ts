function comparePairs(tokenA: string, idA: string, tokenB: string, idB: string): number {
  if (tokenA !== tokenB) return tokenA < tokenB ? -1 : 1;
  return idA < idB ? -1 : idA > idB ? 1 : 0;
}

/**
 * A prefix index: (token, id) pairs kept sorted by token then id, so the ids whose token starts
 * with a prefix form one contiguous range found by binary search. The relational equivalent is
 * a B-tree index queried with `LIKE 'prefix%'`.
 */
export class TokenIndex {
  private tokens: string[] = [];
  private ids: string[] = [];

  get size(): number {
    return this.tokens.length;
  }

  /** First position whose (token, id) is not less than the given pair. */
  private lowerBound(token: string, id: string): number {
    let lo = 0;
    let hi = this.tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (comparePairs(this.tokens[mid] ?? '', this.ids[mid] ?? '', token, id) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Adds pairs. A few are spliced in place; a large batch is sorted and merged in one pass, which
   * keeps seeding and bulk registration linear instead of quadratic.
   */
  add(pairs: readonly (readonly [token: string, id: string])[]): void {
    if (pairs.length < 64) {
      for (const [token, id] of pairs) {
        const at = this.lowerBound(token, id);
        this.tokens.splice(at, 0, token);
        this.ids.splice(at, 0, id);
      }
      return;
    }
    const sorted = [...pairs].sort(([ta, ia], [tb, ib]) => comparePairs(ta, ia, tb, ib));
    const tokens: string[] = [];
    const ids: string[] = [];
    let i = 0;
    for (const [token, id] of sorted) {
      while (i < this.tokens.length && comparePairs(this.tokens[i] ?? '', this.ids[i] ?? '', token, id) <= 0) {
        tokens.push(this.tokens[i] ?? '');
        ids.push(this.ids[i] ?? '');
        i++;
      }
      tokens.push(token);
      ids.push(id);
    }
    for (; i < this.tokens.length; i++) {
      tokens.push(this.tokens[i] ?? '');
      ids.push(this.ids[i] ?? '');
    }
    this.tokens = tokens;
    this.ids = ids;
  }

  remove(token: string, id: string): void {
    const at = this.lowerBound(token, id);
    if (this.tokens[at] === token && this.ids[at] === id) {
      this.tokens.splice(at, 1);
      this.ids.splice(at, 1);
    }
  }

  /** Where the pairs whose token starts with `prefix` lie: `[start, end)`. */
  private range(prefix: string): [number, number] {
    const start = this.lowerBound(prefix, '');
    // Every token starting with `prefix` sorts before `prefix` followed by the highest code unit.
    const end = this.lowerBound(prefix + '\uffff', '');
    return [start, end];
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
    for (let i = start; i < end; i++) result.add(this.ids[i] ?? '');
    return result;
  }
}
