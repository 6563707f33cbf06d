/**
 * How often and when a failed delivery is tried again: the policy, and the delay before each attempt.
 */

export interface RetryPolicy {
  /** Attempts before a transaction is DEAD. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Per request. */
  timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 500,
  maxDelayMs: 5 * 60_000,
  timeoutMs: 10_000,
};

/**
 * The delay before attempt `attempts + 1`: exponential, with "equal jitter" (half fixed, half
 * random) so that many failures at once do not retry in lock-step, and never sooner than the
 * EHR's own Retry-After.
 */
export function retryDelayMs(
  attempts: number,
  policy: RetryPolicy,
  retryAfterMs: number | null,
  random: () => number,
): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  const jittered = exponential / 2 + (random() * exponential) / 2;
  return Math.max(jittered, retryAfterMs ?? 0);
}

/** Retry-After in seconds or as an HTTP date, in milliseconds; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
