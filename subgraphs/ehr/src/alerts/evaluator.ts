import { randomUUID } from 'node:crypto';
import { silentLogger, type Logger } from '@carebridge/common';
import type { TransactionStore } from '../delivery/transactions';
import type { AlertNotifier } from './notifier';
import type { AlertRecord } from './records';
import { judge, windowStart } from './rules';
import type { AlertStore } from './store';

/** What one evaluation changed. */
export interface Evaluation {
  opened: AlertRecord[];
  resolved: AlertRecord[];
}

/**
 * Checks every organization's rules against its delivery figures: a rule whose condition holds and
 * has no current alert opens one; a rule whose condition no longer holds resolves its current
 * alert. A condition that stays true changes nothing, so a rule raises one alert per period.
 */
export class AlertEvaluator {
  private readonly logger: Logger;

  constructor(private readonly options: { alerts: AlertStore; transactions: TransactionStore; logger?: Logger }) {
    this.logger = options.logger ?? silentLogger;
  }

  async evaluate(now: Date = new Date()): Promise<Evaluation> {
    const { alerts, transactions } = this.options;
    const at = now.toISOString();
    const result: Evaluation = { opened: [], resolved: [] };
    for (const rule of await alerts.allRules()) {
      const activity = await transactions.activity({
        organizationId: rule.organizationId,
        ehrSystemId: rule.ehrSystemId,
        since: windowStart(rule, now),
      });
      const verdict = judge(rule, activity, now);
      const current = await alerts.currentAlert(rule.id);
      if (verdict.firing && !current) {
        const alert: AlertRecord = {
          id: randomUUID(),
          organizationId: rule.organizationId,
          ruleId: rule.id,
          kind: rule.kind,
          ehrSystemId: rule.ehrSystemId,
          status: 'OPEN',
          value: verdict.value,
          openedAt: at,
          acknowledgedAt: null,
          acknowledgedBy: null,
          resolvedAt: null,
          notificationError: null,
        };
        // False when another replica opened one for the rule meanwhile: theirs is the alert.
        if (await alerts.open(alert, { notify: rule.webhookUrl !== null })) {
          result.opened.push(alert);
          this.logger.warn('alert.opened', logFields(alert));
        }
      } else if (!verdict.firing && current) {
        const resolved = await alerts.resolve(rule.id, at, { notify: rule.webhookUrl !== null });
        if (resolved) {
          result.resolved.push(resolved);
          this.logger.info('alert.resolved', logFields(resolved));
        }
      }
    }
    return result;
  }
}

/** What the log says of an alert: ids, kind, figure and status, nothing else. */
export function logFields(alert: AlertRecord): Record<string, string | number | null> {
  return {
    alertId: alert.id,
    ruleId: alert.ruleId,
    organizationId: alert.organizationId,
    ehrSystemId: alert.ehrSystemId,
    kind: alert.kind,
    value: alert.value,
  };
}

/**
 * The background worker: every `intervalMs` (`ALERT_EVALUATION_MS`, 15 s by default) evaluates the
 * rules, then sends the webhook notifications due (those just queued in one digest per webhook),
 * one round at a time; a failed round is logged and the next one runs as usual.
 */
export class AlertWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private readonly logger: Logger;

  constructor(
    private readonly evaluator: AlertEvaluator,
    private readonly notifier: AlertNotifier,
    private readonly options: { intervalMs: number; logger?: Logger },
  ) {
    this.logger = options.logger ?? silentLogger;
  }

  start(): void {
    this.timer = setInterval(() => {
      this.running ??= this.evaluator
        .evaluate()
        .then(() => this.notifier.flush())
        .catch((error: unknown) =>
          this.logger.error('alert.evaluation.failed', { error: error instanceof Error ? error.name : 'unknown' }),
        )
        .finally(() => (this.running = undefined));
    }, this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
