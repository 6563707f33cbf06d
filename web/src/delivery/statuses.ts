import type { EhrTransactionFilter, EhrTransactionStatus } from '../__generated__/graphql';

/**
 * The monitor's status choices as the URL names them (`?status=failed`): the words people see,
 * "Failed" for DEAD (given up on) and "Retrying" for FAILED (waiting for its next attempt).
 */
export const STATUS_CHOICES = ['pending', 'retrying', 'delivered', 'failed'] as const;
export type StatusChoice = (typeof STATUS_CHOICES)[number];

/** The server's status behind each choice, which also names its words (`delivery.<STATUS>`). */
export const STATUS_OF: Record<StatusChoice, EhrTransactionStatus> = {
  pending: 'PENDING',
  retrying: 'FAILED',
  delivered: 'DELIVERED',
  failed: 'DEAD',
};

/** Links made before the choices had these names used the server's statuses (`?status=DEAD`). */
const OLD_VALUES: Record<string, StatusChoice> = {
  PENDING: 'pending',
  FAILED: 'retrying',
  DELIVERED: 'delivered',
  DEAD: 'failed',
};

export function statusChoiceOf(value: string | null): StatusChoice | null {
  if (value === null) return null;
  return STATUS_CHOICES.find((choice) => choice === value) ?? OLD_VALUES[value] ?? null;
}

/**
 * The list's filter for a choice. "Failed" is what is failed now: a DEAD transaction whose replay
 * was delivered is fixed, so it leaves the list and the count (it stays under All, marked replayed).
 */
export function filterOf(choice: StatusChoice | null): EhrTransactionFilter {
  if (choice === null) return {};
  return choice === 'failed' ? { status: 'DEAD', failedNow: true } : { status: STATUS_OF[choice] };
}
