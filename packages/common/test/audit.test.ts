import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GraphQLError } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import {
  audit,
  AUDIT_WRITE_FAILED,
  audited,
  AuditWriteError,
  auditHash,
  canonicalJson,
  ConfigError,
  DEV_AUDIT_HMAC_KEY,
  InMemoryAuditLog,
  MAX_AUDIT_PATIENT_IDS,
  readAuditConfig,
  readAuditFile,
  verifyAuditChain,
  forbiddenBecause,
  type AuditEntry,
  type AuditRecord,
  type ChangeAudit,
} from '../src';
import { breakableAuditLog } from '../src/testing';

const KEY = 'test-audit-key';
const NOW = new Date('2026-03-01T10:00:00.000Z');

const entry = (overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  organizationId: 'org-riverside',
  actor: { kind: 'staff', id: 'user-1', role: 'CLINICIAN' },
  action: 'patient.read',
  outcome: 'ALLOWED',
  patientIds: ['pt-00001'],
  requestId: 'req-1',
  ...overrides,
});

/** A log of five records for two organizations and three patients. */
function chain(): { log: InMemoryAuditLog; records: AuditRecord[] } {
  const log = new InMemoryAuditLog({ service: 'patient', key: KEY, now: () => NOW });
  log.append(entry());
  log.append(entry({ action: 'patient.list', patientIds: ['pt-00001', 'pt-00002'], requestId: 'req-2' }));
  log.append(
    entry({ organizationId: 'org-lakeside', patientIds: ['pt-00004'], outcome: 'DENIED', detail: 'FORBIDDEN' }),
  );
  log.append(entry({ action: 'patient.update', patientIds: ['pt-00002'] }));
  log.append(entry({ action: 'patient.delete', patientIds: ['pt-00003'] }));
  return { log, records: structuredClone([...log.all()]) };
}

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('audit records', () => {
  it('are chained from genesis with an HMAC over the canonical record', () => {
    const { records } = chain();
    expect(records.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(records[0]).toEqual({
      seq: 1,
      at: NOW.toISOString(),
      service: 'patient',
      organizationId: 'org-riverside',
      actor: { kind: 'staff', id: 'user-1', role: 'CLINICIAN' },
      action: 'patient.read',
      outcome: 'ALLOWED',
      patientIds: ['pt-00001'],
      patientCount: 1,
      requestId: 'req-1',
      prevHash: 'genesis',
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const { hash, ...body } = records[0]!;
    expect(hash).toEqual(auditHash(KEY, body));
    for (let i = 1; i < records.length; i++) expect(records[i]!.prevHash).toEqual(records[i - 1]!.hash);
    expect(verifyAuditChain(records, KEY)).toEqual({ ok: true, count: 5 });
    expect(verifyAuditChain([], KEY)).toEqual({ ok: true, count: 0 });
  });

  it('canonical JSON sorts keys at every level, whatever the insertion order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null }, e: undefined })).toEqual(
      '{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('canonical JSON leaves out undefined members, writes undefined array items as null and escapes keys', () => {
    expect(canonicalJson({ x: undefined, 'é"': [undefined, 'ü', -0, 1e21], Z: true, a: {} })).toEqual(
      '{"Z":true,"a":{},"é\\"":[null,"ü",0,1e+21]}',
    );
    expect(canonicalJson({ only: undefined })).toEqual('{}');
    expect(canonicalJson([])).toEqual('[]');
    expect(canonicalJson('text')).toEqual('"text"');
  });

  it('cap the patient ids of a long list and keep the count', () => {
    const log = new InMemoryAuditLog({ service: 'patient', key: KEY });
    const ids = Array.from({ length: 250 }, (_, i) => `pt-${i}`);
    const record = log.append(entry({ action: 'patient.list', patientIds: ids }));
    expect(record.patientIds).toEqual(ids.slice(0, MAX_AUDIT_PATIENT_IDS));
    expect(record.patientCount).toEqual(250);
  });
});

describe('verifyAuditChain detects tampering at the right seq', () => {
  const fields: [string, (r: AuditRecord) => void][] = [
    ['seq', (r) => (r.seq = 9)],
    ['at', (r) => (r.at = '2026-03-02T00:00:00.000Z')],
    ['service', (r) => (r.service = 'ehr')],
    ['organizationId', (r) => (r.organizationId = 'org-hillcrest')],
    ['actor.id', (r) => (r.actor.id = 'user-2')],
    ['actor.role', (r) => (r.actor.role = 'ADMIN')],
    ['action', (r) => (r.action = 'patient.list')],
    ['outcome', (r) => (r.outcome = 'ALLOWED')],
    ['patientIds', (r) => (r.patientIds = ['pt-00009'])],
    ['patientCount', (r) => (r.patientCount = 0)],
    ['requestId', (r) => (r.requestId = 'req-x')],
    ['detail', (r) => (r.detail = 'added')],
    ['prevHash', (r) => (r.prevHash = 'genesis')],
    ['hash', (r) => (r.hash = '0'.repeat(64))],
  ];

  it.each(fields)('an edited %s', (_field, edit) => {
    const { records } = chain();
    edit(records[2]!);
    const result = verifyAuditChain(records, KEY);
    expect(result).toMatchObject({ ok: false, at: 3 });
  });

  it('a deleted record, in the middle or first', () => {
    const { records } = chain();
    expect(verifyAuditChain([...records.slice(0, 2), ...records.slice(3)], KEY)).toEqual({
      ok: false,
      at: 3,
      reason: 'expected seq 3, found 4: a record was deleted, reordered or inserted',
    });
    expect(verifyAuditChain(records.slice(1), KEY)).toMatchObject({ ok: false, at: 1 });
  });

  it('a deleted record whose successors were renumbered', () => {
    const { records } = chain();
    const rest = records.slice(3).map((r) => ({ ...r, seq: r.seq - 1 }));
    expect(verifyAuditChain([...records.slice(0, 2), ...rest], KEY)).toMatchObject({ ok: false, at: 3 });
  });

  it('two swapped records', () => {
    const { records } = chain();
    const swapped = [records[0]!, records[2]!, records[1]!, records[3]!, records[4]!];
    expect(verifyAuditChain(swapped, KEY)).toMatchObject({ ok: false, at: 2 });
    // Even with their seq numbers swapped back, the prevHash links give it away.
    const renumbered = [records[0]!, { ...records[2]!, seq: 2 }, { ...records[1]!, seq: 3 }, ...records.slice(3)];
    expect(verifyAuditChain(renumbered, KEY)).toMatchObject({ ok: false, at: 2 });
  });

  it('an inserted forged record, hashed without the key', () => {
    const { records } = chain();
    const body = { ...records[1]!, seq: 3, prevHash: records[1]!.hash, action: 'patient.read' };
    const { hash: _hash, ...forgedBody } = body;
    const forged = { ...forgedBody, hash: auditHash('guessed-key', forgedBody) };
    const renumbered = records.slice(2).map((r) => ({ ...r, seq: r.seq + 1 }));
    expect(verifyAuditChain([...records.slice(0, 2), forged, ...renumbered], KEY)).toEqual({
      ok: false,
      at: 3,
      reason: 'hash does not match: record edited, forged or another key',
    });
    // Appended at the end (seq 6) it is caught too.
    const tail = { ...forgedBody, seq: 6, prevHash: records[4]!.hash };
    expect(verifyAuditChain([...records, { ...tail, hash: auditHash('guessed-key', tail) }], KEY)).toMatchObject({
      ok: false,
      at: 6,
    });
  });

  it('the wrong key', () => {
    const { records } = chain();
    expect(verifyAuditChain(records, 'another-key')).toMatchObject({ ok: false, at: 1 });
  });
});

describe('InMemoryAuditLog queries', () => {
  it('answer one organization’s records, newest first, by patient or all, a page at a time', async () => {
    const { log } = chain();
    const seqs = async (filter: Parameters<InMemoryAuditLog['query']>[0]) => {
      const { records, hasMore } = await log.query(filter);
      return [records.map((r) => r.seq), hasMore];
    };
    expect(await seqs({ organizationId: 'org-riverside', first: 10 })).toEqual([[5, 4, 2, 1], false]);
    expect(await seqs({ organizationId: 'org-riverside', first: 2 })).toEqual([[5, 4], true]);
    expect(await seqs({ organizationId: 'org-riverside', first: 2, after: 4 })).toEqual([[2, 1], false]);
    expect(await seqs({ organizationId: 'org-riverside', patientId: 'pt-00002', first: 10 })).toEqual([[4, 2], false]);
    expect(await seqs({ organizationId: 'org-riverside', patientId: 'pt-00001', first: 1, after: 2 })).toEqual([
      [1],
      false,
    ]);
    // Lakeside's record about pt-00004 is not Riverside's, and the other way round.
    expect(await seqs({ organizationId: 'org-riverside', patientId: 'pt-00004', first: 10 })).toEqual([[], false]);
    expect(await seqs({ organizationId: 'org-lakeside', patientId: 'pt-00001', first: 10 })).toEqual([[], false]);
    expect(await seqs({ organizationId: 'org-lakeside', first: 10 })).toEqual([[3], false]);
  });
});

describe('audit files', () => {
  it('round trip: each record one JSON line, read back and verified, and a restart continues the chain', async () => {
    dir = mkdtempSync(join(tmpdir(), 'audit-'));
    const file = join(dir, 'patient.audit.jsonl');
    const first = new InMemoryAuditLog({ service: 'patient', key: KEY, filePath: file });
    first.append(entry());
    first.append(entry({ outcome: 'DENIED', detail: 'OTHER_ORGANIZATION' }));
    // Written together at the end of the event-loop turn, once each request's `settled` is asked for.
    await first.settled(entry().requestId);
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(2);
    expect(readAuditFile(file)).toEqual(first.all());

    const restarted = new InMemoryAuditLog({ service: 'patient', key: KEY, filePath: file });
    expect(restarted.append(entry()).seq).toEqual(3);
    await restarted.flush();
    expect(
      (await restarted.query({ organizationId: 'org-riverside', patientId: 'pt-00001', first: 10 })).records,
    ).toHaveLength(3);
    expect(verifyAuditChain(readAuditFile(file), KEY)).toEqual({ ok: true, count: 3 });
  });

  it('refuse to continue a file another service wrote, and leave it as it was', () => {
    dir = mkdtempSync(join(tmpdir(), 'audit-'));
    const file = join(dir, 'audit.log');
    new InMemoryAuditLog({ service: 'patient', key: KEY, filePath: file }).appendNow(entry());
    const before = readFileSync(file, 'utf8');
    expect(() => new InMemoryAuditLog({ service: 'clinical', key: KEY, filePath: file })).toThrow(ConfigError);
    expect(() => new InMemoryAuditLog({ service: 'ehr', key: KEY, filePath: file })).toThrow(
      `AUDIT_LOG_PATH ${file} holds records of the patient service, not ehr: give each service its own file`,
    );
    expect(readFileSync(file, 'utf8')).toEqual(before);
    expect(new InMemoryAuditLog({ service: 'patient', key: KEY, filePath: file }).append(entry()).seq).toBe(2);
  });

  it('report a line that is not JSON by number', () => {
    dir = mkdtempSync(join(tmpdir(), 'audit-'));
    const file = join(dir, 'broken.jsonl');
    writeFileSync(file, '{"seq":1}\nnot json\n');
    expect(() => readAuditFile(file)).toThrow('line 2 is not a JSON record');
  });
});

describe('audited', () => {
  const context = () => ({
    viewer: { kind: 'staff' as const, userId: 'user-1', organizationId: 'org-riverside', role: 'ADMIN' as const },
    requestId: 'req-9',
    audit: new InMemoryAuditLog({ service: 'patient', key: KEY }),
  });
  const summary = (log: InMemoryAuditLog) => log.all().map((r) => [r.action, r.outcome, r.patientIds, r.detail]);

  it('records ALLOWED after success, with ids from the result', async () => {
    const ctx = context();
    expect(
      await audited(ctx, { action: 'patient.list', patientIds: (ids: string[]) => ids }, () => ['a', 'b']),
    ).toEqual(['a', 'b']);
    expect(summary(ctx.audit)).toEqual([['patient.list', 'ALLOWED', ['a', 'b'], undefined]]);
    expect(ctx.audit.all()[0]).toMatchObject({
      actor: { kind: 'staff', id: 'user-1', role: 'ADMIN' },
      organizationId: 'org-riverside',
      requestId: 'req-9',
    });
  });

  it('records DENIED for FORBIDDEN (with its reason when tagged) and FAILED for other errors, and rethrows', async () => {
    const ctx = context();
    const spec = { action: 'patient.update', patientIds: ['pt-1'] };
    await expect(
      audited(ctx, spec, () => Promise.reject(new GraphQLError('no', { extensions: { code: 'FORBIDDEN' } }))),
    ).rejects.toThrow();
    await expect(
      audited(ctx, spec, () => {
        throw forbiddenBecause('OTHER_ORGANIZATION');
      }),
    ).rejects.toThrow();
    await expect(
      audited(ctx, spec, () => {
        throw new GraphQLError('bad', { extensions: { code: 'BAD_USER_INPUT' } });
      }),
    ).rejects.toThrow('bad');
    await expect(
      audited(ctx, spec, () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(summary(ctx.audit)).toEqual([
      ['patient.update', 'DENIED', ['pt-1'], 'FORBIDDEN'],
      ['patient.update', 'DENIED', ['pt-1'], 'OTHER_ORGANIZATION'],
      ['patient.update', 'FAILED', ['pt-1'], 'BAD_USER_INPUT'],
      ['patient.update', 'FAILED', ['pt-1'], 'INTERNAL_ERROR'],
    ]);
  });

  it('leaves a change’s ALLOWED record to the store that writes it with the change, and records it once', async () => {
    const ctx = context();
    const spec = { action: 'patient.create', patientIds: (ids: string[]) => ids };
    // The store writes the record (naming the ids it made) before it applies the change.
    const created = await audited(ctx, spec, (change: ChangeAudit) => {
      change.writeNow(['pt-new']);
      return ['pt-new'];
    });
    expect(created).toEqual(['pt-new']);
    // A body that made no change (a dry run) leaves the record to `audited`, as a read does.
    await audited(ctx, { action: 'patient.update', patientIds: ['pt-1'] }, () => 'dry run');
    // Named up front, the patients are the resolver's, whatever the store reports.
    await audited(ctx, { action: 'patient.update', patientIds: ['pt-1'] }, (change: ChangeAudit) => {
      change.writeNow([]);
      return 'changed';
    });
    expect(summary(ctx.audit)).toEqual([
      ['patient.create', 'ALLOWED', ['pt-new'], undefined],
      ['patient.update', 'ALLOWED', ['pt-1'], undefined],
      ['patient.update', 'ALLOWED', ['pt-1'], undefined],
    ]);
  });

  it('fails a change whose record cannot be written, and its request with it', async () => {
    const file = breakableAuditLog('patient');
    try {
      const ctx = { ...context(), audit: file.log };
      file.break();
      let applied = false;
      const body = (change: ChangeAudit) => {
        change.writeNow(['pt-1']);
        applied = true;
      };
      await expect(audited(ctx, { action: 'patient.delete', patientIds: ['pt-1'] }, body)).rejects.toThrow(
        AuditWriteError,
      );
      expect(applied).toBe(false);
      await expect(file.log.settled(ctx.requestId)).rejects.toThrow(AUDIT_WRITE_FAILED);
      expect(file.log.all()).toEqual([]);
    } finally {
      file.remove();
    }
  });

  it('takes an intake link as the actor', () => {
    const ctx = {
      ...context(),
      viewer: {
        kind: 'intake' as const,
        linkId: 'link-1',
        patientId: 'pt-1',
        organizationId: 'org-riverside',
        questionnaireId: 'q',
      },
    };
    expect(audit(ctx, { action: 'response.submit', outcome: 'ALLOWED', patientIds: ['pt-1'] }).actor).toEqual({
      kind: 'intake',
      id: 'link-1',
    });
  });
});

describe('readAuditConfig', () => {
  it('uses a development key outside production and requires a real one in production', () => {
    expect(readAuditConfig({})).toEqual({ hmacKey: DEV_AUDIT_HMAC_KEY, logPath: null });
    expect(readAuditConfig({ AUDIT_HMAC_KEY: 'k', AUDIT_LOG_PATH: '/tmp/a.jsonl' })).toEqual({
      hmacKey: 'k',
      logPath: '/tmp/a.jsonl',
    });
    expect(() => readAuditConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => readAuditConfig({ NODE_ENV: 'production', AUDIT_HMAC_KEY: 'short' })).toThrow(ConfigError);
    const key = 'x'.repeat(32);
    expect(readAuditConfig({ NODE_ENV: 'production', AUDIT_HMAC_KEY: key }).hmacKey).toEqual(key);
  });
});
