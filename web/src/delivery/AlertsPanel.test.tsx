import type { MockLink } from '@apollo/client/testing';
import { screen, within } from '@testing-library/react';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { DeliveryAlertRulesQueryQuery, DeliveryAlertsQueryQuery } from '../__generated__/graphql';
import type { User } from '../auth/session';
import { setup } from '../test/setup-app';
import {
  DeliveryAlertRulesQuery,
  DeliveryCreateAlertRuleMutation,
  DeliveryDeleteAlertRuleMutation,
  DeliveryUpdateAlertRuleMutation,
} from './AlertRulesEditor';
import { ALERTS_SHOWN, DeliveryAcknowledgeAlertMutation, DeliveryAlertsQuery } from './AlertsPanel';

const ADMIN: User = {
  id: 'user-9',
  email: 'admin@riverside.test',
  name: 'Riley Admin',
  organizationId: 'org-riverside',
  role: 'ADMIN',
};

type AlertNode = DeliveryAlertsQueryQuery['alerts']['nodes'][number];

const alert = (overrides: Partial<AlertNode> = {}): AlertNode => ({
  __typename: 'Alert',
  id: 'alert-1',
  ruleId: 'rule-1',
  kind: 'DEAD_TRANSACTIONS',
  ehrSystemId: null,
  status: 'OPEN',
  value: 3,
  openedAt: '2026-03-04T12:00:00Z',
  acknowledgedAt: null,
  acknowledgedBy: null,
  resolvedAt: null,
  notificationError: null,
  ...overrides,
});

const alertsMock = (
  nodes: AlertNode[],
  page: { after?: string; endCursor?: string; totalCount?: number } = {},
): MockLink.MockedResponse => ({
  request: {
    query: DeliveryAlertsQuery,
    variables: { first: ALERTS_SHOWN, ...(page.after ? { after: page.after } : {}) },
  },
  result: {
    data: {
      alerts: {
        __typename: 'AlertConnection',
        totalCount: page.totalCount ?? nodes.length,
        pageInfo: { __typename: 'PageInfo', hasNextPage: Boolean(page.endCursor), endCursor: page.endCursor ?? null },
        nodes,
      },
    },
  },
});

type RuleNode = DeliveryAlertRulesQueryQuery['alertRules'][number];

const RULE: RuleNode = {
  __typename: 'AlertRule',
  id: 'rule-1',
  kind: 'DEAD_TRANSACTIONS',
  ehrSystemId: null,
  windowMinutes: 15,
  threshold: 1,
  timeZone: 'UTC',
  workdayStartHour: 8,
  workdayEndHour: 18,
  webhookUrl: null,
};
const rulesMock = (rules: RuleNode[]): MockLink.MockedResponse => ({
  request: { query: DeliveryAlertRulesQuery },
  result: {
    data: {
      alertRules: rules,
      ehrSystems: [
        { __typename: 'EhrSystem', id: 'ehr-athena', name: 'Athena' },
        { __typename: 'EhrSystem', id: 'ehr-allscripts', name: 'Allscripts' },
      ],
    },
  },
});

describe('the Alerts tab', () => {
  it('lists the alerts with their status and acknowledges an open one', async () => {
    const { user } = setup({
      route: '/delivery?view=alerts',
      mocks: [
        alertsMock([alert(), alert({ id: 'alert-0', status: 'RESOLVED', resolvedAt: '2026-03-04T11:00:00Z' })]),
        {
          request: { query: DeliveryAcknowledgeAlertMutation, variables: { id: 'alert-1' } },
          result: {
            data: {
              acknowledgeAlert: {
                __typename: 'Alert',
                id: 'alert-1',
                status: 'ACKNOWLEDGED',
                acknowledgedAt: '2026-03-04T12:05:00Z',
                acknowledgedBy: 'user-1',
              },
            },
          },
        },
      ],
    });
    expect(await screen.findByRole('tab', { name: 'Alerts' })).toHaveAttribute('aria-selected', 'true');
    const table = await screen.findByRole('table', { name: 'Alerts of your organization, newest first' });
    expect(screen.getByText('2 alerts')).toBeInTheDocument();
    const rows = within(table).getAllByRole('row');
    expect(within(rows[1]!).getByText('Failed transactions')).toBeInTheDocument();
    expect(within(rows[1]!).getByText('3 failed')).toBeInTheDocument();
    expect(within(rows[2]!).getByText('Resolved')).toBeInTheDocument();
    // Only the open one can be acknowledged; a clinician sees no rules editor.
    expect(within(rows[2]!).queryByRole('button')).not.toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Alert rules' })).not.toBeInTheDocument();

    await user.click(within(rows[1]!).getByRole('button', { name: /^Acknowledge the alert “Failed transactions”/ }));
    expect(await within(rows[1]!).findByText('Acknowledged')).toBeInTheDocument();
    expect(within(rows[1]!).queryByRole('button')).not.toBeInTheDocument();
  });

  it('loads the next page of alerts after the first', async () => {
    const { user } = setup({
      route: '/delivery?view=alerts',
      mocks: [
        alertsMock([alert({ id: 'alert-2' })], { endCursor: 'cursor-1', totalCount: 2 }),
        alertsMock([alert({ id: 'alert-1', status: 'RESOLVED', resolvedAt: '2026-03-04T11:00:00Z' })], {
          after: 'cursor-1',
          totalCount: 2,
        }),
      ],
    });
    const table = await screen.findByRole('table', { name: 'Alerts of your organization, newest first' });
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await within(table).findByText('Resolved')).toBeInTheDocument();
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });

  it('says when there is no alert, and offers to try again after an error', async () => {
    const { user } = setup({
      route: '/delivery?view=alerts',
      mocks: [
        { request: { query: DeliveryAlertsQuery, variables: { first: ALERTS_SHOWN } }, error: new Error('down') },
        alertsMock([]),
      ],
    });
    expect(await screen.findByRole('heading', { name: 'The alerts could not be loaded' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { name: 'No alerts' })).toBeInTheDocument();
  });
});

describe('the Alerts tab in Spanish', () => {
  it('shows the alerts in the chosen language', async () => {
    const { user } = setup({ route: '/delivery?view=alerts', mocks: [alertsMock([alert()])] });
    await screen.findByRole('table');
    await user.selectOptions(screen.getByLabelText('Language'), 'es');
    expect(await screen.findByRole('tab', { name: 'Alertas' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByText('Transacciones fallidas')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /^Reconocer la alerta «Transacciones fallidas»/ })).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Idioma'), 'en');
  });
});

describe('the alert rules editor (ADMIN)', () => {
  it('adds a rule, shows the server’s problems at their fields, and shows the webhook secret once', async () => {
    const input = {
      kind: 'ERROR_RATE',
      ehrSystemId: null,
      windowMinutes: 15,
      threshold: 150,
      timeZone: 'UTC',
      workdayStartHour: 8,
      workdayEndHour: 18,
      webhookUrl: 'http://10.0.0.1/hook',
    };
    const fixed = { ...input, threshold: 25, webhookUrl: 'https://hooks.example.com/alerts' };
    const { user } = setup({
      route: '/delivery?view=alerts',
      user: ADMIN,
      mocks: [
        alertsMock([]),
        rulesMock([]),
        {
          request: { query: DeliveryCreateAlertRuleMutation, variables: { input } },
          result: {
            errors: [
              new GraphQLError('Invalid input.', {
                extensions: {
                  code: 'BAD_USER_INPUT',
                  problems: [
                    { field: 'threshold', message: 'must be a percentage from 0 to less than 100' },
                    {
                      field: 'webhookUrl',
                      message: 'must point at a public address, not a loopback, private, link-local or reserved one',
                    },
                  ],
                },
              }),
            ],
          },
        },
        {
          request: { query: DeliveryCreateAlertRuleMutation, variables: { input: fixed } },
          result: {
            data: {
              createAlertRule: {
                __typename: 'CreatedAlertRule',
                rule: { __typename: 'AlertRule', id: 'rule-2' },
                webhookSecret: 'secret-shown-once',
              },
            },
          },
        },
        rulesMock([{ ...RULE, id: 'rule-2', kind: 'ERROR_RATE', threshold: 25, webhookUrl: fixed.webhookUrl }]),
      ],
    });
    expect(await screen.findByText('No rules yet: add one below.')).toBeInTheDocument();
    const form = screen.getByRole('form', { name: 'New alert rule' });
    await user.selectOptions(within(form).getByLabelText('Rule'), 'ERROR_RATE');
    const threshold = within(form).getByLabelText('Error rate (over, %)');
    await user.clear(threshold);
    await user.type(threshold, '150');
    const webhook = within(form).getByLabelText('Webhook URL (optional)');
    await user.type(webhook, 'http://10.0.0.1/hook');
    await user.click(within(form).getByRole('button', { name: 'Add rule' }));

    expect(await within(form).findByText('must be a percentage from 0 to less than 100')).toBeInTheDocument();
    expect(threshold).toHaveAttribute('aria-invalid', 'true');
    expect(webhook).toHaveAccessibleDescription(expect.stringContaining('must point at a public address') as string);

    await user.clear(threshold);
    await user.type(threshold, '25');
    await user.clear(webhook);
    await user.type(webhook, 'https://hooks.example.com/alerts');
    await user.click(within(form).getByRole('button', { name: 'Add rule' }));
    expect(await screen.findByText('The rule was added.')).toBeInTheDocument();
    expect(screen.getByText('secret-shown-once')).toBeInTheDocument();
    expect(await screen.findByText('Error rate over 25 % in 15 minutes')).toBeInTheDocument();
    expect(threshold).not.toHaveAttribute('aria-invalid');
  });

  it('edits a rule with the rule’s values filled in, its EHR system kept', async () => {
    const input = {
      kind: 'DEAD_TRANSACTIONS',
      ehrSystemId: 'ehr-athena',
      windowMinutes: 30,
      threshold: 1,
      timeZone: 'UTC',
      workdayStartHour: 8,
      workdayEndHour: 18,
      webhookUrl: null,
    };
    const { user } = setup({
      route: '/delivery?view=alerts',
      user: ADMIN,
      mocks: [
        alertsMock([]),
        rulesMock([{ ...RULE, ehrSystemId: 'ehr-athena' }]),
        {
          request: { query: DeliveryUpdateAlertRuleMutation, variables: { id: 'rule-1', input } },
          result: { data: { updateAlertRule: { __typename: 'AlertRule', id: 'rule-1' } } },
        },
        rulesMock([{ ...RULE, ehrSystemId: 'ehr-athena', windowMinutes: 30 }]),
      ],
    });
    await user.click(
      await screen.findByRole('button', { name: 'Edit the rule “At least 1 failed transactions in 15 minutes”' }),
    );
    const form = screen.getByRole('form', { name: 'Change the alert rule' });
    const minutes = within(form).getByLabelText('Window (minutes)');
    expect(minutes).toHaveValue('15');
    expect(within(form).getByLabelText('EHR system')).toHaveValue('ehr-athena');
    await user.clear(minutes);
    await user.type(minutes, '30');
    await user.click(within(form).getByRole('button', { name: 'Save rule' }));
    expect(await screen.findByText('The rule was saved.')).toBeInTheDocument();
    expect(await screen.findByText('At least 1 failed transactions in 30 minutes')).toBeInTheDocument();
    expect(screen.getByRole('form', { name: 'New alert rule' })).toBeInTheDocument();
  });

  it('deletes a rule once confirmed, and keeps it when the question is cancelled', async () => {
    const { user } = setup({
      route: '/delivery?view=alerts',
      user: ADMIN,
      mocks: [
        alertsMock([]),
        rulesMock([RULE]),
        {
          request: { query: DeliveryDeleteAlertRuleMutation, variables: { id: 'rule-1' } },
          result: { data: { deleteAlertRule: 'rule-1' } },
        },
        rulesMock([]),
      ],
    });
    const remove = await screen.findByRole('button', {
      name: 'Delete the rule “At least 1 failed transactions in 15 minutes”',
    });
    await user.click(remove);
    const question = screen.getByRole('alertdialog', { name: 'Delete this alert rule?' });
    await user.click(within(question).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(remove).toHaveFocus();

    await user.click(remove);
    await user.click(
      within(screen.getByRole('alertdialog', { name: 'Delete this alert rule?' })).getByRole('button', {
        name: 'Delete',
      }),
    );
    expect(await screen.findByText('The rule was deleted.')).toBeInTheDocument();
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(await screen.findByText('No rules yet: add one below.')).toBeInTheDocument();
  });
});
