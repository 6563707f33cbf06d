import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { ConfigError, envString, type Env } from './env';
import { badUserInput } from './errors';

/**
 * Cursor pagination over collections kept in a stable sort order.
 *
 * A cursor is the sort key of the last item a client saw, base64url-encoded, or sealed with
 * `createCursorCodec` when the key holds PHI (names). Paging resumes
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

const notACursor = (field: string) => badUserInput([{ field, message: 'is not a cursor returned by this API' }]);

/** The sort key a cursor's JSON spells, or undefined when it spells none. */
function sortKeyOf(json: string): SortKey | undefined {
  try {
    const key: unknown = JSON.parse(json);
    if (Array.isArray(key) && key.length > 0 && key.every((k) => typeof k === 'string' || typeof k === 'number')) {
      return key;
    }
  } catch {
    // not JSON
  }
  return undefined;
}

/**
 * The readable cursor: for keys that hold no patient data (an audit record's time, chain and seq;
 * a transaction's creation time and id). A key that holds names or other PHI needs a `CursorCodec`.
 */
export function decodeCursor(cursor: string, field = 'after'): SortKey {
  const key = sortKeyOf(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (key === undefined) throw notACursor(field);
  return key;
}

/** Cursors sealed with a key: what the client holds says nothing, and cannot be made up or changed. */
export interface CursorCodec {
  encode(key: SortKey): string;
  /** The sort key, or BAD_USER_INPUT at `field` for anything this codec did not seal (never repeated). */
  decode(cursor: string, field?: string): SortKey;
}

/** Used outside production when CURSOR_KEY is not set, so development needs no setup. */
export const DEV_CURSOR_KEY = 'carebridge-dev-cursor-key-not-for-production';

/** CURSOR_KEY: required in production, at least 32 characters; the development key otherwise. */
export function readCursorKey(env: Env): string {
  const production = env['NODE_ENV'] === 'production';
  const key = envString(env, 'CURSOR_KEY', production ? '' : DEV_CURSOR_KEY);
  if (production && (key.length < 32 || key === DEV_CURSOR_KEY)) {
    throw new ConfigError('CURSOR_KEY is required in production: a secret of at least 32 characters');
  }
  return key;
}

const CURSOR_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * A cursor codec for sort keys that hold PHI (the patient list's folded names): the key's JSON
 * sealed with AES-256-GCM under a key derived (HKDF-SHA256) from `secret` and `purpose`, with a
 * fresh random IV each time, as base64url of version, IV, ciphertext and tag. The client learns
 * nothing from a cursor, not even whether two point at the same patient; a changed, made-up or
 * other list's cursor fails authentication and is refused like any cursor this API did not give.
 * Every replica must share `secret` (CURSOR_KEY); changing it makes cursors already handed out
 * refused (the client starts from the first page).
 */
export function createCursorCodec(secret: string, purpose: string): CursorCodec {
  const key = Buffer.from(hkdfSync('sha256', secret, '', `carebridge cursor ${purpose}`, 32));
  const aad = Buffer.from(purpose, 'utf8');
  return {
    encode(sortKey) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(aad);
      const sealed = Buffer.concat([cipher.update(JSON.stringify(sortKey), 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.of(CURSOR_VERSION), iv, sealed, cipher.getAuthTag()]).toString('base64url');
    },
    decode(cursor, field = 'after') {
      const bytes = Buffer.from(cursor, 'base64url');
      if (bytes.length <= 1 + IV_BYTES + TAG_BYTES || bytes[0] !== CURSOR_VERSION) throw notACursor(field);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(1, 1 + IV_BYTES)).setAAD(aad);
        decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
        const json = Buffer.concat([decipher.update(bytes.subarray(1 + IV_BYTES, -TAG_BYTES)), decipher.final()]);
        const sortKey = sortKeyOf(json.toString('utf8'));
        if (sortKey !== undefined) return sortKey;
      } catch {
        // authentication failed: not sealed here, or changed
      }
      throw notACursor(field);
    },
  };
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
