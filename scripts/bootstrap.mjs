#!/usr/bin/env node
/**
 * Makes `npm start` and `npm test` work on a machine that has only Node and npm: finds pnpm (or
 * runs it through npx), installs the workspace's dependencies from the lockfile, then runs the
 * named pnpm script. Plain JavaScript with no dependencies, since nothing is installed yet.
 */
import { spawn, spawnSync } from 'node:child_process';

const script = process.argv[2];
if (!script) {
  console.error('usage: node scripts/bootstrap.mjs <pnpm script>');
  process.exit(2);
}

const hasPnpm = spawnSync('pnpm', ['--version'], { stdio: 'ignore', shell: process.platform === 'win32' }).status === 0;
const [command, ...prefix] = hasPnpm ? ['pnpm'] : ['npx', '--yes', 'pnpm@10'];

const install = spawnSync(command, [...prefix, 'install', '--frozen-lockfile', '--prefer-offline'], {
  stdio: ['ignore', 'inherit', 'inherit'],
});
if (install.status !== 0) {
  console.error('Installing dependencies failed; see the output above.');
  process.exit(install.status ?? 1);
}

const child = spawn(command, [...prefix, 'run', script], { stdio: 'inherit' });
// Ctrl-C reaches the whole process group by itself; a SIGTERM sent to this process alone is passed on.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
