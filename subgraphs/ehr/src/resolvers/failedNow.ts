import type { EhrTransactionRecord } from '../data/records';

/** How many failed transactions one `replayFailedEhrTransactions` replays at most. */
export const REPLAY_BATCH = 200;

/**
 * Of an organization's transactions, the DEAD ones that are failed now: not made good by a
 * delivered replay, directly or through a replay of the replay. What the monitor's "Failed"
 * count and list show, so a failure that was fixed stops being counted.
 */
export function failedNow(all: readonly EhrTransactionRecord[]): EhrTransactionRecord[] {
  const replayOf = new Map<string, EhrTransactionRecord>();
  for (const t of all) if (t.replayOf !== null) replayOf.set(t.replayOf, t);
  const madeGood = (t: EhrTransactionRecord): boolean => {
    // A transaction is replayed at most once, so the chain is a path; `seen` guards bad data.
    const seen = new Set<string>();
    for (let next = replayOf.get(t.id); next && !seen.has(next.id); next = replayOf.get(next.id)) {
      if (next.status === 'DELIVERED') return true;
      seen.add(next.id);
    }
    return false;
  };
  return all.filter((t) => t.status === 'DEAD' && !madeGood(t));
}

/**
 * The failed transactions a bulk replay takes, oldest first: DEAD, not replayed yet (a replay
 * waiting or failed is replayed on its own, never its original twice), and with their data (a
 * deleted patient's are never sent again).
 */
export function replayable(all: readonly EhrTransactionRecord[]): EhrTransactionRecord[] {
  const replayed = new Set(all.flatMap((t) => (t.replayOf === null ? [] : [t.replayOf])));
  return all
    .filter((t) => t.status === 'DEAD' && t.source !== null && !replayed.has(t.id))
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
}
