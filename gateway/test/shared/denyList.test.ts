import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MemoryTokenDenyList } from '../../src/shared';
import { backends, useSharedState } from '../support/sharedState';

describe.each(backends('deny'))('TokenDenyList ($name)', (backend) => {
  const state = useSharedState(backend);
  const list = () => state().denyList;

  it('knows a revoked token until its expiry, and no other', async () => {
    const jti = randomUUID();
    expect(await list().isRevoked(jti)).toBe(false);
    await list().revoke(jti, backend.now() + 60_000);
    expect(await list().isRevoked(jti)).toBe(true);
    expect(await list().isRevoked(randomUUID())).toBe(false);
  });

  it('drops an entry when its token expires', async () => {
    const jti = randomUUID();
    await list().revoke(jti, backend.now() + 80);
    expect(await list().isRevoked(jti)).toBe(true);
    await backend.advance(80 + 25);
    expect(await list().isRevoked(jti)).toBe(false);
  });

  it('does not store a token that has already expired', async () => {
    const jti = randomUUID();
    await list().revoke(jti, backend.now() - 1);
    expect(await list().isRevoked(jti)).toBe(false);
  });
});

describe('MemoryTokenDenyList', () => {
  it('drops expired entries before live ones at its bound, then the oldest, with a warning', async () => {
    let now = 0;
    const warnings: string[] = [];
    const logger = { warn: (event: string) => warnings.push(event) } as never;
    const list = new MemoryTokenDenyList({ maxEntries: 2, now: () => now, logger });
    await list.revoke('long', 1_000);
    await list.revoke('short', 10);
    now = 20;
    await list.revoke('third', 1_000);
    expect(await list.isRevoked('long')).toBe(true);
    expect(warnings).toEqual([]);
    await list.revoke('fourth', 1_000);
    expect(await list.isRevoked('long')).toBe(false);
    expect(await list.isRevoked('third')).toBe(true);
    expect(await list.isRevoked('fourth')).toBe(true);
    expect(warnings).toEqual(['deny_list.full']);
  });
});
