import { decodeCursor, encodeCursor, pageSize } from '@carebridge/common';

/** One page of a list sorted newest first by a (time, id) key, with the connection's fields. */
export interface Page<T> {
  nodes: T[];
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/**
 * The page after `after` of `all` (sorted newest first by `key`, descending time then id). The
 * cursor is the last item's key, so items added between pages never shift what the next page holds.
 * Keys hold no patient data (times and ids), hence the readable cursor.
 */
export function keysetPage<T>(
  all: readonly T[],
  key: (item: T) => [string, string],
  args: { first?: number | null; after?: string | null },
): Page<T> {
  const limit = pageSize(args.first);
  const cursor = args.after ? decodeCursor(args.after) : undefined;
  const start = cursor
    ? all.findIndex((item) => {
        const [time, id] = key(item);
        return time < String(cursor[0]) || (time === cursor[0] && id < String(cursor[1]));
      })
    : 0;
  const from = start === -1 ? all.length : start;
  const nodes = all.slice(from, from + limit);
  const last = nodes.at(-1);
  return {
    nodes,
    totalCount: all.length,
    pageInfo: { hasNextPage: from + limit < all.length, endCursor: last ? encodeCursor(key(last)) : null },
  };
}
