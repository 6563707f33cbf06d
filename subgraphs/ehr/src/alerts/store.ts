import { randomUUID } from 'node:crypto';
import type { AlertStatus } from '../__generated__/schema-types';
import {
  isCurrent,
  type AlertNotificationRecord,
  type AlertRecord,
  type AlertRuleRecord,
  type AlertTransition,
} from './records';

/** A notification attempt's outcome: sent (2xx), or failed and retried at `nextAttemptAt` or, null, given up. */
export type NotificationOutcome =
  { sent: true } | { sent: false; attempts: number; nextAttemptAt: string | null; error: string };

/** Whether a transition also queues its webhook notification (its rule has a webhook). */
export interface TransitionOptions {
  notify: boolean;
}

/** The notification a transition queues, due at once. */
export function newNotification(alert: AlertRecord, transition: AlertTransition, at: string): AlertNotificationRecord {
  return {
    id: randomUUID(),
    alertId: alert.id,
    ruleId: alert.ruleId,
    organizationId: alert.organizationId,
    transition,
    status: 'PENDING',
    attempts: 0,
    nextAttemptAt: at,
    createdAt: at,
  };
}

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
  /**
   * Adds an OPEN alert, with its OPENED notification when `notify`, in one step; false (nothing
   * added) when its rule already has a current one.
   */
  open(alert: AlertRecord, options?: TransitionOptions): Promise<boolean>;
  /**
   * Marks an OPEN alert ACKNOWLEDGED by `by` at `at`; answers the alert as it is afterwards (an
   * ACKNOWLEDGED or RESOLVED one unchanged), undefined for an unknown id.
   */
  acknowledge(id: string, by: string, at: string): Promise<AlertRecord | undefined>;
  /**
   * Resolves the rule's current alert at `at`, with its RESOLVED notification when `notify`, in
   * one step; answers it resolved, or undefined when there was none.
   */
  resolve(ruleId: string, at: string, options?: TransitionOptions): Promise<AlertRecord | undefined>;
  /**
   * Claims PENDING notifications due at `now`, oldest first: each is due again only at
   * `now + leaseMs`, so another replica does not send it meanwhile.
   */
  claimNotifications(now: string, leaseMs: number, limit: number): Promise<AlertNotificationRecord[]>;
  /** Ends a claimed notification's attempt; given up, its alert's `notificationError` is `error`. */
  finishNotification(id: string, outcome: NotificationOutcome): Promise<void>;
  /** Every notification of an alert, oldest first (monitors and tests). */
  notifications(alertId: string): Promise<AlertNotificationRecord[]>;
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
  private readonly notices = new Map<string, AlertNotificationRecord>();

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

  open(alert: AlertRecord, options?: TransitionOptions): Promise<boolean> {
    if (this.current.has(alert.ruleId) || this.alertById.has(alert.id)) return Promise.resolve(false);
    this.alertById.set(alert.id, { ...alert, status: 'OPEN' });
    this.current.set(alert.ruleId, alert.id);
    if (options?.notify) this.queue(newNotification(alert, 'OPENED', alert.openedAt));
    return Promise.resolve(true);
  }

  acknowledge(id: string, by: string, at: string): Promise<AlertRecord | undefined> {
    const alert = this.alertById.get(id);
    if (alert?.status === 'OPEN') {
      this.alertById.set(id, { ...alert, status: 'ACKNOWLEDGED', acknowledgedAt: at, acknowledgedBy: by });
    }
    return Promise.resolve(this.alertById.get(id));
  }

  resolve(ruleId: string, at: string, options?: TransitionOptions): Promise<AlertRecord | undefined> {
    const id = this.current.get(ruleId);
    const alert = id === undefined ? undefined : this.alertById.get(id);
    if (!alert || !isCurrent(alert)) return Promise.resolve(undefined);
    const resolved: AlertRecord = { ...alert, status: 'RESOLVED', resolvedAt: at };
    this.alertById.set(alert.id, resolved);
    this.current.delete(ruleId);
    if (options?.notify) this.queue(newNotification(resolved, 'RESOLVED', at));
    return Promise.resolve(resolved);
  }

  claimNotifications(now: string, leaseMs: number, limit: number): Promise<AlertNotificationRecord[]> {
    const due = [...this.notices.values()]
      .filter((n) => n.status === 'PENDING' && n.nextAttemptAt <= now)
      .sort((a, b) => a.nextAttemptAt.localeCompare(b.nextAttemptAt) || a.createdAt.localeCompare(b.createdAt))
      .slice(0, limit);
    const until = new Date(Date.parse(now) + leaseMs).toISOString();
    for (const n of due) this.notices.set(n.id, { ...n, nextAttemptAt: until });
    return Promise.resolve(due.map((n) => ({ ...n })));
  }

  finishNotification(id: string, outcome: NotificationOutcome): Promise<void> {
    const notice = this.notices.get(id);
    if (!notice || notice.status !== 'PENDING') return Promise.resolve();
    if (outcome.sent) this.notices.set(id, { ...notice, status: 'SENT', attempts: notice.attempts + 1 });
    else if (outcome.nextAttemptAt !== null) {
      this.notices.set(id, { ...notice, attempts: outcome.attempts, nextAttemptAt: outcome.nextAttemptAt });
    } else {
      this.notices.set(id, { ...notice, status: 'FAILED', attempts: outcome.attempts });
      const alert = this.alertById.get(notice.alertId);
      if (alert) this.alertById.set(alert.id, { ...alert, notificationError: outcome.error });
    }
    return Promise.resolve();
  }

  notifications(alertId: string): Promise<AlertNotificationRecord[]> {
    return Promise.resolve(
      [...this.notices.values()]
        .filter((n) => n.alertId === alertId)
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.transition.localeCompare(b.transition)),
    );
  }

  private queue(notice: AlertNotificationRecord): void {
    this.notices.set(notice.id, notice);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
