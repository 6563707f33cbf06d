import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInProcessStack, type InProcessStack } from '../../scripts/lib/stack/inProcess';

/**
 * Issue 16: an alert fires once when the sandbox fails everything, reaches a local webhook
 * receiver (on the operator's allow-list, as the sandbox is) once, and resolves when delivery
 * recovers. The whole stack in-process; the alert evaluation is driven with the test's clock.
 */

const CREATE_RULE = `mutation ($input: AlertRuleInput!) { createAlertRule(input: $input) { rule { id } webhookSecret } }`;
const CREATE_PATIENTS = `mutation ($inputs: [PatientInput!]!) { createPatients(inputs: $inputs) { id } }`;
const ALERTS = '{ alerts { totalCount nodes { ruleId kind status value resolvedAt } } }';
const DEAD = '{ ehrTransactions(filter: { status: DEAD }) { nodes { id } } }';
const REPLAY = 'mutation ($id: ID!) { replayEhrTransaction(id: $id) { id } }';

describe('alerts through the real stack', () => {
  let stack: InProcessStack;
  let receiver: Server;
  let hookUrl: string;
  const received: { status: string; ruleId: string }[][] = [];

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      let text = '';
      request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      request.on('end', () => {
        const body = JSON.parse(text) as { alerts: { status: string; ruleId: string }[] };
        received.push(body.alerts.map(({ status, ruleId }) => ({ status, ruleId })));
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    hookUrl = `${origin}/alerts`;
    stack = await startInProcessStack({
      policy: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 20, timeoutMs: 2_000 },
      destinations: { requireHttps: true, allowedOrigins: [origin] },
    });
  });

  afterAll(async () => {
    await stack?.stop();
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('fires once while the sandbox fails everything, notifies once, and resolves once delivery recovers', async () => {
    const admin = await stack.login('admin@lakeside.test');
    const clinician = await stack.login('clinician@lakeside.test');
    const { createAlertRule } = await stack.graphql(admin, CREATE_RULE, {
      input: { kind: 'DEAD_TRANSACTIONS', windowMinutes: 10, threshold: 1, webhookUrl: hookUrl },
    });
    const ruleId = createAlertRule.rule.id as string;
    expect(await stack.evaluateAlerts()).toEqual({ opened: [], resolved: [], requests: 0 });

    stack.sandbox.faults.update({ failureRate: 1 });
    await stack.graphql(clinician, CREATE_PATIENTS, {
      inputs: [{ firstName: 'Alma', lastName: 'Alert', gender: 'FEMALE', dateOfBirth: '1970-01-02' }],
    });
    await stack.settled();
    const dead = (await stack.graphql(clinician, DEAD)).ehrTransactions.nodes as { id: string }[];
    expect(dead.length).toBeGreaterThan(0);

    const first = await stack.evaluateAlerts();
    expect(first).toMatchObject({ opened: [{ ruleId, status: 'OPEN' }], resolved: [], requests: 1 });
    // Still failing, evaluated again: the same alert, no second notification.
    expect(await stack.evaluateAlerts()).toEqual({ opened: [], resolved: [], requests: 0 });
    expect(received).toEqual([[{ status: 'OPENED', ruleId }]]);
    expect((await stack.graphql(clinician, ALERTS)).alerts).toMatchObject({
      totalCount: 1,
      nodes: [{ ruleId, kind: 'DEAD_TRANSACTIONS', status: 'OPEN', value: dead.length }],
    });

    // Delivery recovers: the sandbox answers again and the DEAD ones are replayed and delivered.
    stack.sandbox.faults.update({ failureRate: 0 });
    for (const { id } of dead) await stack.graphql(clinician, REPLAY, { id });
    await stack.settled();
    expect((await stack.transactions.counts()).PENDING).toBe(0);
    // Once the window holds no DEAD transaction, the alert resolves, and the receiver hears it once.
    const later = new Date(Date.now() + 10 * 60_000 + 1_000);
    const resolved = await stack.evaluateAlerts(later);
    expect(resolved).toMatchObject({ opened: [], resolved: [{ ruleId, status: 'RESOLVED' }], requests: 1 });
    expect(await stack.evaluateAlerts(new Date(later.getTime() + 1_000))).toEqual({
      opened: [],
      resolved: [],
      requests: 0,
    });
    expect(received).toEqual([[{ status: 'OPENED', ruleId }], [{ status: 'RESOLVED', ruleId }]]);
    expect((await stack.graphql(clinician, ALERTS)).alerts.nodes).toMatchObject([{ status: 'RESOLVED' }]);
  });
});
