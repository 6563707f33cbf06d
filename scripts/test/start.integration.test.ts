import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { readLogLines, startStack } from '../lib/stack';

const ROOT = new URL('../..', import.meta.url).pathname;
const AUDIT_KEY = 'start-test-audit-hmac-key-0123456789abcdef';

/** `pnpm start` as a user runs it, on free ports: everything starts, answers, and stops on Ctrl-C. */
describe('pnpm start', () => {
  // It builds the services first (`npm start` runs the compiled bundles), then starts five processes.
  it(
    'starts the subgraphs and the gateway, answers a federated query, and stops everything on SIGINT',
    { timeout: 180_000 },
    async () => {
      // One AUDIT_LOG_PATH for the whole stack, as a user would set it: each subgraph gets its own file.
      const auditDir = mkdtempSync(join(tmpdir(), 'start-audit-'));
      // The console a user sees; the services' lines in a log file of this test's own.
      const logFile = join(auditDir, 'carebridge.log');
      const stack = await startStack({
        console: true,
        timeoutMs: 90_000,
        env: {
          AUDIT_LOG_PATH: join(auditDir, 'audit.log'),
          AUDIT_HMAC_KEY: AUDIT_KEY,
          LOG_FILE: logFile,
          NO_COLOR: '1',
        },
      });
      // A failed expectation must not leave the stack running.
      onTestFinished(async () => void (await stack.stop()));
      expect(Object.keys(stack.services).sort()).toEqual(['clinical', 'ehr', 'ehr-sandbox', 'gateway', 'patient']);

      // The console is short: the seed's deliveries summarised, no request lines, and the banner,
      // printed last once they settled, is its last block (nothing follows it while the stack idles).
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      const consoleLines = [...stack.output];
      expect(stack.logFile).toBe(logFile);
      expect(consoleLines.length).toBeLessThan(40);
      expect(consoleLines.some((line) => line.startsWith('{'))).toBe(false);
      expect(consoleLines.join('\n')).not.toContain('http.request');
      const rules = consoleLines.flatMap((line, i) => (/^─+$/.test(line) ? [i] : []));
      expect(rules.length).toBe(2);
      const block = consoleLines.slice(rules[0]! + 1, rules[1]);
      expect(block).toEqual([
        expect.stringMatching(/^Carebridge is running\. GraphQL and Apollo Sandbox: http:\/\/localhost:\d+\/graphql$/),
        expect.stringMatching(/^Web app/),
        expect.stringMatching(/^EHR sandbox .*\/_sandbox\/stats$/),
        expect.stringContaining('clinician@lakeside.test'),
        `Full log: ${logFile}`,
        'Press Ctrl-C to stop.',
      ]);
      expect(consoleLines.slice(rules[1]! + 1).every((line) => line.trim() === '')).toBe(true);
      // The log file holds every service's JSON lines, each delivery's among them, summarised above.
      const logged = readLogLines(readFileSync(logFile, 'utf8'));
      const delivered = logged.filter((entry) => entry['event'] === 'delivery.delivered').length;
      expect(delivered).toBeGreaterThan(0);
      expect(new Set(logged.map((entry) => entry['service']))).toEqual(
        new Set(['clinical', 'ehr', 'ehr-sandbox', 'gateway', 'patient']),
      );
      // A line logged while serving a request carries its id (the ehr subgraph taking the seed's
      // change events); the deliveries the worker makes afterwards belong to no request.
      const ingested = logged.filter((entry) => entry['event'] === 'delivery.ingested');
      expect(ingested.length).toBeGreaterThan(0);
      expect(ingested.every((entry) => typeof entry['requestId'] === 'string')).toBe(true);
      expect(logged.filter((entry) => entry['event'] === 'delivery.delivered' && 'requestId' in entry)).toEqual([]);
      expect(consoleLines).toContainEqual(
        expect.stringMatching(new RegExp(`^ehr: ${delivered} delivered to ehr-\\S+`)),
      );

      // Signs in as a demo user, as the README says, then asks for data from all three subgraphs.
      const accessToken = await stack.login('clinician@lakeside.test');
      const response = await fetch(stack.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
        body: JSON.stringify({
          query:
            '{ patients(first: 1) { totalCount nodes { ehrSystem { name } clinicalHistory { allergies } ehrPreview { endpoint } } } }',
        }),
      });
      const body = (await response.json()) as { data?: { patients: { totalCount: number; nodes: unknown[] } } };
      expect(body.data?.patients.totalCount).toBeGreaterThan(0);
      expect(body.data?.patients.nodes).toMatchObject([{ ehrSystem: { name: 'Allscripts' } }]);

      // The seed travels as change events through the outboxes to the ehr subgraph, which delivers
      // it to the EHR sandbox: every seeded Lakeside patient reaches the imitation Allscripts.
      const sandbox = stack.services['ehr-sandbox']!.url;
      let allscriptsPatients = 0;
      for (let i = 0; i < 60 && allscriptsPatients < body.data!.patients.totalCount; i++) {
        const stats = (await (await fetch(`${sandbox}/_sandbox/stats`)).json()) as Record<string, { patients: number }>;
        allscriptsPatients = stats['allscripts']?.patients ?? 0;
        await new Promise((r) => setTimeout(r, 500));
      }
      expect(allscriptsPatients).toBe(body.data!.patients.totalCount);

      expect(await stack.stop()).toBe(0);
      for (const { url } of Object.values(stack.services)) {
        await expect(fetch(url.replace('/graphql', '/health'))).rejects.toThrow();
      }

      // The query was recorded by each subgraph in its own file, and each file verifies.
      expect(existsSync(join(auditDir, 'audit.log'))).toBe(false);
      for (const name of ['patient', 'clinical', 'ehr']) {
        const verified = spawnSync(
          process.execPath,
          ['--import', 'tsx', 'scripts/audit-verify.ts', join(auditDir, `audit.${name}.log`), '--key', AUDIT_KEY],
          { cwd: ROOT, encoding: 'utf8' },
        );
        expect([name, verified.status, verified.stdout.trim()]).toEqual([
          name,
          0,
          expect.stringMatching(/^ok: \d+ records$/),
        ]);
      }
      // Under `pnpm test:logged` the run's log check reads these lines too.
      if (process.env['LOG_FILE']) appendFileSync(process.env['LOG_FILE'], readFileSync(logFile));
      rmSync(auditDir, { recursive: true, force: true });
    },
  );
});
