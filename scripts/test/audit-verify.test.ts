import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_AUDIT_HMAC_KEY, InMemoryAuditLog, type AuditEntry } from '@carebridge/common';
import { openDatabase, PostgresAuditLog } from '@carebridge/db';
import { testSchemas } from '@carebridge/db/testing';

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
    expect(verify('--schema', 'patient').status).toBe(2);
  });
});

describe('pnpm audit:verify --database-url --schema', { timeout: 30_000 }, () => {
  const schemas = testSchemas('auditverify');
  const schema = schemas.schema('patient');
  const read = (requestId: string): AuditEntry => ({
    organizationId: 'org-riverside',
    actor: { kind: 'staff', id: 'user-1', role: 'CLINICIAN' },
    action: 'patient.read',
    outcome: 'ALLOWED',
    patientIds: ['pt-00001'],
    requestId,
  });
  afterAll(() => schemas.drop());

  it('checks each chain of the service’s table, and names the chain and seq of an edited record', async () => {
    const database = await openDatabase<unknown>({ url: schemas.url, schema });
    try {
      // Two processes' chains: one of two records, one of one.
      for (const requests of [['a-1', 'a-2'], ['b-1']]) {
        const log = await PostgresAuditLog.open({ database, service: 'patient', key: DEV_AUDIT_HMAC_KEY });
        for (const id of requests) log.append(read(id));
        await log.close();
      }
      const ok = verify('--database-url', schemas.url, '--schema', schema);
      expect(ok.status).toBe(0);
      expect(ok.output.split('\n').at(-1)).toBe('ok: 3 records in 2 chains');
      expect(ok.output).toMatch(/^chain [0-9a-f-]{36} \(from [^)]+\): ok: 2 records$/m);
      expect(ok.output).toMatch(/^chain [0-9a-f-]{36} \(from [^)]+\): ok: 1 records$/m);

      await database.pool.query("UPDATE audit_record SET action = 'patient.list' WHERE request_id = 'a-2'");
      const broken = verify(`--database-url=${schemas.url}`, `--schema=${schema}`);
      expect(broken.status).toBe(1);
      expect(broken.output).toMatch(/broken at seq 2: hash does not match/);
      expect(broken.output.split('\n').at(-1)).toBe('broken: 1 of 2 chains');
    } finally {
      await database.close();
    }
  });
});
