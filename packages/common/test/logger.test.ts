import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger';

describe('createLogger', () => {
  it('names the service that wrote each line, whatever the fields say', () => {
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger('gateway', {}, (line) => lines.push(JSON.parse(line) as Record<string, unknown>));
    logger.warn('subgraph.unavailable', { service: 'patient', event: 'other', level: 'info', requestId: 'r-1' });
    logger.child({ service: 'clinical' }).error('graphql.error', { code: 'X' });
    expect(lines).toEqual([
      expect.objectContaining({ service: 'gateway', event: 'subgraph.unavailable', level: 'warn', requestId: 'r-1' }),
      expect.objectContaining({ service: 'gateway', event: 'graphql.error', level: 'error', code: 'X' }),
    ]);
    // The line still starts with its own fields, in their order.
    expect(Object.keys(lines[0]!).slice(0, 4)).toEqual(['time', 'level', 'service', 'event']);
  });
});
