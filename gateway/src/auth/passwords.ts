import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  passwordProblem as passwordRule,
  type PasswordProblem,
} from '@carebridge/domain';
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashing with scrypt. OWASP's Password Storage Cheat Sheet asks for N=2^17, r=8, p=1
 * (128 MiB per hash); the parameters are stored with each hash, so raising them later only
 * affects new hashes, and verification always uses the parameters a hash was made with.
 */
export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

export const OWASP_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };

export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH };

const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** `scrypt$N$r$p$salt$hash`, salt and hash in base64url. */
export async function hashPassword(password: string, params: ScryptParams = OWASP_SCRYPT): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = encoded.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

const PROBLEMS: Record<PasswordProblem, string> = {
  tooShort: `must be at least ${PASSWORD_MIN_LENGTH} characters`,
  tooLong: `must be at most ${PASSWORD_MAX_LENGTH} characters`,
  blank: 'must not be only spaces',
  common: 'is too common or too easy to guess: choose a longer phrase of your own',
  personal: 'must not be your email address or name',
};

/**
 * Why a new password is refused (the rule of @carebridge/domain, which the sign-up page applies
 * too), or null when it is acceptable. `personal` is the email and name it comes with. The answer
 * never includes the password.
 */
export function passwordProblem(password: string, personal: { email?: string; name?: string } = {}): string | null {
  return passwordIssue(password, personal)?.message ?? null;
}

/** The same, with the problem's code for the app to say it in the user's language (`PASSWORD_COMMON`). */
export function passwordIssue(
  password: string,
  personal: { email?: string; name?: string } = {},
): { code: string; message: string } | null {
  const problem = passwordRule(password, personal);
  if (!problem) return null;
  return { code: `PASSWORD_${problem.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`, message: PROBLEMS[problem] };
}
