import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditWriteError, InMemoryAuditLog, readAuditFile, verifyAuditChain, type AuditEntry } from '../src';

const KEY = 'test-audit-key';
const entry = (requestId: string): AuditEntry => ({
  organizationId: 'org-riverside',
  actor: { kind: 'staff', id: 'user-1', role: 'CLINICIAN' },
  action: 'patient.read',
  outcome: 'ALLOWED',
  patientIds: ['pt-00001'],
  requestId,
});

/** The in-memory audit log with a file: one write per event-loop turn, each request told how its records fared. */
describe('audit file writes', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const open = () => {
    dir = mkdtempSync(join(tmpdir(), 'audit-batch-'));
    mkdirSync(join(dir, 'logs'));
    const file = join(dir, 'logs', 'patient.audit.jsonl');
    return { file, log: new InMemoryAuditLog({ service: 'patient', key: KEY, filePath: file }) };
  };
  const lines = (file: string) =>
    existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean) : [];

  it('writes the records of one turn together, and a request settles once its records are on disk', async () => {
    const { file, log } = open();
    log.append(entry('req-a'));
    log.append(entry('req-b'));
    log.append(entry('req-a'));
    expect(lines(file)).toEqual([]);
    await log.settled('req-a');
    await log.settled('req-b');
    expect(lines(file)).toHaveLength(3);
    expect(verifyAuditChain(readAuditFile(file), KEY)).toEqual({ ok: true, count: 3 });
  });

  it('fails every request of a write that failed, and chains the next record onto what is on disk', async () => {
    const { file, log } = open();
    log.append(entry('before'));
    await log.settled('before');
    renameSync(join(dir, 'logs'), join(dir, 'kept'));
    log.append(entry('lost-1'));
    log.append(entry('lost-2'));
    await expect(log.settled('lost-1')).rejects.toThrow(AuditWriteError);
    await expect(log.settled('lost-2')).rejects.toThrow(AuditWriteError);
    renameSync(join(dir, 'kept'), join(dir, 'logs'));
    expect(log.append(entry('after')).seq).toBe(2);
    await log.settled('after');
    expect(verifyAuditChain(readAuditFile(file), KEY)).toEqual({ ok: true, count: 2 });
    expect(log.all().map((record) => record.requestId)).toEqual(['before', 'after']);
  });

  it('writes what is queued before a change’s record, at once, in chain order', async () => {
    const { file, log } = open();
    log.append(entry('read'));
    const change = log.appendNow({ ...entry('change'), action: 'patient.update' });
    expect(change.seq).toBe(2);
    expect(lines(file)).toHaveLength(2);
    await log.settled('read');
    expect(verifyAuditChain(readAuditFile(file), KEY)).toEqual({ ok: true, count: 2 });
  });

  it('throws for a change whose record cannot be written, failing what was queued with it', async () => {
    const { log } = open();
    log.append(entry('read'));
    renameSync(join(dir, 'logs'), join(dir, 'kept'));
    expect(() => log.appendNow(entry('change'))).toThrow(AuditWriteError);
    await expect(log.settled('read')).rejects.toThrow(AuditWriteError);
    expect(log.all()).toEqual([]);
  });
});
