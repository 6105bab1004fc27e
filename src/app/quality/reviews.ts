/**
 * Call quality review (质检, docs/quality.md): what a team lead or admin reviews, the reviews
 * themselves as every role reads them, and the summary per collector. The use cases that
 * change a review are review-call.ts and appeal-review.ts.
 */
import {
  listReviews, qualitySummary, reviewQueue, type QualityScope, type ReviewRow,
} from '../../db/quality-repository.ts';
import { addDays, optionalLocalDate, startOfLocalDay, type LocalDate } from '../../domain/calendar.ts';
import { AppError, invalidInput } from '../../domain/errors.ts';
import {
  APPEAL_DAYS, CHECKLIST, PASS_MARK, QUEUE_WINDOW_DAYS, SAMPLE_PERCENT, appealOpen,
} from '../../domain/quality/scorecard.ts';
import { OUTCOME_CODES, outcomeCode } from '../../domain/workstation/outcomes.ts';
import { authorize, can } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';

export function qualityScope(actor: Actor): QualityScope {
  if (actor.role === 'admin') return { kind: 'all' };
  if (actor.role === 'supervisor' && actor.teamId !== null) return { kind: 'team', teamId: actor.teamId };
  if (actor.role === 'collector' && actor.userId !== null) return { kind: 'collector', userId: actor.userId };
  throw new AppError('FORBIDDEN', { en: 'Your account has no team to scope quality reviews', zh: '您的账号没有所属小组，无法查看质检' });
}

export function qualityChecklist(actor: Actor) {
  authorize(actor, 'quality.read');
  return {
    pass_mark: PASS_MARK, appeal_days: APPEAL_DAYS,
    items: CHECKLIST.map((i) => ({ code: i.code, weight: i.weight, red_line: i.redLine, label: i.en, label_zh: i.zh, hint: i.hintEn, hint_zh: i.hintZh })),
  };
}

const REACHED = OUTCOME_CODES.filter((o) => o.reached && o.channels.includes('call')).map((o) => o.code);

function outcomeLabels(code: string): { outcome_label: string; outcome_label_zh: string } {
  const o = outcomeCode(code);
  return { outcome_label: o?.en ?? code, outcome_label_zh: o?.zh ?? code };
}

/** Reached calls and visits of the reviewer's collectors waiting for review (never the reviewer's own). */
export async function qualityQueue(ctx: AppContext, actor: Actor, q: { collectorId?: number | null; limit?: number }) {
  authorize(actor, 'quality.review');
  const now = ctx.now();
  const rows = await reviewQueue(ctx.pool, qualityScope(actor), {
    since: new Date(now.getTime() - QUEUE_WINDOW_DAYS * 86_400_000), until: now, reached: REACHED, samplePercent: SAMPLE_PERCENT,
    collectorId: q.collectorId ?? null, excludeCollector: actor.userId, limit: q.limit ?? 100,
  });
  return {
    sample_percent: SAMPLE_PERCENT, window_days: QUEUE_WINDOW_DAYS,
    items: rows.map((r) => ({
      attempt_id: r.attempt_id, creditor_code: r.creditor_code, account_id: r.account_id, account_no_mask: r.account_no_mask,
      debtor_name: r.debtor_name, collector_id: r.collector_id, collector_name: r.collector_name, at: r.at, channel: r.channel,
      party: r.party, outcome: r.outcome, ...outcomeLabels(r.outcome), note: r.note, recording_ref: r.recording_ref, call_seconds: r.call_seconds,
      complaint_ids: r.complaint_ids,
      reason: r.complaint_ids.length > 0 ? 'complaint' as const : r.disclosure_given === false ? 'no_disclosure' as const : 'sample' as const,
    })),
  };
}

/** Whether a collector of this team is the viewer's to review: an admin's always, a team lead's only in their own team. */
export function reviewsTeam(actor: Actor, collectorTeam: number | null): boolean {
  return actor.role === 'admin' || (collectorTeam !== null && collectorTeam === actor.teamId);
}

/** Whether this viewer may decide an appeal on this review: an admin, or a team lead of the collector's team who did not review it. */
export function mayDecideAppeal(actor: Actor, r: Pick<ReviewRow, 'reviewer_id' | 'collector_team'>): boolean {
  if (!can(actor, 'quality.decide_appeal')) return false;
  if (actor.userId !== null && r.reviewer_id === actor.userId) return false;
  return reviewsTeam(actor, r.collector_team);
}

export function reviewItem(ctx: AppContext, actor: Actor, r: ReviewRow) {
  return {
    id: r.id, attempt_id: r.attempt_id, account_id: r.account_id, account_no_mask: r.account_no_mask, debtor_name: r.debtor_name,
    creditor_code: r.creditor_code, collector_id: r.collector_id, collector_name: r.collector_name, reviewer_name: r.reviewer_name,
    attempt_at: r.attempt_at, channel: r.channel, outcome: r.outcome, ...outcomeLabels(r.outcome), note: r.note, recording_ref: r.recording_ref,
    answers: r.answers, score: r.score, result: r.result, comment: r.comment, complaint_linked: r.complaint_linked, reviewed_at: r.reviewed_at,
    status: r.status, appeal_reason: r.appeal_reason, appealed_at: r.appealed_at, appeal_note: r.appeal_note,
    appeal_decided_by_name: r.appeal_decided_by_name, appeal_decided_at: r.appeal_decided_at,
    can_appeal: actor.role === 'collector' && actor.userId === r.collector_id && r.status === 'final' && r.result !== 'pass'
      && appealOpen(r.reviewed_at, ctx.now()),
    can_decide_appeal: r.status === 'appealed' && mayDecideAppeal(actor, r),
  };
}

export type ReviewItem = ReturnType<typeof reviewItem>;

export async function listQualityReviews(ctx: AppContext, actor: Actor, f: {
  collectorId?: number | null; status?: string | null; result?: string | null; before?: number | null; limit?: number;
}): Promise<{ items: ReviewItem[]; next_before: number | null }> {
  authorize(actor, 'quality.read');
  const limit = f.limit ?? 50;
  const rows = await listReviews(ctx.pool, qualityScope(actor), {
    collectorId: f.collectorId ?? null, status: f.status ?? null, result: f.result ?? null, before: f.before ?? null, limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  return { items: page.map((r) => reviewItem(ctx, actor, r)), next_before: rows.length > limit ? page[page.length - 1]!.id : null };
}

/** Per collector of the viewer's scope, the reviews made between two business dates (both included; default the 30 days to today). */
export async function qualitySummaryFor(ctx: AppContext, actor: Actor, range: { from?: string | null; to?: string | null }) {
  authorize(actor, 'quality.read');
  const to = optionalLocalDate(range.to, 'to') ?? businessDate(ctx) as LocalDate;
  const from = optionalLocalDate(range.from, 'from') ?? addDays(to, -29);
  if (from > to) throw invalidInput({ en: '"from" is after "to"', zh: '开始日期晚于结束日期' }, 'from');
  const rows = await qualitySummary(ctx.pool, qualityScope(actor), {
    from: new Date(startOfLocalDay(from, ctx.agencyZone)), to: new Date(startOfLocalDay(addDays(to, 1), ctx.agencyZone)),
  });
  return { from, to, pass_mark: PASS_MARK, collectors: rows };
}
