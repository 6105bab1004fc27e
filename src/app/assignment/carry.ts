import { carryPromisesAndCallbacks, endAssignments, openAssignments, type CurrentAssignment, type NewAssignment } from '../../db/assignment-repository.ts';
import type { Queryable } from '../../db/pool.ts';
import { DEFAULT_CREDIT_DAYS } from '../../domain/assignment/index.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';

export interface MoveResult {
  moved: Array<{ account_id: number; from: number | null; to: number }>;
  promises_carried: number;
  promise_credits: number;
  /** null while the workstation's callbacks table does not exist. */
  callbacks_carried: number | null;
}

/**
 * Replaces the current owner of each account: ends the old row, opens the new one, carries
 * open promises and callbacks and opens promise credits for the collectors who lose them.
 */
export async function reassign(ctx: AppContext, db: Queryable, actor: Actor, current: readonly CurrentAssignment[], targets: readonly NewAssignment[],
  how: { kind: 'move' | 'offboard'; reason: string; creditDays: number | null }): Promise<MoveResult> {
  const at = ctx.now();
  const from = new Map(current.map((c) => [c.account_id, c.collector_id]));
  await endAssignments(db, targets.map((t) => t.accountId), at, actor.userId);
  const opened = await openAssignments(db, targets, { kind: how.kind, reason: how.reason, by: actor.userId, at });
  const carried = await carryPromisesAndCallbacks(db,
    opened.map((o) => ({ accountId: o.account_id, fromCollectorId: from.get(o.account_id) ?? null, toCollectorId: o.collector_id, assignmentId: o.id })),
    { businessDate: businessDate(ctx), creditDays: how.creditDays, defaultDays: DEFAULT_CREDIT_DAYS, zone: ctx.agencyZone });
  return {
    moved: targets.map((t) => ({ account_id: t.accountId, from: from.get(t.accountId) ?? null, to: t.collectorId })),
    promises_carried: carried.promises, promise_credits: carried.credits, callbacks_carried: carried.callbacks,
  };
}
