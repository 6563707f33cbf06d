import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AUDIT_WRITE_FAILED,
  audited,
  AuditWriteError,
  createLogger,
  createSubgraphService,
  InMemoryAuditLog,
  readAuditFile,
  readAuditTrail,
  requireStaff,
  verifyAuditChain,
  type AuditContext,
  type AuditEntry,
  type AuditPosition,
  type AuditQuery,
  type AuditSink,
  type AuditVerifyResult,
  type Logger,
  type ServiceContext,
} from '@carebridge/common';
import { createTestAuth, execute, staff, type TestAuth } from '@carebridge/common/testing';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, PostgresAuditLog, verifyAuditDatabase, type Database } from '../src';
import { breakableAuditTables, testSchemas } from '../src/testing';

const KEY = 'test-audit-key';
const schemas = testSchemas('audit');
const opened: { close(): Promise<void> }[] = [];
const dirs: string[] = [];
let auth: TestAuth;

beforeAll(async () => {
  auth = await createTestAuth();
});

afterAll(async () => {
  for (const item of opened.reverse()) await item.close().catch(() => undefined);
  await schemas.drop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Times one millisecond apart, so the order of records is the order they were appended. */
function clock(start = Date.parse('2026-03-01T10:00:00.000Z')): () => Date {
  let next = start;
  return () => new Date(next++);
}

const entry = (overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  organizationId: 'org-riverside',
  actor: { kind: 'staff', id: 'user-1', role: 'CLINICIAN' },
  action: 'patient.read',
  outcome: 'ALLOWED',
  patientIds: ['pt-00001'],
  requestId: 'req-1',
  ...overrides,
});

/** A sink under test, how to make its writes fail, and how to check every chain it wrote. */
interface Subject {
  sink: AuditSink;
  breakWrites: () => Promise<void>;
  verify: () => Promise<AuditVerifyResult[]>;
}

async function openPg(schema: string, now = clock()): Promise<{ log: PostgresAuditLog; database: Database<unknown> }> {
  const database = await openDatabase<unknown>({ url: schemas.url, schema });
  opened.push(database);
  const log = await PostgresAuditLog.open({ database, service: 'patient', key: KEY, now });
  opened.unshift(log);
  return { log, database };
}

const verifyPg = async (schema: string) =>
  (await verifyAuditDatabase({ url: schemas.url, schema, key: KEY })).map((chain) => chain.result);

let count = 0;
const subjects: [string, () => Promise<Subject>][] = [
  [
    'in memory, with a file',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'audit-sink-'));
      dirs.push(dir);
      mkdirSync(join(dir, 'logs'));
      const file = join(dir, 'logs', 'patient.audit.jsonl');
      const sink = new InMemoryAuditLog({ service: 'patient', key: KEY, filePath: file, now: clock() });
      return Promise.resolve({
        sink,
        // The file's directory moved away: the next append cannot be written, the file is kept.
        breakWrites: () => Promise.resolve(renameSync(join(dir, 'logs'), join(dir, 'kept'))),
        verify: () => {
          const current = existsSync(file) ? file : join(dir, 'kept', 'patient.audit.jsonl');
          return Promise.resolve([verifyAuditChain(readAuditFile(current), KEY)]);
        },
      });
    },
  ],
  [
    'on PostgreSQL',
    async () => {
      const schema = schemas.schema(`sink${++count}`);
      const { log, database } = await openPg(schema);
      return {
        sink: log,
        breakWrites: async () => {
          await sql`DROP TABLE audit_record`.execute(database.db);
        },
        verify: () => verifyPg(schema),
      };
    },
  ],
];

/** Follows `end` from page to page; the seqs (and patient ids) of every page. */
async function pages(sink: AuditSink, filter: Omit<AuditQuery, 'after'>): Promise<string[][]> {
  const result: string[][] = [];
  let after: AuditPosition | undefined;
  for (;;) {
    const page = await sink.query({ ...filter, ...(after === undefined ? {} : { after }) });
    result.push(page.records.map((r) => `${r.seq}:${r.action}`));
    if (!page.hasMore) return result;
    expect(page.end).not.toBeNull();
    after = page.end!;
  }
}

/** A subgraph with one audited read and the audit log in the graph, over `sink`. */
function smallSubgraph(sink: AuditSink) {
  const logs: string[] = [];
  const logger = createLogger('patient', {}, (line) => logs.push(line));
  const service = createSubgraphService<ServiceContext>({
    name: 'patient',
    schemaFile: new URL('./fixtures/audited.graphql', import.meta.url),
    logger,
    verifier: auth.verifier,
    audit: sink,
    resolvers: {
      Query: {
        patientName: (_: unknown, { id }: { id: string }, context: AuditContext & { logger: Logger }) =>
          audited(context, { action: 'patient.read', patientIds: [id] }, () => {
            requireStaff(context);
            return `name of ${id}`;
          }),
        auditLog: (
          _: unknown,
          args: { patientId?: string; first?: number | null; after?: string | null },
          context: AuditContext & { logger: Logger },
        ) => readAuditTrail(context, args),
      },
    },
    context: () => ({}),
  });
  return { service, logs };
}

describe.each(subjects)('the audit sink %s', (_name, open) => {
  it('answers records once they are settled, newest first, and they verify', async () => {
    const { sink, verify } = await open();
    const first = sink.append(entry({ requestId: 'req-a' }));
    sink.append(entry({ requestId: 'req-a', action: 'patient.list', patientIds: ['pt-00001', 'pt-00002'] }));
    sink.append(entry({ requestId: 'req-b', outcome: 'DENIED', detail: 'OTHER_ORGANIZATION' }));
    expect(first).toMatchObject({ seq: 1, prevHash: 'genesis', service: 'patient' });
    await sink.settled('req-a');
    await sink.settled('req-b');
    await expect(sink.settled('req-unknown')).resolves.toBeUndefined();
    const { records, hasMore } = await sink.query({ organizationId: 'org-riverside', first: 10 });
    expect(records.map((r) => [r.seq, r.action, r.outcome, r.requestId])).toEqual([
      [3, 'patient.read', 'DENIED', 'req-b'],
      [2, 'patient.list', 'ALLOWED', 'req-a'],
      [1, 'patient.read', 'ALLOWED', 'req-a'],
    ]);
    expect(records[2]).toEqual(first);
    expect(hasMore).toBe(false);
    expect(await verify()).toEqual([{ ok: true, count: 3 }]);
  });

  it('pages the organization log and a patient’s trail, one organization at a time', async () => {
    const { sink } = await open();
    sink.append(entry());
    sink.append(entry({ action: 'patient.list', patientIds: ['pt-00001', 'pt-00002'] }));
    sink.append(entry({ organizationId: 'org-lakeside', patientIds: ['pt-00004'], action: 'patient.update' }));
    sink.append(entry({ action: 'patient.update', patientIds: ['pt-00002'] }));
    sink.append(entry({ action: 'patient.delete', patientIds: ['pt-00003'] }));
    await sink.flush();
    expect(await pages(sink, { organizationId: 'org-riverside', first: 2 })).toEqual([
      ['5:patient.delete', '4:patient.update'],
      ['2:patient.list', '1:patient.read'],
    ]);
    expect(await pages(sink, { organizationId: 'org-riverside', first: 1, patientId: 'pt-00002' })).toEqual([
      ['4:patient.update'],
      ['2:patient.list'],
    ]);
    expect(await pages(sink, { organizationId: 'org-riverside', first: 10, patientId: 'pt-00004' })).toEqual([[]]);
    expect(await pages(sink, { organizationId: 'org-lakeside', first: 10 })).toEqual([['3:patient.update']]);
  });

  it('pages through the graph with the cursors it hands out, and records the reads', async () => {
    const { sink } = await open();
    const { service } = smallSubgraph(sink);
    const clinician = await auth.headers(staff('org-riverside'));
    const admin = await auth.headers(staff('org-riverside', 'ADMIN'));
    for (const id of ['pt-00001', 'pt-00002', 'pt-00003']) {
      expect((await execute(service, `{ patientName(id: "${id}") }`, {}, clinician)).data).toEqual({
        patientName: `name of ${id}`,
      });
    }
    const LOG = `query ($after: String) { auditLog(first: 2, after: $after) {
      nodes { action patientIds } pageInfo { hasNextPage endCursor } } }`;
    type Log = {
      auditLog: {
        nodes: { action: string; patientIds: string[] }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    };
    const first = await execute<Log>(service, LOG, {}, admin);
    expect(first.data?.auditLog.nodes).toEqual([
      { action: 'patient.read', patientIds: ['pt-00003'] },
      { action: 'patient.read', patientIds: ['pt-00002'] },
    ]);
    expect(first.data?.auditLog.pageInfo.hasNextPage).toBe(true);
    const second = await execute<Log>(service, LOG, { after: first.data?.auditLog.pageInfo.endCursor }, admin);
    // The first page's own audit.read came after the cursor's record: it is on no later page.
    expect(second.data?.auditLog.nodes).toEqual([{ action: 'patient.read', patientIds: ['pt-00001'] }]);
    expect(second.data?.auditLog.pageInfo.hasNextPage).toBe(false);
    const bad = await execute(service, LOG, { after: 'not-a-cursor' }, admin);
    expect(bad.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });

  it('fails the whole request, the same way for every sink, when a record cannot be written', async () => {
    const { sink, breakWrites, verify } = await open();
    const { service, logs } = smallSubgraph(sink);
    const clinician = await auth.headers(staff('org-riverside'));
    const intake = await auth.headers({
      kind: 'intake',
      linkId: 'link-1',
      patientId: 'pt-00001',
      organizationId: 'org-riverside',
      questionnaireId: 'q-1',
    });
    const before = await execute(service, '{ patientName(id: "pt-00001") }', {}, clinician);
    expect(before).toEqual({ data: { patientName: 'name of pt-00001' } });

    await breakWrites();
    const failed = {
      data: null,
      errors: [{ message: AUDIT_WRITE_FAILED, extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
    };
    // An allowed read answers no data, and a refusal's record failing fails it the same way.
    expect(await execute(service, '{ patientName(id: "pt-00002") }', {}, clinician)).toEqual(failed);
    expect(await execute(service, '{ patientName(id: "pt-00002") }', {}, intake)).toEqual(failed);
    const lines = logs.map((line) => JSON.parse(line) as { level: string; event: string; code?: string });
    expect(lines.filter((line) => line.level === 'error').map((line) => [line.level, line.event])).toEqual([
      ['error', 'audit.write_failed'],
      ['error', 'audit.write_failed'],
    ]);
    // The cause is named by its code; no patient id, no database message.
    expect(lines.find((line) => line.level === 'error')?.code).toMatch(/^(ENOENT|42P01)$/);
    expect(logs.join('\n')).not.toContain('pt-0000');
    // What was written before still verifies.
    if (sink instanceof InMemoryAuditLog) expect(await verify()).toEqual([{ ok: true, count: 1 }]);
  });
});

describe('PostgresAuditLog', () => {
  it('gives each replica its own chain on one schema: written concurrently, each verifies, queries merge them', async () => {
    const schema = schemas.schema('replicas');
    // One clock for both, so every record has its own time and the merged order is known.
    const now = clock();
    const [a, b] = await Promise.all([openPg(schema, now), openPg(schema, now)]);
    expect(a.log.chain).not.toEqual(b.log.chain);
    const writes: Promise<void>[] = [];
    for (let i = 0; i < 60; i++) {
      const log = i % 3 === 0 ? b.log : a.log;
      const requestId = `req-${i}`;
      log.append(entry({ requestId, patientIds: [`pt-${i % 4}`] }));
      // Requests settling while others are still appending: several batches per replica.
      writes.push(log.settled(requestId));
      if (i % 7 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(writes);
    const results = await verifyAuditDatabase({ url: schemas.url, schema, key: KEY });
    expect(
      results.map((chain) => chain.result).sort((x, y) => ('count' in x && 'count' in y ? x.count - y.count : 0)),
    ).toEqual([
      { ok: true, count: 20 },
      { ok: true, count: 40 },
    ]);
    // Either replica answers both chains' records, newest first, each once across the pages.
    const seen: string[] = [];
    let after: AuditPosition | undefined;
    for (;;) {
      const page = await b.log.query({ organizationId: 'org-riverside', first: 7, ...(after ? { after } : {}) });
      seen.push(...page.records.map((r) => r.requestId));
      if (!page.hasMore) break;
      after = page.end!;
    }
    expect(seen).toEqual(Array.from({ length: 60 }, (_, i) => `req-${59 - i}`));
  });

  it('starts a new chain when reopened (a restart); the old chain still verifies', async () => {
    const schema = schemas.schema('restart');
    const first = await openPg(schema);
    first.log.append(entry({ requestId: 'before-1' }));
    first.log.append(entry({ requestId: 'before-2' }));
    await first.log.close();
    expect(() => first.log.append(entry())).toThrow(AuditWriteError);
    await first.database.close();

    const second = await openPg(schema, clock(Date.parse('2026-03-02T00:00:00.000Z')));
    expect(second.log.append(entry({ requestId: 'after-1' }))).toMatchObject({ seq: 1, prevHash: 'genesis' });
    await second.log.settled('after-1');
    const chains = await verifyAuditDatabase({ url: schemas.url, schema, key: KEY });
    expect(chains.map((c) => [c.chain, c.result])).toEqual([
      [first.log.chain, { ok: true, count: 2 }],
      [second.log.chain, { ok: true, count: 1 }],
    ]);
    const { records } = await second.log.query({ organizationId: 'org-riverside', first: 10 });
    expect(records.map((r) => r.requestId)).toEqual(['after-1', 'before-2', 'before-1']);
  });

  it('fails the records of a failed batch and those queued behind it, and goes on in a new chain', async () => {
    const schema = schemas.schema('refused');
    const { log, database } = await openPg(schema);
    log.append(entry({ requestId: 'ok-1' }));
    await log.settled('ok-1');
    const chainBefore = log.chain;
    // The database refuses one request's record: its batch fails.
    await sql`ALTER TABLE audit_record ADD CONSTRAINT refuse CHECK (request_id <> 'refused')`.execute(database.db);
    log.append(entry({ requestId: 'refused' }));
    log.append(entry({ requestId: 'same-batch' }));
    await expect(log.settled('refused')).rejects.toThrow(AuditWriteError);
    await expect(log.settled('same-batch')).rejects.toThrow(AUDIT_WRITE_FAILED);
    // Remembered: a second call of the same request fails too.
    await expect(log.settled('refused')).rejects.toThrow(AuditWriteError);
    expect(log.chain).not.toEqual(chainBefore);
    expect(log.append(entry({ requestId: 'ok-2' }))).toMatchObject({ seq: 1, prevHash: 'genesis' });
    await log.settled('ok-2');
    expect(await verifyPg(schema)).toEqual([
      { ok: true, count: 1 },
      { ok: true, count: 1 },
    ]);
  });

  it('fails requests once its pool is closed', async () => {
    const schema = schemas.schema('closedpool');
    const { log, database } = await openPg(schema);
    await database.close();
    log.append(entry({ requestId: 'late' }));
    await expect(log.settled('late')).rejects.toThrow(AuditWriteError);
  });

  it('is verified by audit:verify’s reader, which names an edited record', async () => {
    const schema = schemas.schema('tamper');
    const { log, database } = await openPg(schema);
    for (const id of ['r1', 'r2', 'r3']) log.append(entry({ requestId: id }));
    await log.flush();
    expect(await verifyPg(schema)).toEqual([{ ok: true, count: 3 }]);
    await sql`UPDATE audit_record SET patient_ids = ARRAY['pt-00009'] WHERE seq = 2`.execute(database.db);
    expect(await verifyPg(schema)).toEqual([
      { ok: false, at: 2, reason: 'hash does not match: record edited, forged or another key' },
    ]);
    // A small page size walks the chain in pages and finds the same.
    const paged = await verifyAuditDatabase({ url: schemas.url, schema, key: KEY, pageSize: 1 });
    expect(paged.map((c) => c.result)).toEqual([
      { ok: false, at: 2, reason: 'hash does not match: record edited, forged or another key' },
    ]);
  });
});

describe('PostgresAuditLog: a change’s record, written in the change’s transaction', () => {
  /** A change (a row of its own table) and its record in one transaction, committed or rolled back. */
  async function change(database: Database<unknown>, log: PostgresAuditLog, requestId: string, commit = true) {
    const db = database.db as Kysely<{ change_row: { request_id: string } }>;
    await sql`CREATE TABLE IF NOT EXISTS change_row (request_id text PRIMARY KEY)`.execute(db);
    await db
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto('change_row').values({ request_id: requestId }).execute();
        await log.appendWithin(trx, entry({ requestId, action: 'patient.create' }));
        if (!commit) throw new Error('rolled back');
      })
      .catch((error: unknown) => {
        if (commit) throw error;
      });
  }
  const rows = async (database: Database<unknown>, table: string) =>
    Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(database.db)).rows[0]!.n);

  it('chains a committed record after what is queued at the writer’s turn, never one rolled back: no gap', async () => {
    const schema = schemas.schema('within');
    const { log, database } = await openPg(schema);
    log.append(entry({ requestId: 'read-1' }));
    await change(database, log, 'create-1');
    await change(database, log, 'create-2', false);
    log.committed();
    log.append(entry({ requestId: 'read-2' }));
    await log.settled('read-2');
    await log.flush();
    expect(await rows(database, 'change_row')).toBe(1);
    expect(await rows(database, 'audit_pending')).toBe(0);
    const { records } = await log.query({ organizationId: 'org-riverside', first: 10 });
    expect(records.map((r) => [r.seq, r.requestId]).sort(([a], [b]) => Number(a) - Number(b))).toEqual([
      [1, 'read-1'],
      // Appended before the writer's turn, so chained before the record it then took from audit_pending.
      [2, 'read-2'],
      [3, 'create-1'],
    ]);
    expect(await verifyPg(schema)).toEqual([{ ok: true, count: 3 }]);
  });

  it('answers a committed record in queries before it is chained, and another replica or the next process chains it', async () => {
    const schema = schemas.schema('leftover');
    const now = clock();
    const a = await openPg(schema, now);
    const b = await openPg(schema, now);
    // A commits its change and is gone before chaining it (no `committed`): the record waits in audit_pending.
    await change(a.database, a.log, 'create-a');
    expect(await rows(a.database, 'audit_pending')).toBe(1);
    const { records } = await b.log.query({ organizationId: 'org-riverside', first: 10 });
    expect(records.map((r) => [r.requestId, r.seq])).toEqual([['create-a', 1]]);
    expect(await rows(a.database, 'audit_pending')).toBe(0);
    // A record left behind when its process died is chained when the next one opens.
    await change(a.database, a.log, 'create-a2');
    const restarted = await openPg(schema, now);
    expect(await rows(a.database, 'audit_pending')).toBe(0);
    expect((await verifyAuditDatabase({ url: schemas.url, schema, key: KEY })).map((c) => [c.chain, c.result])).toEqual(
      expect.arrayContaining([
        [b.log.chain, { ok: true, count: 1 }],
        [restarted.log.chain, { ok: true, count: 1 }],
      ]),
    );
  });

  it('refuses the record, failing its request and the change’s transaction, when the table refuses it', async () => {
    const schema = schemas.schema('withinrefused');
    const { log, database } = await openPg(schema);
    const tables = breakableAuditTables(schemas.url, schema);
    await tables.break();
    await expect(change(database, log, 'create-refused')).rejects.toThrow(AuditWriteError);
    await expect(log.settled('create-refused')).rejects.toThrow(AUDIT_WRITE_FAILED);
    expect(await rows(database, 'change_row')).toBe(0);
    await tables.heal();
    await change(database, log, 'create-ok');
    log.committed();
    await log.flush();
    expect((await log.query({ organizationId: 'org-riverside', first: 10 })).records.map((r) => r.requestId)).toEqual([
      'create-ok',
    ]);
    expect(() => log.appendNow(entry({ requestId: 'now' }))).toThrow(AuditWriteError);
  });
});
