import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';

/**
 * `scripts/start.ts` as a child process on free ports, for tests and the stress run: it resolves
 * once the gateway is announced, with each service's URL and pid (from its `service.ready` line).
 */

const ROOT = resolve(import.meta.dirname, '../..');

export interface ServiceInfo {
  url: string;
  pid: number;
}

export interface RunningStack {
  gatewayUrl: string;
  /** By service name: gateway, patient, clinical, ehr, ehr-sandbox. */
  services: Record<string, ServiceInfo>;
  /** Every JSON log line the services printed so far, parsed. */
  logs: Record<string, unknown>[];
  process: ChildProcess;
  /** Signs in through the gateway and answers the access token. */
  login(email: string, password?: string): Promise<string>;
  /** SIGINT to the launcher, which stops every service; resolves with its exit code. */
  stop(): Promise<number | null>;
}

export const DEMO_PASSWORD = 'demo-password-123';

export async function startStack(
  options: { timeoutMs?: number; env?: Record<string, string>; echo?: boolean } = {},
): Promise<RunningStack> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      GATEWAY_PORT: '0',
      PATIENT_PORT: '0',
      CLINICAL_PORT: '0',
      EHR_PORT: '0',
      SANDBOX_PORT: '0',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const services: Record<string, ServiceInfo> = {};
  const logs: Record<string, unknown>[] = [];
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const gatewayUrl = await new Promise<string>((resolveUrl, reject) => {
    const timeoutMs = options.timeoutMs ?? 45_000;
    const timer = setTimeout(() => reject(new Error(`the stack did not start within ${timeoutMs} ms`)), timeoutMs);
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (options.echo) process.stdout.write(line + '\n');
      if (line.startsWith('{')) {
        try {
          const entry = JSON.parse(line) as Record<string, unknown>;
          logs.push(entry);
          if (entry['event'] === 'service.ready' && typeof entry['url'] === 'string') {
            services[String(entry['service'])] = { url: entry['url'], pid: Number(entry['pid'] ?? 0) };
          }
        } catch {
          // not a log line
        }
      }
      const announced = /GraphQL and Apollo Sandbox: (\S+)/.exec(line);
      if (announced) {
        clearTimeout(timer);
        // The announcement says localhost for people; tests talk to the address the gateway bound.
        resolveUrl(services['gateway']?.url ?? announced[1]!.replace('//localhost:', '//127.0.0.1:'));
      }
    });
    void exited.then((code) => reject(new Error(`start exited early with code ${code}`)));
  });

  return {
    gatewayUrl,
    services,
    logs,
    process: child,
    login: async (email, password = DEMO_PASSWORD) => {
      const response = await fetch(gatewayUrl.replace('/graphql', '/auth/login'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      if (!response.ok) throw new Error(`login as ${email} answered ${response.status}`);
      return ((await response.json()) as { accessToken: string }).accessToken;
    },
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      return exited;
    },
  };
}

export interface GraphqlResult<TData> {
  status: number;
  data?: TData | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** One GraphQL POST to the gateway. */
export async function graphql<TData = Record<string, unknown>>(
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
  init: { headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<GraphqlResult<TData>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...init.headers },
    body: JSON.stringify({ query, variables }),
    ...(init.signal ? { signal: init.signal } : {}),
  });
  const body = (await response.json()) as Omit<GraphqlResult<TData>, 'status'>;
  return { status: response.status, ...body };
}
