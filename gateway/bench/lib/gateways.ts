import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface BenchGateway {
  name: string;
  url: string;
  pid: number;
  /** Stops a gateway the benchmark spawned itself (ours stops with the stack). */
  stop?: () => Promise<void>;
}

/** Starts `hive.ts` (Hive Gateway, JavaScript or Rust planner) and resolves once it listens. */
export function spawnGateway(options: {
  root: string;
  planner: 'js' | 'rust';
  port: number;
  env: NodeJS.ProcessEnv;
}): Promise<BenchGateway> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'gateway/bench/hive.ts'], {
    cwd: options.root,
    env: { ...options.env, PORT: String(options.port), HIVE_PLANNER: options.planner },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  process.once('exit', () => child.kill('SIGTERM'));
  return new Promise((resolveGateway, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.includes('"service.ready"')) return;
      const ready = JSON.parse(line) as { url: string; pid: number };
      const name = options.planner === 'rust' ? 'Hive Gateway + Rust planner' : 'Hive Gateway';
      resolveGateway({ name, url: ready.url, pid: ready.pid, stop });
    });
    void exited.then(() => reject(new Error(`Hive Gateway (${options.planner}) exited before it was ready`)));
  });
}
