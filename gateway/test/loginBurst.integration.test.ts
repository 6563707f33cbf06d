import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '@carebridge/common';
import { OWASP_SCRYPT } from '../src/auth/passwords';
import { RIVERSIDE_CLINICIAN, startLocalSupergraph, type LocalSupergraph } from '../../scripts/lib/stack/inProcess';

/**
 * A flood of log-ins at the real scrypt cost (OWASP's N=2^17) must not starve the rest of the
 * gateway. scrypt runs on libuv's thread pool, which the signature check of every GraphQL request
 * needs too; without a bound on concurrent hashing, 200 log-ins queued 200 derivations there and an
 * unrelated request waited for all of them (45 s). With the limiter (2 running, 32 waiting), the
 * rest are answered 503 at once and the request goes through.
 */

let local: LocalSupergraph;
let running: RunningService;
let base: string;
beforeAll(async () => {
  local = await startLocalSupergraph({
    passwordParams: OWASP_SCRYPT,
    // Each log-in from its own address (X-Forwarded-For from a trusted peer), so the per-address
    // rate limit is not what answers: the hashing limiter is.
    trustedProxies: ['127.0.0.1'],
  });
  running = await local.serve();
  base = running.url.replace('/graphql', '');
}, 60_000);
afterAll(async () => {
  await running.close();
  await local.stop();
});

describe('200 concurrent log-ins with unknown emails', () => {
  it('get 401s and, past the hashing queue, 503 TOO_BUSY with Retry-After; a GraphQL request meanwhile answers in time', async () => {
    const token = await local.tokenFor(RIVERSIDE_CLINICIAN);
    const burst = Array.from({ length: 200 }, (_, i) =>
      fetch(`${base}/auth/login`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-forwarded-for': `198.51.${Math.floor(i / 250)}.${(i % 250) + 1}`,
        },
        body: JSON.stringify({ email: `nobody-${i}@flood.test`, password: 'not anyone’s password' }),
      }).then(async (response) => ({
        status: response.status,
        retryAfter: response.headers.get('retry-after'),
        body: (await response.json()) as Record<string, unknown>,
      })),
    );
    // While the burst is being hashed, an unrelated request.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const started = performance.now();
    const graphql = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    const elapsedMs = performance.now() - started;
    expect(graphql.status).toBe(200);
    // Without the limiter it waited behind every queued derivation: tens of seconds.
    expect(elapsedMs).toBeLessThan(5_000);

    const answers = await Promise.all(burst);
    const count = (status: number) => answers.filter((a) => a.status === status).length;
    expect(count(401) + count(503)).toBe(200);
    expect(count(401)).toBeGreaterThanOrEqual(1);
    expect(count(503)).toBeGreaterThanOrEqual(100);
    for (const answer of answers.filter((a) => a.status === 503)) {
      expect(answer.body).toMatchObject({ code: 'TOO_BUSY' });
      expect(Number(answer.retryAfter)).toBeGreaterThanOrEqual(1);
    }
  }, 180_000);
});
