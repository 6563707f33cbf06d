import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../src/logger';

describe('log lines on stdout', () => {
  afterEach(() => vi.restoreAllMocks());

  it('go out in one write per event-loop turn, in order', async () => {
    const writes: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    });
    const logger = createLogger('patient');
    logger.info('http.request', { status: 200 });
    logger.warn('auth.rejected', { reason: 'expired' });
    expect(writes).toEqual([]);
    await new Promise((done) => setImmediate(done));
    expect(writes).toHaveLength(1);
    const lines = writes[0]!
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => line['event'])).toEqual(['http.request', 'auth.rejected']);
  });

  it('are all written when the process exits right after logging them', () => {
    const script = `import { createLogger } from ${JSON.stringify(resolve(import.meta.dirname, '../src/logger.ts'))};
const logger = createLogger('patient');
logger.info('one'); logger.error('two');
process.exit(3);`;
    const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
    });
    expect(result.status).toBe(3);
    const events = result.stdout
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { event: string }).event);
    expect(events).toEqual(['one', 'two']);
  });
});
