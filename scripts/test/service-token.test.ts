import { spawnSync } from 'node:child_process';
import { createTokenVerifier } from '@carebridge/common';
import { describe, expect, it } from 'vitest';
import { generateSigningJwk, keyRingFromJwks } from '../../gateway/src/auth/keys';

const ROOT = new URL('../..', import.meta.url).pathname;

function run(env: Record<string, string | undefined>): { status: number | null; stdout: string; stderr: string } {
  const child = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/service-token.ts'], {
    cwd: ROOT,
    env: { ...process.env, AUTH_SIGNING_KEYS: undefined, ...env },
    encoding: 'utf8',
  });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

describe('pnpm service-token', () => {
  it('prints a service token of the gateway that the subgraphs’ verifier accepts as one, and as nothing else', async () => {
    const jwk = await generateSigningJwk();
    const { jwks } = await keyRingFromJwks([jwk]);
    const printed = run({ AUTH_SIGNING_KEYS: JSON.stringify([jwk]) });
    expect(printed.status).toBe(0);
    const token = printed.stdout.trim();
    const verifier = createTokenVerifier({ jwks });
    expect(await verifier.isServiceToken?.(token)).toBe(true);
    expect(await verifier(token)).toMatchObject({ ok: false });
  });

  it('fails without AUTH_SIGNING_KEYS', () => {
    const printed = run({});
    expect(printed.status).toBe(1);
    expect(printed.stderr).toMatch(/AUTH_SIGNING_KEYS/);
  });
});
