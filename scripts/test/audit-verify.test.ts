import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_AUDIT_HMAC_KEY, InMemoryAuditLog } from '@carebridge/common';

const ROOT = new URL('../..', import.meta.url).pathname;
let dir: string;
let file: string;

/** Runs the script as `pnpm audit:verify` would, with no AUDIT_HMAC_KEY unless given. */
function verify(...args: string[]): { status: number | null; output: string } {
  const env = { ...process.env };
  delete env['AUDIT_HMAC_KEY'];
  const child = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts', ...args], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
  });
  return { status: child.status, output: `${child.stdout}${child.stderr}`.trim() };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'audit-verify-'));
  file = join(dir, 'patient.audit.jsonl');
  const log = new InMemoryAuditLog({ service: 'patient', key: DEV_AUDIT_HMAC_KEY, filePath: file });
  for (const id of ['pt-00001', 'pt-00002', 'pt-00003']) {
    log.append({
      organizationId: 'org-riverside',
      actor: { kind: 'staff', id: 'user-1', role: 'CLINICIAN' },
      action: 'patient.read',
      outcome: 'ALLOWED',
      patientIds: [id],
      requestId: `req-${id}`,
    });
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Each test runs the script itself (node + tsx): slow on a busy machine, not racy.
describe('pnpm audit:verify', { timeout: 30_000 }, () => {
  it('accepts an untouched log (default key) and refuses it under another key', () => {
    expect(verify(file)).toEqual({ status: 0, output: 'ok: 3 records' });
    const other = verify(file, '--key', 'another-key');
    expect(other.status).toBe(1);
    expect(other.output).toMatch(/^broken at seq 1: hash does not match/);
  });

  it('names the seq of an edited line, and of a deleted one', () => {
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    const edited = join(dir, 'edited.jsonl');
    writeFileSync(edited, [lines[0], lines[1]!.replace('pt-00002', 'pt-00009'), lines[2]].join('\n') + '\n');
    expect(verify(edited)).toEqual({
      status: 1,
      output: 'broken at seq 2: hash does not match: record edited, forged or another key',
    });
    const deleted = join(dir, 'deleted.jsonl');
    writeFileSync(deleted, [lines[0], lines[2]].join('\n') + '\n');
    expect(verify(deleted)).toEqual({
      status: 1,
      output: 'broken at seq 2: expected seq 2, found 3: a record was deleted, reordered or inserted',
    });
  });

  it('reports a line that is not JSON, and a missing argument', () => {
    const garbled = join(dir, 'garbled.jsonl');
    writeFileSync(garbled, readFileSync(file, 'utf8').replace('{"seq":2', '{"seq":2,,'));
    expect(verify(garbled)).toEqual({ status: 1, output: 'broken: line 2 is not a JSON record' });
    expect(verify().status).toBe(2);
  });
});
