import { Problems } from '@carebridge/common';
import { describe, expect, it } from 'vitest';
import type { AlertRuleInput } from '../src/__generated__/schema-types';
import type { AlertRuleRecord } from '../src/alerts/records';
import { alertRuleFields, inWorkingHours, judge, windowStart } from '../src/alerts/rules';
import { NO_ACTIVITY, type DeliveryActivity } from '../src/delivery/transactions';

const rule = (overrides: Partial<AlertRuleRecord>): AlertRuleRecord => ({
  id: 'r',
  organizationId: 'org-lakeside',
  kind: 'DEAD_TRANSACTIONS',
  ehrSystemId: null,
  windowMinutes: 30,
  threshold: 2,
  timeZone: 'UTC',
  workdayStartHour: 8,
  workdayEndHour: 18,
  webhookUrl: null,
  webhookSecret: 'secret',
  createdAt: '2026-03-01T00:00:00.000Z',
  updatedAt: '2026-03-01T00:00:00.000Z',
  ...overrides,
});
const activity = (overrides: Partial<DeliveryActivity>): DeliveryActivity => ({ ...NO_ACTIVITY(), ...overrides });
// A Wednesday.
const WEDNESDAY_NOON_UTC = new Date('2026-03-04T12:00:00.000Z');

describe('each kind of rule', () => {
  it('DEAD_TRANSACTIONS fires at the threshold, not below', () => {
    const r = rule({ kind: 'DEAD_TRANSACTIONS', threshold: 2 });
    expect(judge(r, activity({ dead: 1 }), WEDNESDAY_NOON_UTC)).toEqual({ firing: false, value: 1 });
    expect(judge(r, activity({ dead: 2 }), WEDNESDAY_NOON_UTC)).toEqual({ firing: true, value: 2 });
  });

  it('ERROR_RATE fires above the percentage of attempted transactions, never with none attempted', () => {
    const r = rule({ kind: 'ERROR_RATE', threshold: 50 });
    expect(judge(r, activity({ attempted: 4, failed: 2 }), WEDNESDAY_NOON_UTC)).toEqual({ firing: false, value: 50 });
    expect(judge(r, activity({ attempted: 3, failed: 2 }), WEDNESDAY_NOON_UTC)).toEqual({ firing: true, value: 66.7 });
    expect(judge(rule({ kind: 'ERROR_RATE', threshold: 0 }), activity({}), WEDNESDAY_NOON_UTC).firing).toBe(false);
  });

  it('NO_DELIVERY fires with nothing delivered in the window, during working hours only', () => {
    const r = rule({ kind: 'NO_DELIVERY', threshold: 0 });
    expect(judge(r, activity({}), WEDNESDAY_NOON_UTC)).toEqual({ firing: true, value: 30 });
    expect(judge(r, activity({ delivered: 1 }), WEDNESDAY_NOON_UTC).firing).toBe(false);
    expect(judge(r, activity({}), new Date('2026-03-04T19:00:00.000Z')).firing).toBe(false);
    expect(judge(r, activity({}), new Date('2026-03-07T12:00:00.000Z')).firing).toBe(false); // Saturday
  });

  it('OLDEST_PENDING fires when the oldest open transaction is older than the window', () => {
    const r = rule({ kind: 'OLDEST_PENDING', threshold: 0 });
    const at = (iso: string) => activity({ oldestOpenCreatedAt: iso });
    expect(judge(r, at('2026-03-04T11:31:00.000Z'), WEDNESDAY_NOON_UTC)).toEqual({ firing: false, value: 29 });
    expect(judge(r, at('2026-03-04T11:00:00.000Z'), WEDNESDAY_NOON_UTC)).toEqual({ firing: true, value: 60 });
    expect(judge(r, activity({}), WEDNESDAY_NOON_UTC)).toEqual({ firing: false, value: 0 });
  });

  it('looks back over the rule’s window', () => {
    expect(windowStart(rule({ windowMinutes: 15 }), WEDNESDAY_NOON_UTC)).toBe('2026-03-04T11:45:00.000Z');
  });
});

describe('working hours', () => {
  it('are in the rule’s time zone, Monday to Friday', () => {
    const newYork = { timeZone: 'America/New_York', workdayStartHour: 8, workdayEndHour: 18 };
    // 12:00 UTC is 07:00 in New York (EST): before the day starts; 13:00 UTC is 08:00.
    expect(inWorkingHours(newYork, WEDNESDAY_NOON_UTC)).toBe(false);
    expect(inWorkingHours(newYork, new Date('2026-03-04T13:00:00.000Z'))).toBe(true);
    // Friday 23:30 UTC is Saturday 08:30 in Tokyo.
    const tokyo = { ...newYork, timeZone: 'Asia/Tokyo' };
    expect(inWorkingHours(tokyo, new Date('2026-03-06T23:30:00.000Z'))).toBe(false);
    expect(inWorkingHours(tokyo, new Date('2026-03-05T23:30:00.000Z'))).toBe(true);
  });
});

describe('rule validation', () => {
  const problemsOf = (input: AlertRuleInput) => {
    const problems = new Problems();
    const fields = alertRuleFields(input, problems);
    return { fields, problems: problems.list };
  };

  it('fills in the defaults: UTC, 08:00 to 18:00, threshold 0 for the kinds without one', () => {
    expect(problemsOf({ kind: 'NO_DELIVERY', windowMinutes: 60, threshold: 7 })).toEqual({
      fields: {
        kind: 'NO_DELIVERY',
        ehrSystemId: null,
        windowMinutes: 60,
        threshold: 0,
        timeZone: 'UTC',
        workdayStartHour: 8,
        workdayEndHour: 18,
        webhookUrl: null,
      },
      problems: [],
    });
  });

  it('names every problem at its field', () => {
    expect(
      problemsOf({
        kind: 'ERROR_RATE',
        windowMinutes: 0,
        threshold: 100,
        timeZone: 'Mars/Olympus_Mons',
        workdayStartHour: 18,
        workdayEndHour: 9,
      }).problems.map((p) => p.field),
    ).toEqual(['windowMinutes', 'threshold', 'timeZone', 'workdayEndHour']);
    expect(problemsOf({ kind: 'DEAD_TRANSACTIONS', windowMinutes: 20_000 }).problems).toEqual([
      { field: 'windowMinutes', message: 'must be a whole number of minutes from 1 to 10080' },
      { field: 'threshold', message: 'is required for this kind of rule' },
    ]);
    expect(problemsOf({ kind: 'DEAD_TRANSACTIONS', windowMinutes: 5, threshold: 1.5 }).problems).toEqual([
      { field: 'threshold', message: 'must be a whole number from 1' },
    ]);
    expect(problemsOf({ kind: 'OLDEST_PENDING', windowMinutes: 5, workdayStartHour: -1 }).problems).toEqual([
      { field: 'workdayStartHour', message: 'must be an hour from 0 to 23' },
    ]);
  });
});
