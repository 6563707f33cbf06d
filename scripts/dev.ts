/**
 * `pnpm dev`: the back end (`scripts/start.ts`, gateway on GATEWAY_PORT, 4000 by default) and the
 * web app's Vite dev server with hot reload, which proxies /graphql, /auth and /.well-known to the
 * gateway. Open the URL Vite prints. Ctrl-C stops both.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const gatewayPort = process.env['GATEWAY_PORT'] ?? '4000';

const children: ChildProcess[] = [
  spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, GATEWAY_PORT: gatewayPort },
  }),
  spawn('pnpm', ['--filter', '@carebridge/web', 'dev'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, GATEWAY_URL: `http://127.0.0.1:${gatewayPort}` },
    shell: process.platform === 'win32',
  }),
];

let stopping = false;
function stop(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exitCode = code;
}
for (const child of children) child.on('exit', (code) => stop(code ?? 0));
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
