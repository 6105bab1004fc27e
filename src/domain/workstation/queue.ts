/**
 * The order of a collector's queue: callbacks that are due come first (earliest first),
 * then the account's priority (highest first), then the larger balance, then the oldest
 * delinquency, then the id so the order is total. The database applies the same order (workstation-repository.ts);
 * this is its reference and what the tests hold it to.
 */
export interface QueueEntry {
  readonly accountId: number;
  /** Earliest open callback's instant (ms), if any. */
  readonly callbackDueAt: number | null;
  readonly priority: number;
  readonly balanceFen: number;
  readonly firstDelinquencyDate: string;
}

export function callbackIsDue(entry: QueueEntry, now: number): boolean {
  return entry.callbackDueAt !== null && entry.callbackDueAt <= now;
}

export function compareQueueEntries(a: QueueEntry, b: QueueEntry, now: number): number {
  const dueA = callbackIsDue(a, now);
  const dueB = callbackIsDue(b, now);
  if (dueA !== dueB) return dueA ? -1 : 1;
  if (dueA && dueB && a.callbackDueAt !== b.callbackDueAt) return a.callbackDueAt! - b.callbackDueAt!;
  if (a.priority !== b.priority) return b.priority - a.priority;
  if (a.balanceFen !== b.balanceFen) return b.balanceFen - a.balanceFen;
  if (a.firstDelinquencyDate !== b.firstDelinquencyDate) return a.firstDelinquencyDate < b.firstDelinquencyDate ? -1 : 1;
  return a.accountId - b.accountId;
}

export function orderQueue(entries: readonly QueueEntry[], now: number): QueueEntry[] {
  return [...entries].sort((a, b) => compareQueueEntries(a, b, now));
}

/** Why the queue gives nothing: a break, the daily cap, or nothing allowed now. */
export type QueueBlock =
  | { kind: 'on_break'; until: number }
  | { kind: 'daily_cap_reached'; cap: number; attempts: number }
  | null;

export function queueBlock(input: { now: number; breakUntil: number | null; cap: number | null; attemptsToday: number }): QueueBlock {
  if (input.breakUntil !== null && input.breakUntil > input.now) return { kind: 'on_break', until: input.breakUntil };
  if (input.cap !== null && input.attemptsToday >= input.cap) return { kind: 'daily_cap_reached', cap: input.cap, attempts: input.attemptsToday };
  return null;
}
