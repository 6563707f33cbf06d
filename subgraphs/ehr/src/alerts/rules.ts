import type { Problems } from '@carebridge/common';
import type { AlertRuleInput } from '../__generated__/schema-types';
import type { DeliveryActivity } from '../delivery/transactions';
import type { AlertRuleRecord } from './records';

/** The longest window a rule may look at: a week, in minutes. */
export const MAX_WINDOW_MINUTES = 7 * 24 * 60;
const MINUTE_MS = 60_000;

/** A rule's definition: what `AlertRuleInput` gives, with its defaults filled in. */
export type AlertRuleFields = Pick<
  AlertRuleRecord,
  | 'kind'
  | 'ehrSystemId'
  | 'windowMinutes'
  | 'threshold'
  | 'timeZone'
  | 'workdayStartHour'
  | 'workdayEndHour'
  | 'webhookUrl'
>;

/** Whether `timeZone` is an IANA time zone this runtime knows (Intl's own check). */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

const isWhole = (n: number, min: number, max: number): boolean => Number.isInteger(n) && n >= min && n <= max;

/**
 * Every problem of a rule's input, under its field name; the fields with defaults when there is
 * none. (Whether `ehrSystemId` is one the organization may use, and `webhookUrl` one the
 * destination policy accepts, are the resolver's checks.)
 */
export function alertRuleFields(input: AlertRuleInput, problems: Problems): AlertRuleFields {
  if (!isWhole(input.windowMinutes, 1, MAX_WINDOW_MINUTES)) {
    problems.add('windowMinutes', `must be a whole number of minutes from 1 to ${MAX_WINDOW_MINUTES}`);
  }
  let threshold = 0;
  if (input.kind === 'DEAD_TRANSACTIONS' || input.kind === 'ERROR_RATE') {
    const given = input.threshold;
    if (given === null || given === undefined) problems.add('threshold', 'is required for this kind of rule');
    else if (input.kind === 'DEAD_TRANSACTIONS' && !isWhole(given, 1, 1_000_000)) {
      problems.add('threshold', 'must be a whole number from 1');
    } else if (input.kind === 'ERROR_RATE' && !(Number.isFinite(given) && given >= 0 && given < 100)) {
      problems.add('threshold', 'must be a percentage from 0 to less than 100');
    } else threshold = given;
  }
  const timeZone = input.timeZone ?? 'UTC';
  if (!isTimeZone(timeZone)) problems.add('timeZone', 'is not a known IANA time zone');
  const workdayStartHour = input.workdayStartHour ?? 8;
  const workdayEndHour = input.workdayEndHour ?? 18;
  if (!isWhole(workdayStartHour, 0, 23)) problems.add('workdayStartHour', 'must be an hour from 0 to 23');
  if (!isWhole(workdayEndHour, 1, 24) || workdayEndHour <= workdayStartHour) {
    problems.add('workdayEndHour', 'must be an hour up to 24, after the start');
  }
  return {
    kind: input.kind,
    ehrSystemId: input.ehrSystemId ?? null,
    windowMinutes: input.windowMinutes,
    threshold,
    timeZone,
    workdayStartHour,
    workdayEndHour,
    webhookUrl: input.webhookUrl?.trim() ? input.webhookUrl.trim() : null,
  };
}

const WEEKDAYS = new Set(['Mon', 'Tue', 'Wed', 'Thu', 'Fri']);

/** Whether `at` is in the rule's working hours: Monday to Friday, start to end hour, in its time zone. */
export function inWorkingHours(
  rule: Pick<AlertRuleRecord, 'timeZone' | 'workdayStartHour' | 'workdayEndHour'>,
  at: Date,
): boolean {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: rule.timeZone,
    weekday: 'short',
    hour: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(at);
  const weekday = parts.find((p) => p.type === 'weekday')?.value ?? '';
  const hour = Number(parts.find((p) => p.type === 'hour')?.value);
  return WEEKDAYS.has(weekday) && hour >= rule.workdayStartHour && hour < rule.workdayEndHour;
}

/** Whether a rule's condition holds, and the figure it is judged by (see `Alert.value`). */
export interface Verdict {
  firing: boolean;
  value: number;
}

/** Where a rule's window starts at `now`, as an ISO time. */
export function windowStart(rule: Pick<AlertRuleRecord, 'windowMinutes'>, now: Date): string {
  return new Date(now.getTime() - rule.windowMinutes * MINUTE_MS).toISOString();
}

/** A rule's verdict at `now` over the figures of its window (`TransactionStore.activity`). Pure. */
export function judge(rule: AlertRuleRecord, activity: DeliveryActivity, now: Date): Verdict {
  switch (rule.kind) {
    case 'DEAD_TRANSACTIONS':
      return { firing: activity.dead >= rule.threshold, value: activity.dead };
    case 'ERROR_RATE': {
      const rate = activity.attempted === 0 ? 0 : (100 * activity.failed) / activity.attempted;
      return { firing: activity.attempted > 0 && rate > rule.threshold, value: Math.round(rate * 10) / 10 };
    }
    case 'NO_DELIVERY':
      return { firing: activity.delivered === 0 && inWorkingHours(rule, now), value: rule.windowMinutes };
    case 'OLDEST_PENDING': {
      const age =
        activity.oldestOpenCreatedAt === null
          ? 0
          : Math.floor((now.getTime() - Date.parse(activity.oldestOpenCreatedAt)) / MINUTE_MS);
      return { firing: activity.oldestOpenCreatedAt !== null && age > rule.windowMinutes, value: age };
    }
  }
}
