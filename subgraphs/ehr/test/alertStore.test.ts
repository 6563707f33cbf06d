import { testSchemas } from '@carebridge/db/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { PostgresAlertStore } from '../src/alerts/postgresStore';
import type { AlertRecord, AlertRuleRecord } from '../src/alerts/records';
import { InMemoryAlertStore, type AlertStore } from '../src/alerts/store';
import { openEhrDatabase, type EhrDatabase } from '../src/data/database';
import type { EhrTransactionRecord } from '../src/data/records';
import { PostgresTransactionStore } from '../src/delivery/postgresTransactions';
import { InMemoryTransactionStore, type TransactionStore } from '../src/delivery/transactions';
import { alertTransaction } from './alert.fixtures';

/**
 * One contract, two backends: the alert store, and the transaction store's `activity` (the figures
 * rules are judged by), in memory and on PostgreSQL (the real server; these fail without one). On
 * PostgreSQL `a` and `b` are two pools over one schema, as two replicas.
 */

interface Backend {
  name: string;
  open: () => Promise<{
    a: AlertStore;
    b: AlertStore;
    transactions: TransactionStore;
    close: () => Promise<void>;
  }>;
}

const schemas = testSchemas('ehralerts');
afterAll(() => schemas.drop());
let schemaCount = 0;

const backends: Backend[] = [
  {
    name: 'in memory',
    open: () => {
      const store = new InMemoryAlertStore();
      return Promise.resolve({
        a: store,
        b: store,
        transactions: new InMemoryTransactionStore(),
        close: () => Promise.resolve(),
      });
    },
  },
  {
    name: 'PostgreSQL',
    open: async () => {
      const schema = schemas.schema(`alerts${++schemaCount}`);
      const databases: EhrDatabase[] = [
        await openEhrDatabase({ url: schemas.url, schema }),
        await openEhrDatabase({ url: schemas.url, schema }),
      ];
      const transactions = new PostgresTransactionStore(databases[0]!, { createsPatient: () => false });
      return {
        a: new PostgresAlertStore(databases[0]!),
        b: new PostgresAlertStore(databases[1]!),
        transactions,
        close: async () => {
          await transactions.close();
          await Promise.all(databases.map((d) => d.close()));
        },
      };
    },
  },
];

function rule(overrides: Partial<AlertRuleRecord> = {}): AlertRuleRecord {
  return {
    id: 'rule-1',
    organizationId: 'org-lakeside',
    kind: 'DEAD_TRANSACTIONS',
    ehrSystemId: null,
    windowMinutes: 15,
    threshold: 1,
    timeZone: 'UTC',
    workdayStartHour: 8,
    workdayEndHour: 18,
    webhookUrl: null,
    webhookSecret: 'secret',
    createdAt: '2026-03-01T10:00:00.000Z',
    updatedAt: '2026-03-01T10:00:00.000Z',
    ...overrides,
  };
}

function alert(overrides: Partial<AlertRecord> = {}): AlertRecord {
  return {
    id: 'alert-1',
    organizationId: 'org-lakeside',
    ruleId: 'rule-1',
    kind: 'DEAD_TRANSACTIONS',
    ehrSystemId: null,
    status: 'OPEN',
    value: 3,
    openedAt: '2026-03-01T10:05:00.000Z',
    acknowledgedAt: null,
    acknowledgedBy: null,
    resolvedAt: null,
    notificationError: null,
    ...overrides,
  };
}

let counter = 0;
function transaction(overrides: Partial<EhrTransactionRecord>): EhrTransactionRecord {
  counter += 1;
  return alertTransaction(`tx-a${counter}`, '2026-03-01T09:00:00.000Z', {
    status: 'PENDING',
    attempts: 0,
    ...overrides,
  });
}

describe.each(backends)('alert store ($name)', (backend) => {
  it('keeps rules per organization, oldest first, and replaces one saved again', async () => {
    const { a, b, close } = await backend.open();
    try {
      await a.saveRule(rule({ id: 'r2', createdAt: '2026-03-01T11:00:00.000Z' }));
      await a.saveRule(rule({ id: 'r1' }));
      await a.saveRule(rule({ id: 'r3', organizationId: 'org-riverside' }));
      await b.saveRule(rule({ id: 'r1', kind: 'ERROR_RATE', threshold: 25.5, updatedAt: '2026-03-01T12:00:00.000Z' }));
      expect((await a.rules('org-lakeside')).map((r) => [r.id, r.kind, r.threshold])).toEqual([
        ['r1', 'ERROR_RATE', 25.5],
        ['r2', 'DEAD_TRANSACTIONS', 1],
      ]);
      expect(await b.rule('r1')).toEqual(
        rule({ id: 'r1', kind: 'ERROR_RATE', threshold: 25.5, updatedAt: '2026-03-01T12:00:00.000Z' }),
      );
      expect((await b.allRules()).map((r) => r.id)).toEqual(['r1', 'r3', 'r2']);
    } finally {
      await close();
    }
  });

  it('holds one current alert per rule, even when two replicas open one at once', async () => {
    const { a, b, close } = await backend.open();
    try {
      await a.saveRule(rule());
      const opened = await Promise.all([a.open(alert({ id: 'x1' })), b.open(alert({ id: 'x2' }))]);
      expect(opened.filter(Boolean)).toHaveLength(1);
      const current = await b.currentAlert('rule-1');
      expect(current?.status).toBe('OPEN');
      expect(await a.alerts('org-lakeside', null)).toHaveLength(1);
      // Resolved, the rule may open a new one.
      expect((await b.resolve('rule-1', '2026-03-01T10:10:00.000Z'))?.status).toBe('RESOLVED');
      expect(await a.resolve('rule-1', '2026-03-01T10:11:00.000Z')).toBeUndefined();
      expect(await a.open(alert({ id: 'x3', openedAt: '2026-03-01T10:20:00.000Z' }))).toBe(true);
      expect((await a.alerts('org-lakeside', null)).map((x) => x.status)).toEqual(['OPEN', 'RESOLVED']);
      expect((await a.alerts('org-lakeside', 'RESOLVED')).map((x) => x.resolvedAt)).toEqual([
        '2026-03-01T10:10:00.000Z',
      ]);
      expect(await a.alerts('org-riverside', null)).toEqual([]);
    } finally {
      await close();
    }
  });

  it('acknowledges only an OPEN alert, with who and when, and keeps it current', async () => {
    const { a, b, close } = await backend.open();
    try {
      await a.open(alert());
      const acknowledged = await b.acknowledge('alert-1', 'user-1', '2026-03-01T10:06:00.000Z');
      expect(acknowledged).toMatchObject({
        status: 'ACKNOWLEDGED',
        acknowledgedBy: 'user-1',
        acknowledgedAt: '2026-03-01T10:06:00.000Z',
      });
      // A second acknowledgement changes nothing.
      expect(await a.acknowledge('alert-1', 'user-2', '2026-03-01T10:07:00.000Z')).toEqual(acknowledged);
      expect((await a.currentAlert('rule-1'))?.id).toBe('alert-1');
      expect(await a.open(alert({ id: 'alert-2' }))).toBe(false);
      await a.resolve('rule-1', '2026-03-01T10:08:00.000Z');
      expect((await b.acknowledge('alert-1', 'user-2', '2026-03-01T10:09:00.000Z'))?.status).toBe('RESOLVED');
      expect(await b.acknowledge('nope', 'user-2', '2026-03-01T10:09:00.000Z')).toBeUndefined();
    } finally {
      await close();
    }
  });

  it('resolves a deleted rule’s current alert', async () => {
    const { a, b, close } = await backend.open();
    try {
      await a.saveRule(rule());
      await a.open(alert());
      expect(await b.deleteRule('rule-1', '2026-03-01T10:30:00.000Z')).toBe(true);
      expect(await b.deleteRule('rule-1', '2026-03-01T10:31:00.000Z')).toBe(false);
      expect(await a.rule('rule-1')).toBeUndefined();
      expect(await a.alert('alert-1')).toMatchObject({ status: 'RESOLVED', resolvedAt: '2026-03-01T10:30:00.000Z' });
    } finally {
      await close();
    }
  });
});

describe.each(backends)('notification queue ($name)', (backend) => {
  it('queues one notification per transition with the transition, only when asked', async () => {
    const { a, b, close } = await backend.open();
    try {
      await a.open(alert({ id: 'quiet', ruleId: 'r-quiet' }), { notify: false });
      await a.resolve('r-quiet', '2026-03-01T10:06:00.000Z', { notify: false });
      await a.open(alert(), { notify: true });
      expect(await b.open(alert({ id: 'alert-2' }), { notify: true })).toBe(false);
      await b.resolve('rule-1', '2026-03-01T10:09:00.000Z', { notify: true });
      expect(await a.notifications('quiet')).toEqual([]);
      expect(
        (await b.notifications('alert-1')).map((n) => [n.transition, n.status, n.attempts, n.nextAttemptAt]),
      ).toEqual([
        ['OPENED', 'PENDING', 0, '2026-03-01T10:05:00.000Z'],
        ['RESOLVED', 'PENDING', 0, '2026-03-01T10:09:00.000Z'],
      ]);
      expect(await b.notifications('alert-2')).toEqual([]);
    } finally {
      await close();
    }
  });

  it('hands a due notification to one claimer at a time, again once its lease ends', async () => {
    const { a, b, close } = await backend.open();
    try {
      await a.open(alert(), { notify: true });
      const now = '2026-03-01T10:05:00.000Z';
      expect(await a.claimNotifications('2026-03-01T10:04:59.000Z', 30_000, 10)).toEqual([]);
      const [first, second] = await Promise.all([
        a.claimNotifications(now, 30_000, 10),
        b.claimNotifications(now, 30_000, 10),
      ]);
      expect([...first, ...second]).toHaveLength(1);
      expect(await a.claimNotifications('2026-03-01T10:05:29.000Z', 30_000, 10)).toEqual([]);
      expect(await b.claimNotifications('2026-03-01T10:05:30.000Z', 30_000, 10)).toHaveLength(1);
    } finally {
      await close();
    }
  });

  it('ends a notification sent, retries a failed one when told, and records a given-up one on its alert', async () => {
    const { a, b, close } = await backend.open();
    try {
      await a.open(alert(), { notify: true });
      const [opened] = await a.claimNotifications('2026-03-01T10:05:00.000Z', 1_000, 10);
      const error = 'The webhook answered HTTP 500.';
      await b.finishNotification(opened!.id, {
        sent: false,
        attempts: 1,
        nextAttemptAt: '2026-03-01T10:06:00.000Z',
        error,
      });
      expect(await a.claimNotifications('2026-03-01T10:05:59.000Z', 1_000, 10)).toEqual([]);
      const [retried] = await a.claimNotifications('2026-03-01T10:06:00.000Z', 1_000, 10);
      expect(retried).toMatchObject({ id: opened!.id, attempts: 1 });
      await b.finishNotification(opened!.id, { sent: true });
      expect(await a.notifications('alert-1')).toMatchObject([{ status: 'SENT', attempts: 2 }]);
      expect((await a.alert('alert-1'))?.notificationError).toBeNull();

      await a.resolve('rule-1', '2026-03-01T10:10:00.000Z', { notify: true });
      const [resolved] = await b.claimNotifications('2026-03-01T10:10:00.000Z', 1_000, 10);
      await a.finishNotification(resolved!.id, { sent: false, attempts: 1, nextAttemptAt: null, error });
      // Finishing again (a lost lease) changes nothing.
      await b.finishNotification(resolved!.id, { sent: true });
      expect((await b.notifications('alert-1')).map((n) => n.status)).toEqual(['SENT', 'FAILED']);
      expect((await b.alert('alert-1'))?.notificationError).toBe(error);
      expect(await a.claimNotifications('2026-03-02T00:00:00.000Z', 1_000, 10)).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe.each(backends)('transaction store activity ($name)', (backend) => {
  it('counts an organization’s transactions changed since a time, of one system or all', async () => {
    const { transactions, close } = await backend.open();
    try {
      const recent = '2026-03-01T10:05:00.000Z';
      const old = '2026-03-01T09:00:00.000Z';
      await transactions.add(
        transaction({ status: 'DEAD', attempts: 4, updatedAt: recent }),
        transaction({ status: 'DEAD', attempts: 0, updatedAt: recent }), // given up, never attempted
        transaction({ status: 'DEAD', attempts: 4, updatedAt: old }), // before the window
        transaction({ status: 'FAILED', attempts: 1, updatedAt: recent, createdAt: '2026-03-01T08:30:00.000Z' }),
        transaction({ status: 'DELIVERED', attempts: 1, updatedAt: recent, deliveredAt: recent }),
        transaction({ status: 'DELIVERED', attempts: 2, updatedAt: old, deliveredAt: old }),
        transaction({ status: 'PENDING', createdAt: '2026-03-01T08:00:00.000Z', ehrSystemId: 'ehr-athena' }),
        transaction({ status: 'DEAD', attempts: 1, updatedAt: recent, organizationId: 'org-riverside' }),
      );
      const since = '2026-03-01T10:00:00.000Z';
      expect(await transactions.activity({ organizationId: 'org-lakeside', ehrSystemId: null, since })).toEqual({
        dead: 2,
        attempted: 3,
        failed: 2,
        delivered: 1,
        oldestOpenCreatedAt: '2026-03-01T08:00:00.000Z',
      });
      expect(
        await transactions.activity({ organizationId: 'org-lakeside', ehrSystemId: 'ehr-allscripts', since }),
      ).toMatchObject({ dead: 2, oldestOpenCreatedAt: '2026-03-01T08:30:00.000Z' });
      expect(await transactions.activity({ organizationId: 'org-none', ehrSystemId: null, since })).toEqual({
        dead: 0,
        attempted: 0,
        failed: 0,
        delivered: 0,
        oldestOpenCreatedAt: null,
      });
    } finally {
      await close();
    }
  });
});
