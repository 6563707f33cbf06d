import { afterEach, describe, expect, it } from 'vitest';
import { warmSourceMaps } from '../src/sourceMaps';

const original = Object.getOwnPropertyDescriptor(Error, 'prepareStackTrace');
afterEach(() => {
  if (original) Object.defineProperty(Error, 'prepareStackTrace', original);
  else Reflect.deleteProperty(Error, 'prepareStackTrace');
});

/** Counts stack traces read: Node calls `Error.prepareStackTrace` for each, where it maps them. */
function countStackReads(): { count: number } {
  const reads = { count: 0 };
  Error.prepareStackTrace = (error, frames) => {
    reads.count++;
    return [String(error), ...frames.map(String)].join('\n');
  };
  return reads;
}

describe('warmSourceMaps', () => {
  it('reads one stack trace when source maps are enabled, so their parse happens then', () => {
    const reads = countStackReads();
    expect(warmSourceMaps(true)).toBe(true);
    expect(reads.count).toBe(1);
  });

  it('does nothing without source maps', () => {
    const reads = countStackReads();
    expect(warmSourceMaps(false)).toBe(false);
    expect(reads.count).toBe(0);
  });
});
