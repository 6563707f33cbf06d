import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedPatients } from '../../subgraphs/patient/src/data/seed';
import { scanLogText } from '../lib/logScan';

const ROOT = resolve(import.meta.dirname, '../..');
const line = (fields: Record<string, unknown>): string =>
  JSON.stringify({ time: '2026-01-05T00:00:00.000Z', level: 'info', service: 'patient', ...fields });
const CLEAN = [
  line({ event: 'service.ready', url: 'http://127.0.0.1:4001/graphql', pid: 42 }),
  line({ event: 'http.request', requestId: 'a1', method: 'POST', path: '/graphql', status: 200, durationMs: 3 }),
  line({ event: 'outbox.sent', count: 100, firstId: 'evt-1', status: 200 }),
  line({ event: 'auth.rejected', reason: 'expired' }),
].join('\n');

// The last test runs the script itself (node + tsx, three times): slow on a busy machine, not racy.
describe('check-logs', { timeout: 30_000 }, () => {
  const patient = seedPatients().find((p) => p.email && p.phone)!;

  it('passes operational log lines', () => {
    expect(scanLogText(CLEAN)).toEqual([]);
  });

  it.each([
    ['jwt', line({ event: 'x', token: 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1In0.c2lnbmF0dXJl' })],
    ['bearer token', line({ event: 'x', header: 'Bearer abc' })],
    ['demo password', line({ event: 'x', note: 'demo-password-123' })],
    ['password', line({ event: 'x', password: 'hunter2hunter2' })],
    ['seeded patient last name', line({ event: 'x', who: patient.lastName })],
    ['seeded patient first name', line({ event: 'x', who: patient.firstName })],
    ['seeded patient email', line({ event: 'x', to: patient.email })],
    ['seeded patient phone', line({ event: 'x', phone: patient.phone })],
    ['seeded patient MRN', line({ event: 'x', mrn: patient.mrn })],
  ])('finds a planted %s', (kind, planted) => {
    const findings = scanLogText(`${CLEAN}\n${planted}\n`);
    expect(findings).toContainEqual({ line: 5, kind, event: 'x' });
    expect(findings.every((finding) => finding.line === 5)).toBe(true);
  });

  it('matches names as whole words only', () => {
    expect(scanLogText(line({ event: `${patient.lastName.toLowerCase()}x.ready` }))).toEqual([]);
  });

  it('fails the run, printing no value, when the file holds a token; and when the file is empty', () => {
    const dir = mkdtempSync(join(tmpdir(), 'check-logs-'));
    const file = join(dir, 'services.log');
    const token = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1In0.c2lnbmF0dXJl';
    writeFileSync(file, `${CLEAN}\n${line({ event: 'leak', token })}\n`);
    const run = (path: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'scripts/check-logs.ts', path], { cwd: ROOT, encoding: 'utf8' });
    const leaked = run(file);
    expect(leaked.status).toBe(1);
    expect(leaked.stderr).toContain('services.log:5: jwt (event leak)');
    expect(leaked.stderr + leaked.stdout).not.toContain(token);

    writeFileSync(file, `${CLEAN}\n`);
    expect(run(file).status).toBe(0);
    writeFileSync(file, '');
    expect(run(file).status).toBe(1);
  });
});
