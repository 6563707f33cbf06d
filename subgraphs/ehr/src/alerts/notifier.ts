import { createHmac } from 'node:crypto';
import { silentLogger, type Logger } from '@carebridge/common';
import type { DestinationGuard } from '../delivery/destinations';
import { pinnedFetch as defaultPinnedFetch, type PinnedFetch } from '../delivery/pinnedFetch';
import type { AlertNotificationRecord, AlertRecord, AlertRuleRecord } from './records';
import type { AlertStore } from './store';

/** What a notification failure records: fixed sentences, with the receiver's status at most. */
export const NOTIFICATION_ERRORS = {
  noWebhook: 'The rule has no webhook any more.',
  addressNotAllowed: "The webhook's address is not allowed.",
  unreachable: 'The webhook could not be reached.',
  status: (status: number) => `The webhook answered HTTP ${status}.`,
} as const;

export const SIGNATURE_HEADER = 'x-carebridge-signature';
export const TIMESTAMP_HEADER = 'x-carebridge-timestamp';

export interface NotifierPolicy {
  /** Attempts of one notification before it is given up. */
  maxAttempts: number;
  /** The first retry's delay; each next one doubles, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  timeoutMs: number;
}

export const DEFAULT_NOTIFIER_POLICY: NotifierPolicy = {
  maxAttempts: 6,
  baseDelayMs: 30_000,
  maxDelayMs: 15 * 60_000,
  timeoutMs: 10_000,
};

/** One alert as a notification tells of it: ids, kind, figure and times, no patient data. */
export interface NotifiedAlert {
  alertId: string;
  ruleId: string;
  kind: AlertRecord['kind'];
  ehrSystemId: string | null;
  status: 'OPENED' | 'RESOLVED';
  value: number;
  openedAt: string;
  resolvedAt: string | null;
}

/** The JSON body POSTed to a webhook: every transition due for it at once (a digest). */
export interface NotificationBody {
  organizationId: string;
  sentAt: string;
  alerts: NotifiedAlert[];
}

/** HMAC-SHA256 (hex) of `timestamp.body` with `secret`: what the receiver computes to verify. */
export function sign(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/**
 * Sends the queued webhook notifications (`AlertStore.claimNotifications`): the due ones of one
 * organization and webhook URL go in one request (so rules opening in one evaluation make one
 * digest), signed with each of their rules' secrets; the URL is checked by the destination policy
 * and DNS (`DestinationGuard`) and sent over `pinnedFetch`, no redirect followed. A 2xx ends them;
 * anything else retries with exponential backoff, and after `maxAttempts` each is given up with
 * the reason on its alert (`notificationError`).
 */
export class AlertNotifier {
  private readonly logger: Logger;
  private readonly policy: NotifierPolicy;
  private readonly pinnedFetch: PinnedFetch;

  constructor(
    private readonly options: {
      alerts: AlertStore;
      destinations: DestinationGuard;
      logger?: Logger;
      policy?: Partial<NotifierPolicy>;
      pinnedFetch?: PinnedFetch;
    },
  ) {
    this.logger = options.logger ?? silentLogger;
    this.policy = { ...DEFAULT_NOTIFIER_POLICY, ...options.policy };
    this.pinnedFetch = options.pinnedFetch ?? defaultPinnedFetch;
  }

  /** Sends what is due at `now`; answers how many requests were made. */
  async flush(now: Date = new Date()): Promise<number> {
    const { alerts } = this.options;
    const at = now.toISOString();
    const lease = this.policy.timeoutMs * 3;
    const due = await alerts.claimNotifications(at, lease, 100);
    const groups = new Map<
      string,
      { url: string | null; items: { notice: AlertNotificationRecord; rule?: AlertRuleRecord; alert?: AlertRecord }[] }
    >();
    for (const notice of due) {
      const [rule, alert] = await Promise.all([alerts.rule(notice.ruleId), alerts.alert(notice.alertId)]);
      const url = rule?.webhookUrl ?? null;
      const key = url === null ? `none\u0000${notice.id}` : `${notice.organizationId}\u0000${url}`;
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { url, items: [] }));
      group.items.push({ notice, rule, alert });
    }
    let requests = 0;
    for (const { url, items } of groups.values()) {
      const sendable = items.filter((i): i is Required<typeof i> => i.rule !== undefined && i.alert !== undefined);
      if (url === null || sendable.length === 0) {
        for (const { notice } of items) await this.giveUp(notice, NOTIFICATION_ERRORS.noWebhook);
        continue;
      }
      requests += 1;
      const error = await this.send(url, sendable, now);
      for (const { notice } of items) {
        if (error === null) await alerts.finishNotification(notice.id, { sent: true });
        else await this.failed(notice, error, now);
      }
    }
    return requests;
  }

  /** One POST; null when the receiver answered 2xx, else the failure's fixed sentence. */
  private async send(
    url: string,
    items: { notice: AlertNotificationRecord; rule: AlertRuleRecord; alert: AlertRecord }[],
    now: Date,
  ): Promise<string | null> {
    const sentAt = now.toISOString();
    const body = JSON.stringify({
      organizationId: items[0]!.notice.organizationId,
      sentAt,
      alerts: items.map(({ notice, alert }) => ({
        alertId: alert.id,
        ruleId: alert.ruleId,
        kind: alert.kind,
        ehrSystemId: alert.ehrSystemId,
        status: notice.transition,
        value: alert.value,
        openedAt: alert.openedAt,
        resolvedAt: notice.transition === 'RESOLVED' ? alert.resolvedAt : null,
      })),
    } satisfies NotificationBody);
    const signatures = new Map(items.map(({ rule }) => [rule.id, sign(rule.webhookSecret, sentAt, body)]));
    const fields = { organizationId: items[0]!.notice.organizationId, alerts: items.length };
    const destination = await this.options.destinations.check(url, url);
    if (!destination.ok) {
      this.logger.warn('alert.webhook.refused', { ...fields, reason: destination.reason });
      return destination.reason === 'UNRESOLVED'
        ? NOTIFICATION_ERRORS.unreachable
        : NOTIFICATION_ERRORS.addressNotAllowed;
    }
    try {
      const response = await this.pinnedFetch(
        destination.url,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            [TIMESTAMP_HEADER]: sentAt,
            [SIGNATURE_HEADER]: [...signatures].map(([ruleId, hex]) => `${ruleId}=${hex}`).join(', '),
          },
          body,
          signal: AbortSignal.timeout(this.policy.timeoutMs),
        },
        destination.addresses,
      );
      await response.body?.cancel();
      if (response.status >= 200 && response.status < 300) {
        this.logger.info('alert.webhook.sent', { ...fields, status: response.status });
        return null;
      }
      this.logger.warn('alert.webhook.failed', { ...fields, status: response.status });
      return NOTIFICATION_ERRORS.status(response.status);
    } catch (error) {
      this.logger.warn('alert.webhook.failed', { ...fields, error: error instanceof Error ? error.name : 'unknown' });
      return NOTIFICATION_ERRORS.unreachable;
    }
  }

  private async failed(notice: AlertNotificationRecord, error: string, now: Date): Promise<void> {
    const attempts = notice.attempts + 1;
    if (attempts >= this.policy.maxAttempts) return this.giveUp(notice, error);
    const delay = Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** (attempts - 1));
    await this.options.alerts.finishNotification(notice.id, {
      sent: false,
      attempts,
      nextAttemptAt: new Date(now.getTime() + delay).toISOString(),
      error,
    });
  }

  private async giveUp(notice: AlertNotificationRecord, error: string): Promise<void> {
    await this.options.alerts.finishNotification(notice.id, {
      sent: false,
      attempts: notice.attempts + 1,
      nextAttemptAt: null,
      error,
    });
    this.logger.warn('alert.webhook.givenUp', { organizationId: notice.organizationId, alertId: notice.alertId });
  }
}
