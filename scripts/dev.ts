/**
 * `pnpm dev`: the back end (`scripts/start.ts` through the stack harness, gateway on GATEWAY_PORT,
 * 4000 by default) and, once it is up, the web app's Vite dev server with hot reload, which
 * proxies /graphql, /auth and /.well-known to the gateway it was given. Open the URL Vite prints.
 * The back end's console is `pnpm start`'s short one (the full log in the file it names). Ctrl-C
 * stops both.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { useColor } from './lib/console';
import { startStack } from './lib/stack';

const ROOT = resolve(import.meta.dirname, '..');

// The ports the environment sets (as under `pnpm start`), not free ones: a developer keeps one URL.
// start.ts's output reaches this terminal through a pipe: colour as this terminal allows.
const stack = await startStack({
  freePorts: false,
  console: true,
  echo: true,
  timeoutMs: 120_000,
  env: useColor(process.stdout) ? { FORCE_COLOR: '1' } : {},
});
const web: ChildProcess = spawn('pnpm', ['--filter', '@carebridge/web', 'dev'], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, GATEWAY_URL: stack.gatewayUrl.replace('/graphql', '') },
  shell: process.platform === 'win32',
});

let stopping = false;
function stop(code: number): void {
  if (stopping) return;
  stopping = true;
  if (web.exitCode === null) web.kill('SIGTERM');
  void stack.stop().then(() => (process.exitCode = code));
}
web.on('exit', (code) => stop(code ?? 0));
stack.process.on('exit', (code) => stop(code ?? 0));
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
