import type { Counter, ServiceMetrics } from '@carebridge/common';
import { isOpen, type TransactionStore } from './transactions';

/** What the delivery worker counts, per EHR system (its id: not PHI, and few of them). */
export interface DeliveryCounters {
  delivered: Counter<'ehr_system'>;
  retried: Counter<'ehr_system'>;
  dead: Counter<'ehr_system'>;
}

/**
 * The delivery queue's metrics: its depth by EHR system and status, and the age of the oldest
 * undelivered (PENDING or FAILED) transaction, both read from the store at each scrape (one
 * `stats()` call, a GROUP BY on PostgreSQL); and the worker's counters.
 */
export function deliveryMetrics(
  metrics: ServiceMetrics,
  transactions: TransactionStore,
  now = Date.now,
): DeliveryCounters {
  // Both gauges are read from one `stats()`: the first gauge collected reads it, the second reuses it.
  let pending: ReturnType<TransactionStore['stats']> | undefined;
  const stats = () => {
    pending ??= transactions.stats().finally(() => queueMicrotask(() => (pending = undefined)));
    return pending;
  };
  metrics.gauge(
    'carebridge_ehr_queue_transactions',
    'Delivery transactions by EHR system and status',
    ['ehr_system', 'status'],
    async (gauge) => {
      const rows = await stats();
      gauge.reset();
      for (const row of rows) gauge.set({ ehr_system: row.ehrSystemId, status: row.status }, row.count);
    },
  );
  metrics.gauge(
    'carebridge_ehr_queue_oldest_pending_age_seconds',
    'Age of the oldest PENDING or FAILED transaction per EHR system',
    ['ehr_system'],
    async (gauge) => {
      const oldest = new Map<string, string>();
      for (const row of await stats()) {
        if (!isOpen(row)) continue;
        const known = oldest.get(row.ehrSystemId);
        if (known === undefined || row.oldestCreatedAt < known) oldest.set(row.ehrSystemId, row.oldestCreatedAt);
      }
      gauge.reset();
      for (const [system, createdAt] of oldest)
        gauge.set({ ehr_system: system }, Math.max(0, (now() - Date.parse(createdAt)) / 1000));
    },
  );
  return {
    delivered: metrics.counter('carebridge_ehr_deliveries_total', 'Transactions delivered to an EHR', ['ehr_system']),
    retried: metrics.counter('carebridge_ehr_retries_total', 'Failed attempts that will be retried', ['ehr_system']),
    dead: metrics.counter('carebridge_ehr_dead_total', 'Transactions the worker gave up on (DEAD)', ['ehr_system']),
  };
}
