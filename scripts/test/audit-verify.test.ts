import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditHash,
  AUDIT_GENESIS,
  DEV_AUDIT_HMAC_KEY,
  InMemoryAuditLog,
  readAuditConfig,
  readAuditFile,
  type AuditEntry,
  type AuditRecord,
} from '@carebridge/common';
import { openDatabase, PostgresAuditLog } from '@carebridge/db';
import { testSchemas } from '@carebridge/db/testing';
import { auditLogPathFor, serviceSpecs } from '../lib/stack';

const ROOT = new URL('../..', import.meta.url).pathname;
/** The key the services wrote with: a production-like secret, not the development key. */
const KEY = 'audit-verify-test-key-0123456789abcdef';
const DEV_KEY_WARNING =
  'warning: verified with the public development key: anyone can re-chain a file with it, so this proves nothing against tampering';
let dir: string;
let file: string;

/** Runs the script as `pnpm audit:verify` would, with no AUDIT_HMAC_KEY unless given in `env`. */
function verify(args: string[], env: Record<string, string> = {}): { status: number | null; output: string } {
  const childEnv = { ...process.env, ...env };
  if (!('AUDIT_HMAC_KEY' in env)) delete childEnv['AUDIT_HMAC_KEY'];
  const child = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts', ...args], {
    cwd: ROOT,
    env: childEnv,
    encoding: 'utf8',
  });
  return { status: child.status, output: `${child.stdout}${child.stderr}`.trim() };
}

const read = (requestId: string, patientId = 'pt-00001'): AuditEntry => ({
  organizationId: 'org-riverside',
  actor: { kind: 'staff', id: 'user-1', role: 'CLINICIAN' },
  action: 'patient.read',
  outcome: 'ALLOWED',
  patientIds: [patientId],
  requestId,
});

/** The records hashed again, in order, under `key`: what someone holding that key can forge. */
function rechain(records: readonly AuditRecord[], key: string): AuditRecord[] {
  let prevHash = AUDIT_GENESIS;
  return records.map(({ hash: _, ...record }) => {
    const body = { ...record, prevHash };
    prevHash = auditHash(key, body);
    return { ...body, hash: prevHash };
  });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'audit-verify-'));
  file = join(dir, 'patient.audit.jsonl');
  const log = new InMemoryAuditLog({ service: 'patient', key: KEY, filePath: file });
  for (const id of ['pt-00001', 'pt-00002', 'pt-00003']) log.append(read(`req-${id}`, id));
  // Appended records go to the file at the end of the event-loop turn; the script reads it now.
  log.writeQueued();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Each test runs the script itself (node + tsx): slow on a busy machine, not racy.
describe('pnpm audit:verify', { timeout: 60_000 }, () => {
  it('needs the key: --key, AUDIT_HMAC_KEY or an explicit --dev-key, else exit 2 with the usage', () => {
    const none = verify([file]);
    expect(none.status).toBe(2);
    expect(none.output).toMatch(/^usage: pnpm audit:verify <audit-file> \(--key <hmac-key> \| --dev-key\)/);
    expect(verify([file, '--key', KEY, '--dev-key']).status).toBe(2);
    expect(verify([file, '--key', KEY])).toEqual({ status: 0, output: 'ok: 3 records' });
    expect(verify([file], { AUDIT_HMAC_KEY: KEY })).toEqual({ status: 0, output: 'ok: 3 records' });
    const other = verify([file, '--key', 'another-key']);
    expect(other.status).toBe(1);
    expect(other.output).toMatch(/^broken at seq 1: hash does not match/);
  });

  it('refuses a file edited and re-chained with the development key, which only --dev-key accepts, with a warning', () => {
    const records = readAuditFile(file);
    records[1] = { ...records[1]!, patientIds: ['pt-00009'] };
    const forged = join(dir, 'rechained.jsonl');
    writeFileSync(
      forged,
      rechain(records, DEV_AUDIT_HMAC_KEY)
        .map((r) => JSON.stringify(r) + '\n')
        .join(''),
    );
    expect(verify([forged, '--key', KEY])).toEqual({
      status: 1,
      output: 'broken at seq 1: hash does not match: record edited, forged or another key',
    });
    expect(verify([forged, '--dev-key'])).toEqual({ status: 0, output: `ok: 3 records\n${DEV_KEY_WARNING}` });
    // The development key given as a key is no proof either, and says so.
    expect(verify([forged], { AUDIT_HMAC_KEY: DEV_AUDIT_HMAC_KEY }).output).toBe(`ok: 3 records\n${DEV_KEY_WARNING}`);
  });

  it('names the seq of an edited line, and of a deleted one', () => {
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    const edited = join(dir, 'edited.jsonl');
    writeFileSync(edited, [lines[0], lines[1]!.replace('pt-00002', 'pt-00009'), lines[2]].join('\n') + '\n');
    expect(verify([edited, '--key', KEY])).toEqual({
      status: 1,
      output: 'broken at seq 2: hash does not match: record edited, forged or another key',
    });
    const deleted = join(dir, 'deleted.jsonl');
    writeFileSync(deleted, [lines[0], lines[2]].join('\n') + '\n');
    expect(verify([deleted, '--key', KEY])).toEqual({
      status: 1,
      output: 'broken at seq 2: expected seq 2, found 3: a record was deleted, reordered or inserted',
    });
  });

  it('reports a line that is not JSON, and a missing argument', () => {
    const garbled = join(dir, 'garbled.jsonl');
    writeFileSync(garbled, readFileSync(file, 'utf8').replace('{"seq":2', '{"seq":2,,'));
    expect(verify([garbled, '--key', KEY])).toEqual({ status: 1, output: 'broken: line 2 is not a JSON record' });
    expect(verify(['--key', KEY]).status).toBe(2);
    expect(verify(['--schema', 'patient', '--key', KEY]).status).toBe(2);
  });

  it('verifies each subgraph’s own file when all write under one AUDIT_LOG_PATH, as pnpm start sets them up', () => {
    // launchServices gives each subgraph instance `auditLogPathFor(AUDIT_LOG_PATH, name)`.
    const shared = join(dir, 'audit.log');
    const sinks = serviceSpecs().subgraphs.map(({ name }) => {
      const config = readAuditConfig({ AUDIT_HMAC_KEY: KEY, AUDIT_LOG_PATH: auditLogPathFor(shared, name) });
      return new InMemoryAuditLog({ service: name, key: config.hmacKey, filePath: config.logPath });
    });
    expect(sinks).toHaveLength(3);
    // Interleaved, as three services serving one request each in turn write them.
    for (const id of ['r1', 'r2', 'r3']) for (const sink of sinks) sink.append(read(id));
    for (const sink of sinks) sink.writeQueued();
    for (const name of ['patient', 'clinical', 'ehr']) {
      expect(verify([join(dir, `audit.${name}.log`), '--key', KEY])).toEqual({ status: 0, output: 'ok: 3 records' });
    }
  });
});

describe('pnpm audit:verify --database-url --schema', { timeout: 60_000 }, () => {
  const schemas = testSchemas('auditverify');
  const schema = schemas.schema('patient');
  afterAll(() => schemas.drop());

  it('checks each chain of the service’s table, and names the chain and seq of an edited record', async () => {
    const database = await openDatabase<unknown>({ url: schemas.url, schema });
    try {
      // Two processes' chains: one of two records, one of one.
      for (const requests of [['a-1', 'a-2'], ['b-1']]) {
        const log = await PostgresAuditLog.open({ database, service: 'patient', key: KEY });
        for (const id of requests) log.append(read(id));
        await log.close();
      }
      expect(verify(['--database-url', schemas.url, '--schema', schema]).status).toBe(2);
      const ok = verify(['--database-url', schemas.url, '--schema', schema, '--key', KEY]);
      expect(ok.status).toBe(0);
      expect(ok.output.split('\n').at(-1)).toBe('ok: 3 records in 2 chains');
      expect(ok.output).toMatch(/^chain [0-9a-f-]{36} \(from [^)]+\): ok: 2 records$/m);
      expect(ok.output).toMatch(/^chain [0-9a-f-]{36} \(from [^)]+\): ok: 1 records$/m);

      await database.pool.query("UPDATE audit_record SET action = 'patient.list' WHERE request_id = 'a-2'");
      const broken = verify([`--database-url=${schemas.url}`, `--schema=${schema}`], { AUDIT_HMAC_KEY: KEY });
      expect(broken.status).toBe(1);
      expect(broken.output).toMatch(/broken at seq 2: hash does not match/);
      expect(broken.output.split('\n').at(-1)).toBe('broken: 1 of 2 chains');
    } finally {
      await database.close();
    }
  });
});
