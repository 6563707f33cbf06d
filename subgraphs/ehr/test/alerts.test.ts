import { beforeEach, describe, expect, it } from 'vitest';
import { createTestAuth, execute, staff, type TestAuth } from '@carebridge/common/testing';
import { createService, type EhrService } from '../src/server';
import { alertTransaction } from './alert.fixtures';

/**
 * Alerts through the graph: rules edited by ADMINs, read and acknowledged by staff, each
 * organization's alone; the lifecycle driven by the evaluator with the test's clock.
 */

let auth: TestAuth;
let service: EhrService;

beforeEach(async () => {
  auth ??= await createTestAuth();
  service = createService({ verifier: auth.verifier });
});

const ADMIN = staff('org-lakeside', 'ADMIN');
const CLINICIAN = staff('org-lakeside', 'CLINICIAN');
const OTHER_ADMIN = staff('org-riverside', 'ADMIN');

type Result = Awaited<ReturnType<typeof execute>>;
const codes = (result: Result) => result.errors?.map((e) => e.extensions?.['code']);
const problems = (result: Result) => result.errors?.[0]?.extensions?.['problems'];
const as = async (viewer: Parameters<TestAuth['headers']>[0], query: string, variables: Record<string, unknown> = {}) =>
  execute(service, query, variables, await auth.headers(viewer));

const CREATE = `mutation ($input: AlertRuleInput!) {
  createAlertRule(input: $input) {
    rule { id kind ehrSystemId windowMinutes threshold timeZone workdayStartHour workdayEndHour webhookUrl }
    webhookSecret
  }
}`;
const UPDATE = `mutation ($id: ID!, $input: AlertRuleInput!) { updateAlertRule(id: $id, input: $input) { id threshold } }`;
const DELETE = `mutation ($id: ID!) { deleteAlertRule(id: $id) }`;
const ACKNOWLEDGE = `mutation ($id: ID!) { acknowledgeAlert(id: $id) { id status acknowledgedBy acknowledgedAt } }`;
const ALERTS = `query ($status: AlertStatus, $first: Int, $after: String) {
  alerts(status: $status, first: $first, after: $after) {
    totalCount nodes { id ruleId kind status value openedAt acknowledgedBy resolvedAt } pageInfo { hasNextPage endCursor }
  }
}`;
const DEAD_RULE = { kind: 'DEAD_TRANSACTIONS', windowMinutes: 10, threshold: 1 };

async function createRule(input: Record<string, unknown> = DEAD_RULE, viewer = ADMIN): Promise<string> {
  const result = await as(viewer, CREATE, { input });
  expect(result.errors).toBeUndefined();
  return (result.data?.['createAlertRule'] as { rule: { id: string } }).rule.id;
}

let counter = 0;
/** A transaction that became DEAD at `at` (metadata only: alerts never read payloads). */
async function deadAt(at: string, organizationId = 'org-lakeside'): Promise<void> {
  counter += 1;
  await service.shared.transactions.add(alertTransaction(`tx-alert-${counter}`, at, { organizationId }));
}

describe('alert rules', () => {
  it('are created by an ADMIN with defaults, and read by the organization’s staff', async () => {
    const created = await as(ADMIN, CREATE, { input: { kind: 'NO_DELIVERY', windowMinutes: 30 } });
    expect(created.data?.['createAlertRule']).toMatchObject({
      rule: {
        kind: 'NO_DELIVERY',
        ehrSystemId: null,
        windowMinutes: 30,
        threshold: 0,
        timeZone: 'UTC',
        workdayStartHour: 8,
        workdayEndHour: 18,
        webhookUrl: null,
      },
      webhookSecret: expect.stringMatching(/^[\w-]{43}$/) as unknown,
    });
    const read = await as(CLINICIAN, '{ alertRules { id kind } }');
    expect(read.data).toEqual({
      alertRules: [
        { id: (created.data?.['createAlertRule'] as { rule: { id: string } }).rule.id, kind: 'NO_DELIVERY' },
      ],
    });
  });

  it('cannot be created, changed or deleted by a CLINICIAN', async () => {
    const id = await createRule();
    const results = [
      await as(CLINICIAN, CREATE, { input: DEAD_RULE }),
      await as(CLINICIAN, UPDATE, { id, input: { ...DEAD_RULE, threshold: 5 } }),
      await as(CLINICIAN, DELETE, { id }),
    ];
    expect(results.map(codes)).toEqual([['FORBIDDEN'], ['FORBIDDEN'], ['FORBIDDEN']]);
    expect(await service.shared.alerts.rules('org-lakeside')).toMatchObject([{ id, threshold: 1 }]);
  });

  it('are refused with every field problem, and nothing is added', async () => {
    const result = await as(ADMIN, CREATE, {
      input: { kind: 'ERROR_RATE', windowMinutes: 0, timeZone: 'Nowhere/City', ehrSystemId: 'ehr-unknown' },
    });
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(problems(result)).toEqual([
      { field: 'windowMinutes', message: 'must be a whole number of minutes from 1 to 10080' },
      { field: 'threshold', message: 'is required for this kind of rule' },
      { field: 'timeZone', message: 'is not a known IANA time zone' },
      { field: 'ehrSystemId', message: 'is not a known EHR system' },
    ]);
    expect(await service.shared.alerts.rules('org-lakeside')).toEqual([]);
    const id = await createRule();
    const update = await as(ADMIN, UPDATE, { id, input: { ...DEAD_RULE, threshold: 0 } });
    expect(problems(update)).toEqual([{ field: 'threshold', message: 'must be a whole number from 1' }]);
    expect(await service.shared.alerts.rule(id)).toMatchObject({ threshold: 1 });
  });

  it('are updated and deleted by their ADMIN; an unknown id is NOT_FOUND', async () => {
    const id = await createRule({ ...DEAD_RULE, ehrSystemId: 'ehr-allscripts' });
    expect((await as(ADMIN, UPDATE, { id, input: { ...DEAD_RULE, threshold: 3 } })).data).toEqual({
      updateAlertRule: { id, threshold: 3 },
    });
    expect((await as(ADMIN, DELETE, { id })).data).toEqual({ deleteAlertRule: id });
    expect(codes(await as(ADMIN, DELETE, { id }))).toEqual(['NOT_FOUND']);
    expect(codes(await as(ADMIN, UPDATE, { id, input: DEAD_RULE }))).toEqual(['NOT_FOUND']);
  });
});

describe('another organization', () => {
  it('sees none of the rules or alerts, and can change none of them', async () => {
    const id = await createRule();
    await deadAt('2026-03-04T12:00:00.000Z');
    const [opened] = (await service.shared.evaluator.evaluate(new Date('2026-03-04T12:01:00.000Z'))).opened;
    const results = [
      await as(OTHER_ADMIN, UPDATE, { id, input: DEAD_RULE }),
      await as(OTHER_ADMIN, DELETE, { id }),
      await as(OTHER_ADMIN, ACKNOWLEDGE, { id: opened!.id }),
    ];
    expect(results.map(codes)).toEqual([['FORBIDDEN'], ['FORBIDDEN'], ['FORBIDDEN']]);
    expect((await as(OTHER_ADMIN, '{ alertRules { id } }')).data).toEqual({ alertRules: [] });
    expect((await as(OTHER_ADMIN, ALERTS)).data).toMatchObject({ alerts: { totalCount: 0, nodes: [] } });
    expect(await service.shared.alerts.alert(opened!.id)).toMatchObject({ status: 'OPEN', acknowledgedBy: null });
    expect(await service.shared.alerts.rule(id)).toBeDefined();
  });

  it('nor does an intake link', async () => {
    const intake = {
      kind: 'intake',
      linkId: 'l1',
      patientId: 'pt-00001',
      organizationId: 'org-lakeside',
      questionnaireId: 'q',
    } as const;
    expect(codes(await as(intake, '{ alertRules { id } }'))).toEqual(['FORBIDDEN']);
    expect(codes(await as(intake, ALERTS))).toEqual(['FORBIDDEN']);
  });
});

describe('the alert lifecycle', () => {
  it('opens once while the condition holds, is acknowledged by staff, and resolves when it no longer holds', async () => {
    const ruleId = await createRule();
    const evaluate = (iso: string) => service.shared.evaluator.evaluate(new Date(iso));
    expect(await evaluate('2026-03-04T12:00:00.000Z')).toEqual({ opened: [], resolved: [] });
    await deadAt('2026-03-04T12:00:00.000Z');
    const first = await evaluate('2026-03-04T12:01:00.000Z');
    expect(first.opened).toMatchObject([{ ruleId, status: 'OPEN', value: 1 }]);
    // Still true, and a second DEAD: still the one alert.
    await deadAt('2026-03-04T12:02:00.000Z');
    expect(await evaluate('2026-03-04T12:03:00.000Z')).toEqual({ opened: [], resolved: [] });
    const alertId = first.opened[0]!.id;

    const acknowledged = await as(CLINICIAN, ACKNOWLEDGE, { id: alertId });
    expect(acknowledged.data?.['acknowledgeAlert']).toMatchObject({
      id: alertId,
      status: 'ACKNOWLEDGED',
      acknowledgedBy: CLINICIAN.userId,
    });
    expect(await evaluate('2026-03-04T12:05:00.000Z')).toEqual({ opened: [], resolved: [] });

    // Ten minutes after the last DEAD, the window holds none.
    const later = await evaluate('2026-03-04T12:12:01.000Z');
    expect(later.resolved).toMatchObject([{ id: alertId, status: 'RESOLVED', resolvedAt: '2026-03-04T12:12:01.000Z' }]);
    const listed = await as(CLINICIAN, ALERTS);
    expect(listed.data).toMatchObject({
      alerts: {
        totalCount: 1,
        nodes: [
          { id: alertId, ruleId, kind: 'DEAD_TRANSACTIONS', status: 'RESOLVED', acknowledgedBy: CLINICIAN.userId },
        ],
      },
    });
    const again = await as(CLINICIAN, ACKNOWLEDGE, { id: alertId });
    expect(problems(again)).toEqual([{ field: 'id', message: 'is a resolved alert' }]);
    expect(codes(await as(CLINICIAN, ACKNOWLEDGE, { id: 'no-such-alert' }))).toEqual(['NOT_FOUND']);
  });

  it('opens again in a new period, lists newest first a page at a time, and filters by status', async () => {
    await createRule();
    await deadAt('2026-03-04T12:00:00.000Z');
    await service.shared.evaluator.evaluate(new Date('2026-03-04T12:01:00.000Z'));
    await service.shared.evaluator.evaluate(new Date('2026-03-04T13:00:00.000Z'));
    await deadAt('2026-03-04T14:00:00.000Z');
    await service.shared.evaluator.evaluate(new Date('2026-03-04T14:01:00.000Z'));

    const page1 = await as(CLINICIAN, ALERTS, { first: 1 });
    const one = page1.data?.['alerts'] as { nodes: { status: string }[]; pageInfo: { endCursor: string } };
    expect(page1.data).toMatchObject({
      alerts: {
        totalCount: 2,
        nodes: [{ status: 'OPEN', openedAt: '2026-03-04T14:01:00.000Z' }],
        pageInfo: { hasNextPage: true },
      },
    });
    const page2 = await as(CLINICIAN, ALERTS, { first: 1, after: one.pageInfo.endCursor });
    expect(page2.data).toMatchObject({
      alerts: {
        nodes: [{ status: 'RESOLVED', openedAt: '2026-03-04T12:01:00.000Z' }],
        pageInfo: { hasNextPage: false },
      },
    });
    const open = await as(CLINICIAN, ALERTS, { status: 'OPEN' });
    expect(open.data).toMatchObject({ alerts: { totalCount: 1, nodes: [{ status: 'OPEN' }] } });
  });

  it('counts only the rule’s organization and EHR system, and resolves a deleted rule’s alert', async () => {
    const ruleId = await createRule({ ...DEAD_RULE, ehrSystemId: 'ehr-athena' });
    await deadAt('2026-03-04T12:00:00.000Z'); // Allscripts
    await deadAt('2026-03-04T12:00:00.000Z', 'org-riverside');
    expect((await service.shared.evaluator.evaluate(new Date('2026-03-04T12:01:00.000Z'))).opened).toEqual([]);
    const everything = await createRule();
    const { opened } = await service.shared.evaluator.evaluate(new Date('2026-03-04T12:01:00.000Z'));
    expect(opened.map((a) => a.ruleId)).toEqual([everything]);
    await as(ADMIN, DELETE, { id: everything });
    expect(await service.shared.alerts.alert(opened[0]!.id)).toMatchObject({ status: 'RESOLVED' });
    expect(await service.shared.alerts.currentAlert(ruleId)).toBeUndefined();
  });
});
