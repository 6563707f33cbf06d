import { randomBytes, randomUUID } from 'node:crypto';
import { badUserInput, notFound, Problems, requireOrganization, requireStaff } from '@carebridge/common';
import type { AlertRuleInput } from '../__generated__/schema-types';
import type { MutationResolvers, QueryResolvers } from '../__generated__/resolvers-types';
import { OTHER_ORGANIZATION, requireAdmin, usableSystem } from '../access';
import type { AlertRuleRecord } from '../alerts/records';
import { alertRuleFields, type AlertRuleFields } from '../alerts/rules';
import { checkUrl, refusalMessage } from '../delivery/destinations';
import type { Context } from '../context';
import { keysetPage } from './pages';

/**
 * Every problem of a rule's input, the EHR system (one the organization may use) and the webhook
 * URL (the policy of EHR base URLs, never repeated back) included; throws them.
 */
async function validRule(context: Context, organizationId: string, input: AlertRuleInput): Promise<AlertRuleFields> {
  const problems = new Problems();
  const fields = alertRuleFields(input, problems);
  if (fields.ehrSystemId !== null && !(await usableSystem(context, organizationId, fields.ehrSystemId))) {
    problems.add('ehrSystemId', 'is not a known EHR system');
  }
  if (fields.webhookUrl !== null) {
    const checked = checkUrl(fields.webhookUrl, context.destinations);
    if (!checked.ok) problems.add('webhookUrl', refusalMessage(checked.reason));
  }
  problems.throwIfAny();
  return fields;
}

/** A rule of the caller's organization: NOT_FOUND when unknown, FORBIDDEN when another's. */
async function ownRule(context: Context, id: string): Promise<AlertRuleRecord> {
  const rule = await context.alerts.rule(id);
  if (!rule) throw notFound('AlertRule', id);
  requireOrganization(context, rule.organizationId, OTHER_ORGANIZATION.alertRule);
  return rule;
}

/** A rule's change in the log: ids and kind only. */
function logRule(context: Context, event: string, rule: AlertRuleRecord): void {
  context.logger.info(event, { organizationId: rule.organizationId, ruleId: rule.id, kind: rule.kind });
}

export const alertQueries: Pick<QueryResolvers, 'alertRules' | 'alerts'> = {
  alertRules: (_parent, _args, context) => context.alerts.rules(requireStaff(context).organizationId),

  alerts: async (_parent, { status, first, after }, context) => {
    const viewer = requireStaff(context);
    const all = await context.alerts.alerts(viewer.organizationId, status ?? null);
    return keysetPage(all, (a) => [a.openedAt, a.id], { first, after });
  },
};

/** Rules are edited by ADMINs of a registered organization; any staff member acknowledges. */
export const alertMutations: Pick<
  MutationResolvers,
  'createAlertRule' | 'updateAlertRule' | 'deleteAlertRule' | 'acknowledgeAlert'
> = {
  createAlertRule: async (_parent, { input }, context) => {
    const admin = await requireAdmin(context);
    const fields = await validRule(context, admin.organizationId, input);
    const at = new Date().toISOString();
    const rule: AlertRuleRecord = {
      id: randomUUID(),
      organizationId: admin.organizationId,
      ...fields,
      webhookSecret: randomBytes(32).toString('base64url'),
      createdAt: at,
      updatedAt: at,
    };
    await context.alerts.saveRule(rule);
    logRule(context, 'alert.rule.created', rule);
    return { rule, webhookSecret: rule.webhookSecret };
  },

  updateAlertRule: async (_parent, { id, input }, context) => {
    const admin = await requireAdmin(context);
    const existing = await ownRule(context, id);
    const fields = await validRule(context, admin.organizationId, input);
    const rule: AlertRuleRecord = { ...existing, ...fields, updatedAt: new Date().toISOString() };
    await context.alerts.saveRule(rule);
    logRule(context, 'alert.rule.updated', rule);
    return rule;
  },

  deleteAlertRule: async (_parent, { id }, context) => {
    const admin = await requireAdmin(context);
    await ownRule(context, id);
    if (!(await context.alerts.deleteRule(id, new Date().toISOString()))) throw notFound('AlertRule', id);
    context.logger.info('alert.rule.deleted', { organizationId: admin.organizationId, ruleId: id });
    return id;
  },

  acknowledgeAlert: async (_parent, { id }, context) => {
    const viewer = requireStaff(context);
    const alert = await context.alerts.alert(id);
    if (!alert) throw notFound('Alert', id);
    requireOrganization(context, alert.organizationId, OTHER_ORGANIZATION.alert);
    if (alert.status === 'RESOLVED') throw badUserInput([{ field: 'id', message: 'is a resolved alert' }]);
    const acknowledged = await context.alerts.acknowledge(id, viewer.userId, new Date().toISOString());
    if (!acknowledged) throw notFound('Alert', id);
    context.logger.info('alert.acknowledged', { organizationId: alert.organizationId, alertId: id });
    return acknowledged;
  },
};
