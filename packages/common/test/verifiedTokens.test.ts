import type * as Jose from 'jose';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

// The verifier's signature checks, counted: a cached token must not reach jose again.
const verifications = vi.hoisted(() => ({ count: 0 }));
vi.mock('jose', async (importOriginal) => {
  const jose = await importOriginal<typeof Jose>();
  return {
    ...jose,
    jwtVerify: (...args: Parameters<typeof Jose.jwtVerify>) => {
      verifications.count += 1;
      return jose.jwtVerify(...args);
    },
  };
});

const { createTokenVerifier, DEFAULT_AUDIENCE, DEFAULT_ISSUER, TOKEN_TYPES } = await import('../src/auth');
const { VerifiedTokens } = await import('../src/verifiedTokens');

describe('token verification cache', () => {
  let privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
  let jwks: { keys: Record<string, unknown>[] };
  let nowMs = Date.now();
  const sign = (seconds: number, claims: Record<string, string> = {}) =>
    new SignJWT({ org: 'org-riverside', role: 'CLINICIAN', ...claims })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1', typ: TOKEN_TYPES.access })
      .setSubject('user-1')
      .setIssuer(DEFAULT_ISSUER)
      .setAudience(DEFAULT_AUDIENCE)
      .setIssuedAt(Math.floor(nowMs / 1000))
      .setExpirationTime(Math.floor(nowMs / 1000) + seconds)
      .setJti(crypto.randomUUID())
      .sign(privateKey);

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    privateKey = pair.privateKey;
    jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' }] };
  });
  beforeEach(() => {
    verifications.count = 0;
    nowMs = Date.now();
  });

  it('verifies a token once: the second request with it does not check the signature again', async () => {
    const verify = createTokenVerifier({ jwks, now: () => nowMs });
    const token = await sign(900);
    const first = await verify(token);
    const second = await verify(token);
    expect(first).toEqual({ ok: true, viewer: expect.objectContaining({ kind: 'staff', userId: 'user-1' }) });
    expect(second).toEqual(first);
    expect(verifications.count).toBe(1);
  });

  it('refuses a token past its expiry even though it was cached', async () => {
    // jose checks `exp` against the real clock: a token that expires in 2 s, then the clocks move past it.
    const verify = createTokenVerifier({ jwks, now: () => nowMs, clockToleranceSeconds: 0 });
    const token = await sign(2);
    expect((await verify(token)).ok).toBe(true);
    nowMs += 3_000;
    vi.useFakeTimers({ now: nowMs, toFake: ['Date'] });
    try {
      expect(await verify(token)).toEqual({ ok: false, reason: 'ERR_JWT_EXPIRED' });
    } finally {
      vi.useRealTimers();
    }
    expect(verifications.count).toBe(2);
  });

  it('never answers a tampered token from the cache: it is verified, and refused', async () => {
    const verify = createTokenVerifier({ jwks, now: () => nowMs });
    const token = await sign(900);
    expect((await verify(token)).ok).toBe(true);
    const [header, , signature] = token.split('.');
    const claims = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()), role: 'ADMIN' }),
    ).toString('base64url');
    const tampered = `${header}.${claims}.${signature}`;
    expect(await verify(tampered)).toEqual({ ok: false, reason: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
    expect(await verify(tampered)).toEqual({ ok: false, reason: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
    // The refused token is verified each time (never cached); the good one still answers from the cache.
    expect(verifications.count).toBe(3);
    expect((await verify(token)).ok).toBe(true);
    expect(verifications.count).toBe(3);
  });

  it('keeps at most its bound of tokens, the least recently used going first', () => {
    let now = 0;
    const cache = new VerifiedTokens<string>(2, () => now);
    cache.set('a', 'A', 1_000);
    cache.set('b', 'B', 1_000);
    expect(cache.get('a')).toBe('A');
    cache.set('c', 'C', 1_000);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe('A');
    expect(cache.get('c')).toBe('C');
    now = 1_000;
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(1);
  });
});
