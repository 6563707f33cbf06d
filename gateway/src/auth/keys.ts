import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type CryptoKey,
  type JSONWebKeySet,
  type JWK,
} from 'jose';
import { TOKEN_ALGORITHM, type Logger } from '@carebridge/common';

/**
 * The gateway's signing keys. The first key signs; every key verifies, so after a rotation the
 * tokens signed by the previous key stay valid until they expire. Only public parts are published.
 */
export interface KeyRing {
  signing: { kid: string; key: CryptoKey };
  jwks: JSONWebKeySet;
}

function publicPart(jwk: JWK, kid: string): JWK {
  const { kty, crv, x, y } = jwk;
  return { kty, crv, x, y, kid, alg: TOKEN_ALGORITHM, use: 'sig' };
}

/** Builds a key ring from private JWKs (ES256, P-256), newest first, as configured in production. */
export async function keyRingFromJwks(privateJwks: readonly JWK[]): Promise<KeyRing> {
  const [newest] = privateJwks;
  if (!newest) throw new Error('at least one signing key is needed');
  const published: JWK[] = [];
  for (const jwk of privateJwks) {
    if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.d)
      throw new Error('signing keys must be private P-256 EC JWKs');
    published.push(publicPart(jwk, jwk.kid ?? (await calculateJwkThumbprint(jwk))));
  }
  const key = (await importJWK({ ...newest, alg: TOKEN_ALGORITHM }, TOKEN_ALGORITHM)) as CryptoKey;
  return { signing: { kid: published[0]!.kid!, key }, jwks: { keys: published } };
}

/** A fresh private key as a JWK with a thumbprint `kid`: development start-up, tests, key rotation. */
export async function generateSigningJwk(): Promise<JWK> {
  const { privateKey } = await generateKeyPair(TOKEN_ALGORITHM, { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: TOKEN_ALGORITHM };
}

/**
 * The gateway's key ring at start-up: the configured keys (AUTH_SIGNING_KEYS, required in
 * production), or else one generated for this process, said in the log because every token then
 * ends with the process.
 */
export async function signingKeyRing(configured: readonly JWK[] | undefined, logger: Logger): Promise<KeyRing> {
  if (configured) return keyRingFromJwks(configured);
  logger.warn('auth.developmentKey', { note: 'generated a signing key; tokens end with this process' });
  return keyRingFromJwks([await generateSigningJwk()]);
}
