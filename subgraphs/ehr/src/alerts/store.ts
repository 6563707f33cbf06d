import type { AlertStatus } from '../__generated__/schema-types';
import { isCurrent, type AlertRecord, type AlertRuleRecord } from './records';

/**
 * Each organization's alert rules and the alerts they raise. A rule has at most one current alert
 * (OPEN or ACKNOWLEDGED) at a time: `open` refuses a second, on PostgreSQL across replicas too, so
 * a condition that stays true raises one alert however often it is evaluated.
 */
export interface AlertStore {
  /** An organization's rules, oldest first. */
  rules(organizationId: string): Promise<AlertRuleRecord[]>;
  /** Every organization's rules (what the evaluator checks). */
  allRules(): Promise<AlertRuleRecord[]>;
  rule(id: string): Promise<AlertRuleRecord | undefined>;
  /** Adds a rule, or replaces the one with its id. */
  saveRule(rule: AlertRuleRecord): Promise<void>;
  /** Deletes a rule and resolves its current alert at `at`; false when there was no such rule. */
  deleteRule(id: string, at: string): Promise<boolean>;
  /** An organization's alerts, newest first (by `openedAt`, then id), optionally in one status. */
  alerts(organizationId: string, status: AlertStatus | null): Promise<AlertRecord[]>;
  alert(id: string): Promise<AlertRecord | undefined>;
  /** The rule's OPEN or ACKNOWLEDGED alert, if any. */
  currentAlert(ruleId: string): Promise<AlertRecord | undefined>;
  /** Adds an OPEN alert; false (nothing added) when its rule already has a current one. */
  open(alert: AlertRecord): Promise<boolean>;
  /**
   * Marks an OPEN alert ACKNOWLEDGED by `by` at `at`; answers the alert as it is afterwards (an
   * ACKNOWLEDGED or RESOLVED one unchanged), undefined for an unknown id.
   */
  acknowledge(id: string, by: string, at: string): Promise<AlertRecord | undefined>;
  /** Resolves the rule's current alert at `at`; answers it resolved, or undefined when there was none. */
  resolve(ruleId: string, at: string): Promise<AlertRecord | undefined>;
  close(): Promise<void>;
}

/** Newest first: `openedAt` descending, then id descending (the alerts' page order and cursor). */
export const newestAlertFirst = (a: AlertRecord, b: AlertRecord): number =>
  b.openedAt.localeCompare(a.openedAt) || b.id.localeCompare(a.id);

const oldestRuleFirst = (a: AlertRuleRecord, b: AlertRuleRecord): number =>
  a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

/** The embedded store (the default, and the in-process stack's). */
export class InMemoryAlertStore implements AlertStore {
  private readonly ruleById = new Map<string, AlertRuleRecord>();
  private readonly alertById = new Map<string, AlertRecord>();
  /** Each rule's current alert id. */
  private readonly current = new Map<string, string>();

  rules(organizationId: string): Promise<AlertRuleRecord[]> {
    return Promise.resolve(
      [...this.ruleById.values()].filter((r) => r.organizationId === organizationId).sort(oldestRuleFirst),
    );
  }

  allRules(): Promise<AlertRuleRecord[]> {
    return Promise.resolve([...this.ruleById.values()].sort(oldestRuleFirst));
  }

  rule(id: string): Promise<AlertRuleRecord | undefined> {
    return Promise.resolve(this.ruleById.get(id));
  }

  saveRule(rule: AlertRuleRecord): Promise<void> {
    this.ruleById.set(rule.id, { ...rule });
    return Promise.resolve();
  }

  async deleteRule(id: string, at: string): Promise<boolean> {
    if (!this.ruleById.delete(id)) return false;
    await this.resolve(id, at);
    return true;
  }

  alerts(organizationId: string, status: AlertStatus | null): Promise<AlertRecord[]> {
    return Promise.resolve(
      [...this.alertById.values()]
        .filter((a) => a.organizationId === organizationId && (status === null || a.status === status))
        .sort(newestAlertFirst),
    );
  }

  alert(id: string): Promise<AlertRecord | undefined> {
    return Promise.resolve(this.alertById.get(id));
  }

  currentAlert(ruleId: string): Promise<AlertRecord | undefined> {
    const id = this.current.get(ruleId);
    return Promise.resolve(id === undefined ? undefined : this.alertById.get(id));
  }

  open(alert: AlertRecord): Promise<boolean> {
    if (this.current.has(alert.ruleId) || this.alertById.has(alert.id)) return Promise.resolve(false);
    this.alertById.set(alert.id, { ...alert, status: 'OPEN' });
    this.current.set(alert.ruleId, alert.id);
    return Promise.resolve(true);
  }

  acknowledge(id: string, by: string, at: string): Promise<AlertRecord | undefined> {
    const alert = this.alertById.get(id);
    if (alert?.status === 'OPEN') {
      this.alertById.set(id, { ...alert, status: 'ACKNOWLEDGED', acknowledgedAt: at, acknowledgedBy: by });
    }
    return Promise.resolve(this.alertById.get(id));
  }

  resolve(ruleId: string, at: string): Promise<AlertRecord | undefined> {
    const id = this.current.get(ruleId);
    const alert = id === undefined ? undefined : this.alertById.get(id);
    if (!alert || !isCurrent(alert)) return Promise.resolve(undefined);
    const resolved: AlertRecord = { ...alert, status: 'RESOLVED', resolvedAt: at };
    this.alertById.set(alert.id, resolved);
    this.current.delete(ruleId);
    return Promise.resolve(resolved);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
