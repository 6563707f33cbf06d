import { isUniqueViolation } from '@carebridge/db';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { AlertRuleKind, AlertStatus } from '../__generated__/schema-types';
import type { EhrDatabase, EhrTables } from '../data/database';
import type { AlertNotificationRecord, AlertRecord, AlertRuleRecord, AlertTransition } from './records';
import { newNotification, type AlertStore, type NotificationOutcome, type TransitionOptions } from './store';

type RuleRow = Selectable<EhrTables['alert_rule']>;
type AlertRow = Selectable<EhrTables['alert']>;
type NotificationRow = Selectable<EhrTables['alert_notification']>;

/**
 * The alert store on PostgreSQL (`alert_rule`, `alert`; migration `0103_alerts`), shared by every
 * replica: the partial unique index `alert_current_per_rule` keeps one current alert per rule even
 * when two replicas evaluate the same rule at once.
 */
export class PostgresAlertStore implements AlertStore {
  constructor(private readonly database: EhrDatabase) {}

  private get db() {
    return this.database.db;
  }

  async rules(organizationId: string): Promise<AlertRuleRecord[]> {
    const rows = await this.db
      .selectFrom('alert_rule')
      .selectAll()
      .where('organization_id', '=', organizationId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toRule);
  }

  async allRules(): Promise<AlertRuleRecord[]> {
    const rows = await this.db.selectFrom('alert_rule').selectAll().orderBy('created_at').orderBy('id').execute();
    return rows.map(toRule);
  }

  async rule(id: string): Promise<AlertRuleRecord | undefined> {
    const row = await this.db.selectFrom('alert_rule').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toRule(row);
  }

  async saveRule(rule: AlertRuleRecord): Promise<void> {
    const row = fromRule(rule);
    const { id: _id, organization_id: _organization, created_at: _created, ...changes } = row;
    await this.db
      .insertInto('alert_rule')
      .values(row)
      .onConflict((oc) => oc.column('id').doUpdateSet(changes))
      .execute();
  }

  deleteRule(id: string, at: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const deleted = await trx.deleteFrom('alert_rule').where('id', '=', id).executeTakeFirst();
      if (deleted.numDeletedRows === 0n) return false;
      await trx
        .updateTable('alert')
        .set({ status: 'RESOLVED', resolved_at: at })
        .where('rule_id', '=', id)
        .where('status', '<>', 'RESOLVED')
        .execute();
      return true;
    });
  }

  async alerts(organizationId: string, status: AlertStatus | null): Promise<AlertRecord[]> {
    let query = this.db.selectFrom('alert').selectAll().where('organization_id', '=', organizationId);
    if (status !== null) query = query.where('status', '=', status);
    const rows = await query.orderBy('opened_at', 'desc').orderBy('id', 'desc').execute();
    return rows.map(toAlert);
  }

  async alert(id: string): Promise<AlertRecord | undefined> {
    const row = await this.db.selectFrom('alert').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toAlert(row);
  }

  async currentAlert(ruleId: string): Promise<AlertRecord | undefined> {
    const row = await this.db
      .selectFrom('alert')
      .selectAll()
      .where('rule_id', '=', ruleId)
      .where('status', '<>', 'RESOLVED')
      .executeTakeFirst();
    return row && toAlert(row);
  }

  async open(alert: AlertRecord, options?: TransitionOptions): Promise<boolean> {
    try {
      await this.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('alert')
          .values(fromAlert({ ...alert, status: 'OPEN' }))
          .execute();
        if (options?.notify) await queue(trx, newNotification(alert, 'OPENED', alert.openedAt));
      });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async acknowledge(id: string, by: string, at: string): Promise<AlertRecord | undefined> {
    await this.db
      .updateTable('alert')
      .set({ status: 'ACKNOWLEDGED', acknowledged_at: at, acknowledged_by: by })
      .where('id', '=', id)
      .where('status', '=', 'OPEN')
      .execute();
    return this.alert(id);
  }

  resolve(ruleId: string, at: string, options?: TransitionOptions): Promise<AlertRecord | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('alert')
        .set({ status: 'RESOLVED', resolved_at: at })
        .where('rule_id', '=', ruleId)
        .where('status', '<>', 'RESOLVED')
        .returningAll()
        .executeTakeFirst();
      const resolved = row && toAlert(row);
      if (resolved && options?.notify) await queue(trx, newNotification(resolved, 'RESOLVED', at));
      return resolved;
    });
  }

  async claimNotifications(now: string, leaseMs: number, limit: number): Promise<AlertNotificationRecord[]> {
    // SKIP LOCKED: two replicas flushing at once claim different notifications.
    const { rows } = await sql<NotificationRow>`
      UPDATE alert_notification n SET next_attempt_at = ${now}::timestamptz + ${leaseMs} * interval '1 millisecond'
      FROM (
        SELECT id, next_attempt_at FROM alert_notification
        WHERE status = 'PENDING' AND next_attempt_at <= ${now}
        ORDER BY next_attempt_at, created_at LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      ) due
      WHERE n.id = due.id
      RETURNING n.id, n.alert_id, n.rule_id, n.organization_id, n.transition, n.status, n.attempts,
        due.next_attempt_at, n.created_at`.execute(this.db);
    return rows
      .map(toNotification)
      .sort((a, b) => a.nextAttemptAt.localeCompare(b.nextAttemptAt) || a.createdAt.localeCompare(b.createdAt));
  }

  async finishNotification(id: string, outcome: NotificationOutcome): Promise<void> {
    if (outcome.sent) {
      await this.db
        .updateTable('alert_notification')
        .set((eb) => ({ status: 'SENT', attempts: eb('attempts', '+', 1) }))
        .where('id', '=', id)
        .where('status', '=', 'PENDING')
        .execute();
      return;
    }
    if (outcome.nextAttemptAt !== null) {
      await this.db
        .updateTable('alert_notification')
        .set({ attempts: outcome.attempts, next_attempt_at: outcome.nextAttemptAt })
        .where('id', '=', id)
        .where('status', '=', 'PENDING')
        .execute();
      return;
    }
    await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('alert_notification')
        .set({ status: 'FAILED', attempts: outcome.attempts })
        .where('id', '=', id)
        .where('status', '=', 'PENDING')
        .returning('alert_id')
        .executeTakeFirst();
      if (row) {
        await trx
          .updateTable('alert')
          .set({ notification_error: outcome.error })
          .where('id', '=', row.alert_id)
          .execute();
      }
    });
  }

  async notifications(alertId: string): Promise<AlertNotificationRecord[]> {
    const rows = await this.db
      .selectFrom('alert_notification')
      .selectAll()
      .where('alert_id', '=', alertId)
      .orderBy('created_at')
      .orderBy('transition')
      .execute();
    return rows.map(toNotification);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

async function queue(trx: Kysely<EhrTables>, notice: AlertNotificationRecord): Promise<void> {
  await trx
    .insertInto('alert_notification')
    .values({
      id: notice.id,
      alert_id: notice.alertId,
      rule_id: notice.ruleId,
      organization_id: notice.organizationId,
      transition: notice.transition,
      status: notice.status,
      attempts: notice.attempts,
      next_attempt_at: notice.nextAttemptAt,
      created_at: notice.createdAt,
    })
    .execute();
}

function toNotification(row: NotificationRow): AlertNotificationRecord {
  return {
    id: row.id,
    alertId: row.alert_id,
    ruleId: row.rule_id,
    organizationId: row.organization_id,
    transition: row.transition as AlertTransition,
    status: row.status as AlertNotificationRecord['status'],
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    createdAt: row.created_at,
  };
}

function toRule(row: RuleRow): AlertRuleRecord {
  return {
    id: row.id,
    organizationId: row.organization_id,
    kind: row.kind as AlertRuleKind,
    ehrSystemId: row.ehr_system_id,
    windowMinutes: row.window_minutes,
    threshold: row.threshold,
    timeZone: row.time_zone,
    workdayStartHour: row.workday_start_hour,
    workdayEndHour: row.workday_end_hour,
    webhookUrl: row.webhook_url,
    webhookSecret: row.webhook_secret,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function fromRule(rule: AlertRuleRecord): RuleRow {
  return {
    id: rule.id,
    organization_id: rule.organizationId,
    kind: rule.kind,
    ehr_system_id: rule.ehrSystemId,
    window_minutes: rule.windowMinutes,
    threshold: rule.threshold,
    time_zone: rule.timeZone,
    workday_start_hour: rule.workdayStartHour,
    workday_end_hour: rule.workdayEndHour,
    webhook_url: rule.webhookUrl,
    webhook_secret: rule.webhookSecret,
    created_at: rule.createdAt,
    updated_at: rule.updatedAt,
  };
}

function toAlert(row: AlertRow): AlertRecord {
  return {
    id: row.id,
    organizationId: row.organization_id,
    ruleId: row.rule_id,
    kind: row.kind as AlertRuleKind,
    ehrSystemId: row.ehr_system_id,
    status: row.status as AlertStatus,
    value: row.value,
    openedAt: row.opened_at,
    acknowledgedAt: row.acknowledged_at,
    acknowledgedBy: row.acknowledged_by,
    resolvedAt: row.resolved_at,
    notificationError: row.notification_error,
  };
}

function fromAlert(alert: AlertRecord): AlertRow {
  return {
    id: alert.id,
    organization_id: alert.organizationId,
    rule_id: alert.ruleId,
    kind: alert.kind,
    ehr_system_id: alert.ehrSystemId,
    status: alert.status,
    value: alert.value,
    opened_at: alert.openedAt,
    acknowledged_at: alert.acknowledgedAt,
    acknowledged_by: alert.acknowledgedBy,
    resolved_at: alert.resolvedAt,
    notification_error: alert.notificationError,
  };
}
