import type { IncomingMessage, ServerResponse } from 'node:http';
import { createMetrics, type RouteRequest } from '@carebridge/common';
import { metricValue, parseMetrics } from '@carebridge/common/testing';
import { describe, expect, it } from 'vitest';
import { authRoutes, type AuthRoutesOptions } from '../src/auth/routes';
import type { AuthResult } from '../src/auth/service';

/** The auth routes over a log-in and sign-up that answer `results` in turn, and a rate limit that refuses `refused` times. */
function routes(results: AuthResult[], refused = 0) {
  const metrics = createMetrics({ service: 'gateway' });
  const next = () => Promise.resolve(results.shift()!);
  let refusals = refused;
  const limiter = {
    hit: () =>
      Promise.resolve(refusals-- > 0 ? { allowed: false, retryAfterMs: 3_000 } : { allowed: true, retryAfterMs: 0 }),
  };
  const handler = authRoutes({
    auth: { login: next, signup: next } as unknown as AuthRoutesOptions['auth'],
    rateLimits: { login: limiter, signup: limiter, refresh: limiter },
    trustedProxies: new Set(),
    secureCookies: true,
    metrics,
  } as unknown as AuthRoutesOptions);
  const call = async (path: string): Promise<number> => {
    let status = 0;
    const response = { writeHead: (s: number) => (status = s), end: () => undefined } as unknown as ServerResponse;
    const request = {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      socket: { remoteAddress: '127.0.0.1' },
    } as unknown as IncomingMessage;
    const route: RouteRequest = {
      request,
      response,
      url: new URL(path, 'http://localhost'),
      requestId: 'r1',
      readJson: () => Promise.resolve({}),
    };
    await handler(route);
    return status;
  };
  const read = async (name: string, labels: Record<string, string> = {}) =>
    metricValue(parseMetrics(await metrics.text()), name, labels);
  return { call, read };
}

describe('auth metrics', () => {
  it('counts failed log-ins, throttled (429) and busy (503) answers by endpoint', async () => {
    const { call, read } = routes(
      [
        { status: 401, body: {} },
        { status: 401, body: {} },
        { status: 503, body: {}, retryAfterSeconds: 2 },
        { status: 429, body: {}, retryAfterSeconds: 5 },
        { status: 200, body: {} },
        { status: 400, body: {} },
      ],
      1,
    );
    // The first is refused by the address's rate limit before the service is asked.
    expect(await call('/auth/login')).toBe(429);
    for (const expected of [401, 401, 503, 429, 200]) expect(await call('/auth/login')).toBe(expected);
    expect(await call('/auth/signup')).toBe(400);
    const refusals = 'carebridge_auth_refusals_total';
    expect(await read('carebridge_auth_login_failures_total')).toBe(2);
    expect(await read(refusals, { endpoint: 'login', reason: 'throttled' })).toBe(2);
    expect(await read(refusals, { endpoint: 'login', reason: 'busy' })).toBe(1);
    expect(await read(refusals, { endpoint: 'signup' })).toBe(0);
  });
});
