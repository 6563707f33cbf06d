import type { AlertRuleKind, AlertStatus } from '../__generated__/schema-types';

/** An organization's alert rule, as stored. Holds no PHI: ids, numbers and a time zone. */
export interface AlertRuleRecord {
  id: string;
  organizationId: string;
  kind: AlertRuleKind;
  /** Only this EHR system's transactions; null for all of the organization's. */
  ehrSystemId: string | null;
  windowMinutes: number;
  /** A count (DEAD_TRANSACTIONS), a percentage (ERROR_RATE), 0 otherwise. */
  threshold: number;
  /** IANA time zone of the working hours (NO_DELIVERY). */
  timeZone: string;
  workdayStartHour: number;
  workdayEndHour: number;
  /** Where notifications of its alerts are POSTed; null for none. */
  webhookUrl: string | null;
  /** What they are signed with (HMAC-SHA256), shown once at creation, never through the graph again. */
  webhookSecret: string;
  createdAt: string;
  updatedAt: string;
}

/** One period during which a rule's condition held. Counts and times only. */
export interface AlertRecord {
  id: string;
  organizationId: string;
  ruleId: string;
  kind: AlertRuleKind;
  ehrSystemId: string | null;
  status: AlertStatus;
  /** The figure that made the condition true when it opened. */
  value: number;
  openedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  resolvedAt: string | null;
  /** Why a notification of it was given up, if one was (a fixed sentence). */
  notificationError: string | null;
}

/** Which transition of an alert a notification tells of. */
export type AlertTransition = 'OPENED' | 'RESOLVED';

/**
 * One webhook notification to send: made together with its alert's transition (so once per
 * transition), retried until the receiver answers 2xx, given up after the last attempt.
 */
export interface AlertNotificationRecord {
  id: string;
  alertId: string;
  ruleId: string;
  organizationId: string;
  transition: AlertTransition;
  status: 'PENDING' | 'SENT' | 'FAILED';
  attempts: number;
  /** When it may be sent (or, claimed, when the claim ends). */
  nextAttemptAt: string;
  createdAt: string;
}

/** Whether an alert is still current: OPEN or ACKNOWLEDGED (at most one per rule). */
export function isCurrent(alert: Pick<AlertRecord, 'status'>): boolean {
  return alert.status !== 'RESOLVED';
}
