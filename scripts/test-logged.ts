/**
 * The part of `pnpm test:all` that runs real services: the integration tests, the stress run
 * (STRESS_RPS=30, STRESS_SECONDS=10 unless set: sized for a 2-core CI machine) and the browser
 * end-to-end tests, with every service of all three, in-process or spawned, appending its log
 * lines to one LOG_FILE. Then
 * `scripts/check-logs.ts` reads that file, and any token, password or seeded patient's data in it
 * fails the run. Each step runs even when an earlier one failed, so one run reports all three.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const logFile = process.env['LOG_FILE'] ?? join(mkdtempSync(join(tmpdir(), 'carebridge-logs-')), 'services.log');
const env = {
  ...process.env,
  LOG_FILE: logFile,
  STRESS_RPS: process.env['STRESS_RPS'] ?? '30',
  STRESS_SECONDS: process.env['STRESS_SECONDS'] ?? '10',
};

/** Runs a command from the repository root with the shared environment; answers whether it passed. */
function step(label: string, command: string, args: string[]): boolean {
  console.log(`\n> ${label}`);
  // node_modules/.bin is on PATH under `pnpm run`; Windows needs a shell to find the .cmd shims.
  const result = spawnSync(command, args, { cwd: ROOT, env, stdio: 'inherit', shell: process.platform === 'win32' });
  return result.status === 0;
}

console.log(`Service logs of this run: ${logFile}`);
const results = [
  step('integration tests', 'vitest', ['run', '--project', 'integration']),
  step('stress', 'tsx', ['scripts/stress.ts']),
  step('end-to-end (Chromium on the built app)', 'vitest', ['run', '--project', 'e2e']),
  step('log check', 'tsx', ['scripts/check-logs.ts', logFile]),
];
process.exit(results.every(Boolean) ? 0 : 1);
