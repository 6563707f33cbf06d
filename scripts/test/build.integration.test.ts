import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it, onTestFinished } from 'vitest';
import { graphql, startStack } from '../lib/stack';

const ROOT = new URL('../..', import.meta.url).pathname;

/** `npm start`'s way: the services compiled (`pnpm build:services`) and run with plain node, no tsx. */
describe('compiled services', () => {
  it('build, start with node from their bundles, and answer a federated query', { timeout: 240_000 }, async () => {
    const built = spawnSync('pnpm', ['-s', 'build:services'], { cwd: ROOT, encoding: 'utf8' });
    expect(built.status, built.stderr).toBe(0);
    const stack = await startStack({ compiled: true, timeoutMs: 120_000 });
    onTestFinished(async () => void (await stack.stop()));
    expect(Object.keys(stack.services).sort()).toEqual(['clinical', 'ehr', 'ehr-sandbox', 'gateway', 'patient']);
    for (const name of ['gateway', 'patient', 'clinical', 'ehr']) {
      const { pid } = stack.services[name]!;
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
      // Plain node on the service's bundle; `test:logged` adds its compiled log tee (`--import`).
      expect(command[0], name).toMatch(/(^|\/)node$/);
      expect(command.join(' '), name).not.toMatch(/tsx/);
      expect(command.at(-1), name).toMatch(new RegExp(`(^|/)${name}/dist/index\\.js$`));
    }
    const token = await stack.login('clinician@riverside.test');
    const result = await graphql<{ patients: { nodes: { id: string; organization: { name: string } }[] } }>(
      stack.gatewayUrl,
      token,
      '{ patients(first: 3) { nodes { id organization { name } clinicalHistory { allergies } ehrSystem { name } } } }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.patients.nodes).toHaveLength(3);
    expect(await stack.stop()).toBe(0);
  });
});
