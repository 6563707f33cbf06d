import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** `pnpm start` of the package: `tsx src/index.ts` as its own process. */
describe('sandbox process', () => {
  it('logs service.ready with its url, serves, and stops on SIGTERM', async () => {
    const cwd = fileURLToPath(new URL('..', import.meta.url));
    const tsx = fileURLToPath(new URL('../../../node_modules/tsx/dist/cli.mjs', import.meta.url));
    const child = spawn(process.execPath, [tsx, 'src/index.ts'], {
      cwd,
      env: { ...process.env, PORT: '0', SANDBOX_SEED: '5' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.setEncoding('utf8');
    const ready = new Promise<{ url: string; fhir: string }>((resolve, reject) => {
      child.stdout.on('data', (chunk: string) => {
        output += chunk;
        const line = output.split('\n').find((candidate) => candidate.includes('"event":"service.ready"'));
        if (line) resolve(JSON.parse(line) as { url: string; fhir: string });
      });
      child.once('exit', (code) => reject(new Error(`exited early with ${code}: ${output}`)));
    });
    try {
      const { url, fhir } = await ready;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(fhir).toBe('/fhir/r4');
      const metadata = (await (await fetch(`${url}${fhir}/metadata`)).json()) as { resourceType: string };
      expect(metadata.resourceType).toBe('CapabilityStatement');
      const health = await fetch(`${url}/_sandbox/health`);
      expect(await health.json()).toEqual({ status: 'ok' });
      const faults = (await (await fetch(`${url}/_sandbox/faults`)).json()) as { seed: number };
      expect(faults.seed).toBe(5);

      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
});
