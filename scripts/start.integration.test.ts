import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');

/** `pnpm start` as a user runs it, on free ports: everything starts, answers, and stops on Ctrl-C. */
describe('pnpm start', () => {
  it('starts the subgraphs and the gateway, answers a federated query, and stops everything on SIGINT', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        GATEWAY_PORT: '0',
        PATIENT_PORT: '0',
        CLINICAL_PORT: '0',
        EHR_PORT: '0',
        SANDBOX_PORT: '0',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const serviceUrls: Record<string, string> = {};
    const gatewayUrl = await new Promise<string>((resolveUrl, reject) => {
      const timer = setTimeout(() => reject(new Error('the stack did not start within 45 s')), 45_000);
      createInterface({ input: child.stdout }).on('line', (line) => {
        const ready = /^\{.*"event":"service\.ready"/.test(line)
          ? (JSON.parse(line) as { service: string; url: string })
          : null;
        if (ready) serviceUrls[ready.service] = ready.url;
        const announced = /GraphQL and Apollo Sandbox: (\S+)/.exec(line);
        if (announced) {
          clearTimeout(timer);
          resolveUrl(announced[1]!);
        }
      });
      child.once('exit', (code) => reject(new Error(`start exited early with code ${code}`)));
    });

    expect(Object.keys(serviceUrls).sort()).toEqual(['clinical', 'ehr', 'ehr-sandbox', 'gateway', 'patient']);
    // Signs in as a demo user, as the README says, then asks for data from all three subgraphs.
    const login = await fetch(gatewayUrl.replace('/graphql', '/auth/login'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'clinician@lakeside.test', password: 'demo-password-123' }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({
        query: '{ patients(first: 1) { totalCount nodes { ehrSystem { name } clinicalHistory { allergies } } } }',
      }),
    });
    const body = (await response.json()) as { data?: { patients: { totalCount: number; nodes: unknown[] } } };
    expect(body.data?.patients.totalCount).toBeGreaterThan(0);
    expect(body.data?.patients.nodes).toMatchObject([{ ehrSystem: { name: 'Allscripts' } }]);

    // The seed travels as change events through the outboxes to the ehr subgraph, which delivers
    // it to the EHR sandbox: every seeded Lakeside patient reaches the imitation Allscripts.
    const sandbox = serviceUrls['ehr-sandbox']!;
    let allscriptsPatients = 0;
    for (let i = 0; i < 60 && allscriptsPatients < body.data!.patients.totalCount; i++) {
      const stats = (await (await fetch(`${sandbox}/_sandbox/stats`)).json()) as Record<string, { patients: number }>;
      allscriptsPatients = stats['allscripts']?.patients ?? 0;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(allscriptsPatients).toBe(body.data!.patients.totalCount);

    const exitCode = await new Promise<number | null>((resolveExit) => {
      child.once('exit', (code) => resolveExit(code));
      child.kill('SIGINT');
    });
    expect(exitCode).toBe(0);
    for (const url of Object.values(serviceUrls)) {
      await expect(fetch(url.replace('/graphql', '/health'))).rejects.toThrow();
    }
  });
});
