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
}

/** Whether an alert is still current: OPEN or ACKNOWLEDGED (at most one per rule). */
export function isCurrent(alert: Pick<AlertRecord, 'status'>): boolean {
  return alert.status !== 'RESOLVED';
}
