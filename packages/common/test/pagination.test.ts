import { describe, expect, it } from 'vitest';
import { ConfigError } from '../src/env';
import {
  createCursorCodec,
  decodeCursor,
  DEV_CURSOR_KEY,
  encodeCursor,
  pageSize,
  readCursorKey,
  SortedIndex,
} from '../src/pagination';

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

describe('sealed cursors', () => {
  const KEY = ['garcía lópez', 'ana maría', 'pt-00042'] as const;
  const codec = createCursorCodec('a test secret of at least thirty-two characters', 'patients');
  const refused = (decode: () => unknown) => {
    try {
      decode();
    } catch (error) {
      return { message: (error as Error).message, extensions: (error as { extensions: unknown }).extensions };
    }
    throw new Error('expected a refusal');
  };
  const REFUSAL = {
    message: 'Invalid input. after: is not a cursor returned by this API',
    extensions: {
      code: 'BAD_USER_INPUT',
      problems: [{ field: 'after', message: 'is not a cursor returned by this API' }],
    },
  };

  it('round-trip a sort key, and hold nothing of it a client can read', () => {
    const cursor = codec.encode(KEY);
    expect(codec.decode(cursor)).toEqual(KEY);
    const bytes = Buffer.from(cursor, 'base64url');
    for (const text of [cursor, bytes.toString('utf8'), bytes.toString('latin1')]) {
      expect(text).not.toMatch(/garc|l[oó]pez|ana|mar[ií]a|00042/i);
    }
    // A fresh IV each time: two cursors to one patient do not even match.
    expect(codec.encode(KEY)).not.toBe(cursor);
  });

  it('refuse a changed, truncated or made-up cursor, and a readable one, without repeating it', () => {
    const cursor = Buffer.from(codec.encode(KEY), 'base64url');
    const flipped = Buffer.from(cursor);
    flipped[20] = flipped[20]! ^ 1;
    for (const bad of [
      flipped.toString('base64url'),
      cursor.subarray(0, cursor.length - 1).toString('base64url'),
      encodeCursor([...KEY]),
      'not-a-cursor',
      '',
    ]) {
      expect(refused(() => codec.decode(bad))).toEqual(REFUSAL);
    }
  });

  it('refuse a cursor sealed with another secret or for another list', () => {
    const cursor = codec.encode(KEY);
    const otherSecret = createCursorCodec('another secret of at least thirty-two characters', 'patients');
    const otherList = createCursorCodec('a test secret of at least thirty-two characters', 'providers');
    expect(refused(() => otherSecret.decode(cursor))).toEqual(REFUSAL);
    expect(refused(() => otherList.decode(cursor, 'cursor'))).toMatchObject({
      extensions: { problems: [{ field: 'cursor' }] },
    });
  });

  it('read CURSOR_KEY: required in production, at least 32 characters; the development key otherwise', () => {
    expect(readCursorKey({})).toBe(DEV_CURSOR_KEY);
    expect(readCursorKey({ CURSOR_KEY: 'k' })).toBe('k');
    for (const key of [undefined, 'short', DEV_CURSOR_KEY]) {
      expect(() => readCursorKey({ NODE_ENV: 'production', CURSOR_KEY: key })).toThrow(ConfigError);
    }
    const key = 'x'.repeat(32);
    expect(readCursorKey({ NODE_ENV: 'production', CURSOR_KEY: key })).toBe(key);
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
