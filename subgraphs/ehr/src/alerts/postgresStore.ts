import { isUniqueViolation } from '@carebridge/db';
import type { Selectable } from 'kysely';
import type { AlertRuleKind, AlertStatus } from '../__generated__/schema-types';
import type { EhrDatabase, EhrTables } from '../data/database';
import type { AlertRecord, AlertRuleRecord } from './records';
import type { AlertStore } from './store';

type RuleRow = Selectable<EhrTables['alert_rule']>;
type AlertRow = Selectable<EhrTables['alert']>;

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

  async open(alert: AlertRecord): Promise<boolean> {
    try {
      await this.db
        .insertInto('alert')
        .values(fromAlert({ ...alert, status: 'OPEN' }))
        .execute();
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

  async resolve(ruleId: string, at: string): Promise<AlertRecord | undefined> {
    const row = await this.db
      .updateTable('alert')
      .set({ status: 'RESOLVED', resolved_at: at })
      .where('rule_id', '=', ruleId)
      .where('status', '<>', 'RESOLVED')
      .returningAll()
      .executeTakeFirst();
    return row && toAlert(row);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
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
  };
}
