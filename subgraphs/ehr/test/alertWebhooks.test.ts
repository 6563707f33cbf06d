import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestAuth, execute, staff, type TestAuth } from '@carebridge/common/testing';
import { sign, SIGNATURE_HEADER, TIMESTAMP_HEADER, type NotificationBody } from '../src/alerts/notifier';
import { createService, type EhrService, type EhrServiceOptions } from '../src/server';
import { alertTransaction } from './alert.fixtures';

/**
 * Alert webhooks against a local receiver the destination policy allow-lists: one digest per
 * evaluation, signed per rule, retried with backoff until 2xx, given up after the last attempt,
 * the URL checked at creation and again at send time. The clock is the test's.
 */

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: NotificationBody;
}

/** A webhook receiver on 127.0.0.1 answering the statuses in `answers` in turn (then 200). */
async function receiver() {
  const received: Received[] = [];
  const answers: number[] = [];
  const server: Server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    request.on('end', () => {
      received.push({ headers: request.headers, body: JSON.parse(text) as NotificationBody });
      response.statusCode = answers.shift() ?? 200;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, url: `${origin}/hook`, received, answers, close: () => new Promise((r) => server.close(r)) };
}

let auth: TestAuth;
let hook: Awaited<ReturnType<typeof receiver>>;
let service: EhrService;
beforeAll(async () => {
  auth = await createTestAuth();
});
afterEach(async () => {
  await hook.close();
});

const ADMIN = staff('org-lakeside', 'ADMIN');
const CREATE = `mutation ($input: AlertRuleInput!) { createAlertRule(input: $input) { rule { id webhookUrl } webhookSecret } }`;
const POLICY = { maxAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 10_000, timeoutMs: 2_000 };

function start(more: Partial<EhrServiceOptions> = {}): EhrService {
  return createService({
    verifier: auth.verifier,
    destinations: { requireHttps: true, allowedOrigins: [hook.origin] },
    alertWebhooks: { policy: POLICY },
    ...more,
  });
}

async function createRule(input: Record<string, unknown>) {
  const result = await execute(service, CREATE, { input }, await auth.headers(ADMIN));
  expect(result.errors).toBeUndefined();
  return result.data?.['createAlertRule'] as { rule: { id: string }; webhookSecret: string };
}

/** A DEAD transaction of a patient, with a payload: none of it may reach a webhook. */
async function deadAt(at: string): Promise<void> {
  const transaction = alertTransaction(`tx-hook-${at}`, at, {
    patientId: 'pt-webhook-1',
    attempts: 1,
    payload: { firstName: 'Webhook' },
  });
  await service.shared.transactions.add(transaction);
}

const T0 = '2026-03-04T12:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000);

describe('alert webhooks', () => {
  it('send one signed digest when several rules open in one evaluation, and each transition once', async () => {
    hook = await receiver();
    service = start();
    const dead = await createRule({ kind: 'DEAD_TRANSACTIONS', windowMinutes: 5, threshold: 1, webhookUrl: hook.url });
    const rate = await createRule({ kind: 'ERROR_RATE', windowMinutes: 5, threshold: 10, webhookUrl: hook.url });
    await createRule({ kind: 'OLDEST_PENDING', windowMinutes: 5 }); // no webhook: never notified
    await deadAt(T0);
    expect((await service.shared.evaluator.evaluate(at(1))).opened).toHaveLength(2);
    expect(await service.shared.notifier.flush(at(1))).toBe(1);
    expect(await service.shared.evaluator.evaluate(at(2))).toEqual({ opened: [], resolved: [] });
    expect(await service.shared.notifier.flush(at(2))).toBe(0);

    expect(hook.received).toHaveLength(1);
    const [{ headers, body }] = hook.received as [Received];
    expect(body).toEqual({
      organizationId: 'org-lakeside',
      sentAt: at(1).toISOString(),
      alerts: [dead, rate].map(({ rule }) => ({
        alertId: expect.any(String) as unknown,
        ruleId: rule.id,
        kind: rule.id === dead.rule.id ? 'DEAD_TRANSACTIONS' : 'ERROR_RATE',
        ehrSystemId: null,
        status: 'OPENED',
        value: rule.id === dead.rule.id ? 1 : 100,
        openedAt: at(1).toISOString(),
        resolvedAt: null,
      })),
    });
    // Nothing of the patient: no id, no payload.
    expect(JSON.stringify(body)).not.toMatch(/pt-webhook|Webhook/);
    // Each rule's secret verifies the body.
    const raw = JSON.stringify(body);
    expect(headers[TIMESTAMP_HEADER]).toBe(at(1).toISOString());
    expect(headers[SIGNATURE_HEADER]).toBe(
      [dead, rate]
        .map(({ rule, webhookSecret }) => `${rule.id}=${sign(webhookSecret, at(1).toISOString(), raw)}`)
        .join(', '),
    );
  });

  it('retry a failed notification with backoff until the receiver answers 2xx', async () => {
    hook = await receiver();
    service = start();
    await createRule({ kind: 'DEAD_TRANSACTIONS', windowMinutes: 5, threshold: 1, webhookUrl: hook.url });
    await deadAt(T0);
    await service.shared.evaluator.evaluate(at(1));
    hook.answers.push(500, 503);
    expect(await service.shared.notifier.flush(at(1))).toBe(1);
    expect(await service.shared.notifier.flush(at(1.9))).toBe(0); // the first retry is due after 1 s
    expect(await service.shared.notifier.flush(at(2))).toBe(1);
    expect(await service.shared.notifier.flush(at(3.9))).toBe(0); // then after 2 s
    expect(await service.shared.notifier.flush(at(4))).toBe(1);
    expect(await service.shared.notifier.flush(at(100))).toBe(0);
    expect(hook.received.map((r) => r.body.alerts.map((a) => a.status))).toEqual([['OPENED'], ['OPENED'], ['OPENED']]);
    const [opened] = await service.shared.alerts.alerts('org-lakeside', null);
    expect(await service.shared.alerts.notifications(opened!.id)).toMatchObject([{ status: 'SENT', attempts: 3 }]);

    // The condition ends: one RESOLVED notification.
    await service.shared.evaluator.evaluate(at(400));
    expect(await service.shared.notifier.flush(at(400))).toBe(1);
    expect(hook.received.at(-1)?.body.alerts).toMatchObject([
      { status: 'RESOLVED', resolvedAt: at(400).toISOString() },
    ]);
  });

  it('give up after the last attempt, with the reason on the alert', async () => {
    hook = await receiver();
    service = start();
    await createRule({ kind: 'DEAD_TRANSACTIONS', windowMinutes: 5, threshold: 1, webhookUrl: hook.url });
    await deadAt(T0);
    await service.shared.evaluator.evaluate(at(1));
    hook.answers.push(500, 500, 500, 500);
    for (const second of [1, 2, 4, 8, 16]) await service.shared.notifier.flush(at(second));
    expect(hook.received).toHaveLength(3);
    const listed = await execute(
      service,
      '{ alerts { nodes { status notificationError } } }',
      {},
      await auth.headers(staff('org-lakeside')),
    );
    expect(listed.data).toEqual({
      alerts: { nodes: [{ status: 'OPEN', notificationError: 'The webhook answered HTTP 500.' }] },
    });
  });

  it('check the URL at creation as an EHR base URL, and again at send time', async () => {
    hook = await receiver();
    service = start();
    const refused = await execute(
      service,
      CREATE,
      { input: { kind: 'DEAD_TRANSACTIONS', windowMinutes: 5, threshold: 1, webhookUrl: 'http://10.1.2.3/hook' } },
      await auth.headers(ADMIN),
    );
    expect(refused.errors?.[0]?.extensions?.['problems']).toEqual([
      {
        field: 'webhookUrl',
        message: 'must point at a public address, not a loopback, private, link-local or reserved one',
      },
    ]);
    expect(JSON.stringify(refused.errors)).not.toContain('10.1.2.3');
    const plain = await execute(
      service,
      CREATE,
      { input: { kind: 'DEAD_TRANSACTIONS', windowMinutes: 5, threshold: 1, webhookUrl: 'http://example.com/hook' } },
      await auth.headers(ADMIN),
    );
    expect(plain.errors?.[0]?.extensions?.['problems']).toEqual([{ field: 'webhookUrl', message: 'must use https' }]);
    expect(await service.shared.alerts.rules('org-lakeside')).toEqual([]);

    // Allowed when made; the operator then drops the receiver from the allow-list.
    await createRule({ kind: 'DEAD_TRANSACTIONS', windowMinutes: 5, threshold: 1, webhookUrl: hook.url });
    service = start({
      alerts: service.shared.alerts,
      transactions: service.shared.transactions,
      destinations: { requireHttps: true, allowedOrigins: [] },
    });
    await deadAt(T0);
    await service.shared.evaluator.evaluate(at(1));
    for (const second of [1, 2, 4, 8]) await service.shared.notifier.flush(at(second));
    expect(hook.received).toEqual([]);
    const [alert] = await service.shared.alerts.alerts('org-lakeside', null);
    expect(alert?.notificationError).toBe("The webhook's address is not allowed.");
  });
});
