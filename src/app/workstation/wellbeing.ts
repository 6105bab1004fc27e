import { appendAudit } from '../../db/audit-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import {
  dailyWorkload, findCollector, insertBreak, insertHandoff, listOpenHandoffs, releaseClaim, resolveHandoff, setDailyCap,
  type HandoffRow, type WorkloadRow,
} from '../../db/workstation-repository.ts';
import { addDays, startOfLocalDay, type LocalDate } from '../../domain/calendar.ts';
import { AppError } from '../../domain/errors.ts';
import { OUTCOME_CODES } from '../../domain/workstation/index.ts';
import { authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';
import { lockAccountForChange, requireUserId } from './account-lock.ts';

/** The break a collector takes from the queue after an abusive call. */
export const ABUSE_BREAK_MINUTES = 10;

/**
 * After an abusive call: the account goes to the supervisor queue (out of the collector's
 * queue until a supervisor resolves it) and the collector gets a short break from the queue.
 * The hand-off's reason is stored as a code, for the supervisor to read in their own language;
 * `reason` is only what the collector wrote, if anything.
 */
export async function reportAbusive(ctx: AppContext, actor: Actor, accountId: number, input: { reason?: string | null; attemptId?: number | null; breakMinutes?: number }):
  Promise<{ handoff_id: number | null; break_until: string }> {
  authorize(actor, 'queue.work');
  const userId = requireUserId(actor);
  const now = ctx.now();
  const until = new Date(now.getTime() + (input.breakMinutes ?? ABUSE_BREAK_MINUTES) * 60_000);
  return inTransaction(ctx.pool, async (client) => {
    const account = await lockAccountForChange(ctx, client, actor, accountId, null);
    const reason = input.reason ?? null;
    const handoffId = await insertHandoff(client, { creditorId: account.creditor_id, accountId, fromUserId: userId, teamId: actor.teamId,
      reasonCode: 'abusive', reason, attemptId: input.attemptId ?? null, at: now });
    await insertBreak(client, userId, now, until, `abusive call on account ${accountId}`);
    await releaseClaim(client, accountId, userId);
    await appendAudit(client, actor, { action: 'account.handoff', entity: 'account', entityId: accountId, creditorId: account.creditor_id,
      detail: { reason_code: 'abusive', reason, attempt_id: input.attemptId ?? null, break_until: until.toISOString(), handoff_id: handoffId ?? null } });
    return { handoff_id: handoffId ?? null, break_until: until.toISOString() };
  });
}

const RIGHT_PARTY_CODES = OUTCOME_CODES.filter((o) => o.rightParty).map((o) => o.code);

/** Per collector, today's attempts, conversations, promises and abusive calls, with their caps. */
export async function collectorWorkload(ctx: AppContext, actor: Actor, options: { date?: string } = {}): Promise<{ date: string; items: WorkloadRow[] }> {
  authorize(actor, 'workload.read');
  const date = (options.date ?? businessDate(ctx)) as LocalDate;
  const from = new Date(startOfLocalDay(date, ctx.agencyZone));
  const to = new Date(startOfLocalDay(addDays(date, 1), ctx.agencyZone));
  const items = await dailyWorkload(ctx.pool, { teamId: actor.role === 'admin' ? null : actor.teamId, from, to, now: ctx.now(), rightPartyCodes: RIGHT_PARTY_CODES });
  return { date, items };
}

export async function setCollectorCap(ctx: AppContext, actor: Actor, collectorId: number, cap: number | null): Promise<void> {
  authorize(actor, 'workload.manage');
  await inTransaction(ctx.pool, async (client) => {
    const user = await findCollector(client, collectorId);
    if (!user || user.role !== 'collector' || (actor.role !== 'admin' && user.team_id !== actor.teamId)) {
      throw new AppError('NOT_FOUND', { en: `Collector ${collectorId} does not exist or is not in your team`, zh: `催收员${collectorId}不存在，或不在您的小组中` });
    }
    await setDailyCap(client, collectorId, cap, actor.userId);
    await appendAudit(client, actor, { action: 'collector.cap', entity: 'user', entityId: collectorId, detail: { daily_attempts: cap } });
  });
}

export async function listHandoffs(ctx: AppContext, actor: Actor): Promise<HandoffRow[]> {
  authorize(actor, 'workload.read');
  return listOpenHandoffs(ctx.pool, actor.role === 'admin' ? null : actor.teamId);
}

/** A supervisor takes a hand-off: resolved, the account is back in its collector's queue (or moved by other means). */
export async function resolveHandoffCase(ctx: AppContext, actor: Actor, handoffId: number, resolution: string): Promise<void> {
  authorize(actor, 'workload.manage');
  await inTransaction(ctx.pool, async (client) => {
    const done = await resolveHandoff(client, handoffId, actor.role === 'admin' ? null : actor.teamId, actor.userId, resolution, ctx.now());
    if (!done) throw new AppError('NOT_FOUND', { en: `Hand-off ${handoffId} is not open in your team`, zh: `您的小组中没有待处理的转交${handoffId}` });
    await appendAudit(client, actor, { action: 'account.handoff_resolve', entity: 'account', entityId: done.account_id, creditorId: done.creditor_id,
      detail: { handoff_id: handoffId, resolution } });
  });
}
