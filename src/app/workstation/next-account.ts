import { claimIfFree, ensureClaimRows, queueCandidates, queueLimits, rebuildQueueIfStale } from '../../db/workstation-repository.ts';
import { startOfLocalDay } from '../../domain/calendar.ts';
import { evaluateContact, type Decision } from '../../domain/compliance/index.ts';
import { queueBlock } from '../../domain/workstation/index.ts';
import { authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import { contactStateFor } from '../compliance/contact-state.ts';
import { situationFromState } from '../compliance/situation.ts';
import type { Actor, AppContext } from '../context.ts';
import type { LocalDate } from '../../domain/calendar.ts';
import { requireUserId } from './account-lock.ts';

/** How long an offered account stays the collector's alone. */
export const CLAIM_MINUTES = 15;
/** An account contacted this recently is not offered again (unless a callback is due). */
export const REST_MINUTES = 120;
/** Candidates judged per request; the rest wait for the next one. */
const CANDIDATES = 12;

export type NextAccountResult =
  | { account_id: number; callback_due: boolean; claim_expires_at: string; decision: Decision }
  | { account_id: null; reason: 'on_break'; until: string }
  | { account_id: null; reason: 'daily_cap_reached'; cap: number; attempts: number }
  | { account_id: null; reason: 'queue_empty' }
  | { account_id: null; reason: 'nothing_allowed_now'; next_allowed_at: string | null };

/**
 * "Next account": the highest-priority account assigned to the collector that the compliance
 * engine allows to call now, callbacks due first. The account is claimed for CLAIM_MINUTES
 * with a conditional update of its claim row, so two requests at once never get the same
 * account. `release` gives back the account the collector is done with. The collector's
 * queue is kept in order (migration 0014) and built again first when something changed it.
 */
export async function nextAccount(ctx: AppContext, actor: Actor, options: { release?: number | null } = {}): Promise<NextAccountResult> {
  authorize(actor, 'queue.work');
  const userId = requireUserId(actor);
  const now = ctx.now();
  const dayStart = new Date(startOfLocalDay(businessDate(ctx) as LocalDate, ctx.agencyZone));
  const limits = await queueLimits(ctx.pool, userId, now, dayStart, options.release ?? null);
  const block = queueBlock({ now: now.getTime(), breakUntil: limits.break_until?.getTime() ?? null, cap: limits.cap, attemptsToday: limits.attempts_today });
  if (block?.kind === 'on_break') return { account_id: null, reason: 'on_break', until: new Date(block.until).toISOString() };
  if (block?.kind === 'daily_cap_reached') return { account_id: null, reason: 'daily_cap_reached', cap: block.cap, attempts: block.attempts };
  if (limits.queue_stale !== false) await rebuildQueueIfStale(ctx.pool, userId, now);

  const restSince = new Date(now.getTime() - REST_MINUTES * 60_000);
  const candidates = await queueCandidates(ctx.pool, { collectorId: userId, now, restSince, limit: CANDIDATES, excludeAccountId: options.release ?? null });
  if (candidates.length === 0) return { account_id: null, reason: 'queue_empty' };
  // Queued accounts have their claim rows; a callback on a promised account may not yet.
  const callbacks = candidates.filter((c) => c.callback_due_at !== null).map((c) => c.account_id);
  if (callbacks.length > 0) await ensureClaimRows(ctx.pool, callbacks);
  let earliest: string | null = null;
  for (const candidate of candidates) {
    const state = await contactStateFor(ctx, ctx.pool, candidate.account_id, now);
    const decision = evaluateContact(situationFromState(state, { channel: 'call', party: 'debtor', purpose: 'collect', at: now }));
    if (!decision.allowed) {
      if (decision.next_allowed_at !== null && (earliest === null || Date.parse(decision.next_allowed_at) < Date.parse(earliest))) earliest = decision.next_allowed_at;
      continue;
    }
    const expires = new Date(now.getTime() + CLAIM_MINUTES * 60_000);
    // Another request got it first, or (a queued account, not a callback due) another tab's call since the candidates were read rests it.
    if (!(await claimIfFree(ctx.pool, candidate.account_id, userId, now, expires, candidate.callback_due_at === null ? restSince : null))) continue;
    return { account_id: candidate.account_id, callback_due: candidate.callback_due_at !== null, claim_expires_at: expires.toISOString(), decision };
  }
  return { account_id: null, reason: 'nothing_allowed_now', next_allowed_at: earliest };
}
