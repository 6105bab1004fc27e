import { nameOfActor } from '../../db/users-repository.ts';
import { appendAudit } from '../../db/audit-repository.ts';
import { insertNotification } from '../../db/notifications-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { decideAppealRow, findReview, setAppeal } from '../../db/quality-repository.ts';
import { AppError, invalidInput } from '../../domain/errors.ts';
import { APPEAL_DAYS, appealOpen } from '../../domain/quality/scorecard.ts';
import { authorize } from '../authorization.ts';
import type { Actor, AppContext } from '../context.ts';
import { requireText } from '../cases/case-access.ts';
import { mayDecideAppeal, reviewItem, reviewsTeam, type ReviewItem } from './reviews.ts';
import { RESULT_EN } from './review-call.ts';

const notFound = (id: number) => new AppError('NOT_FOUND', { en: `Quality review ${id} not found`, zh: `找不到质检记录 ${id}` });

/**
 * The collector appeals (申诉) a review of their own call that did not pass, once, within
 * APPEAL_DAYS days of it, saying why. Whoever reviewed it is told.
 */
export async function appealReview(ctx: AppContext, actor: Actor, reviewId: number, input: { reason: string }): Promise<ReviewItem> {
  authorize(actor, 'quality.appeal');
  const reason = requireText(input.reason, 'reason', { en: 'The reason for the appeal', zh: '申诉理由' });
  return inTransaction(ctx.pool, async (client) => {
    const review = await findReview(client, reviewId, { lock: true });
    if (!review || review.collector_id !== actor.userId) throw notFound(reviewId);
    if (review.result === 'pass') throw new AppError('CONFLICT', { en: 'A review that passed is not appealed', zh: '合格的质检无需申诉' });
    if (review.status !== 'final') throw new AppError('CONFLICT', { en: 'This review has been appealed already', zh: '该质检已经申诉过' });
    const at = ctx.now();
    if (!appealOpen(review.reviewed_at, at)) {
      throw new AppError('CONFLICT', { en: `Appeals are made within ${APPEAL_DAYS} days of the review`, zh: `申诉须在质检后 ${APPEAL_DAYS} 天内提出` });
    }
    await setAppeal(client, reviewId, reason, at);
    await appendAudit(client, actor, { action: 'qa.appeal', entity: 'qa_review', entityId: reviewId, creditorId: review.creditor_id,
      detail: { attempt_id: review.attempt_id, reason } });
    if (review.reviewer_id !== null) {
      await insertNotification(client, { at: ctx.now(), creditorId: review.creditor_id, accountId: review.account_id, audience: 'staff', userId: review.reviewer_id,
        kind: 'qa_appealed', qaReviewId: reviewId, message: {
          en: `${review.collector_name} appealed quality review ${reviewId} (${review.score}, ${RESULT_EN[review.result] ?? review.result}): ${reason}`,
          zh: `${review.collector_name} 对质检 ${reviewId}（${review.score} 分）提出申诉：${reason}`,
        } });
    }
    return reviewItem(ctx, actor, (await findReview(client, reviewId))!);
  });
}

/**
 * An admin, or a team lead of the collector's team other than the reviewer, decides an appeal:
 * upheld (the review stands) or overturned (it no longer counts in the collector's figures,
 * and stays on record as overturned). The collector is told.
 */
export async function decideAppeal(ctx: AppContext, actor: Actor, reviewId: number, input: { decision: string; note: string }): Promise<ReviewItem> {
  authorize(actor, 'quality.decide_appeal');
  if (input.decision !== 'upheld' && input.decision !== 'overturned') {
    throw invalidInput({ en: 'decision must be upheld or overturned', zh: 'decision 须为 upheld（维持）或 overturned（撤销）' }, 'decision');
  }
  const decision = input.decision;
  const note = requireText(input.note, 'note', { en: 'The reason for the decision', zh: '处理意见' });
  return inTransaction(ctx.pool, async (client) => {
    const review = await findReview(client, reviewId, { lock: true });
    if (!review || !reviewsTeam(actor, review.collector_team)) throw notFound(reviewId);
    if (!mayDecideAppeal(actor, review)) {
      throw new AppError('FORBIDDEN', { en: 'Another team lead or an admin decides an appeal of your own review', zh: '对您本人所做质检的申诉，须由其他组长或管理员处理' });
    }
    if (!(await decideAppealRow(client, reviewId, { status: decision, note, by: actor.userId, byName: await nameOfActor(client, actor), at: ctx.now() }))) {
      throw new AppError('CONFLICT', { en: `Quality review ${reviewId} has no open appeal`, zh: `质检记录 ${reviewId} 没有待处理的申诉` });
    }
    await appendAudit(client, actor, { action: 'qa.appeal_decide', entity: 'qa_review', entityId: reviewId, creditorId: review.creditor_id,
      detail: { attempt_id: review.attempt_id, collector_id: review.collector_id, decision, note } });
    // The review as decided: who decided, by the name stored with it.
    const decided = (await findReview(client, reviewId))!;
    await insertNotification(client, { at: ctx.now(), creditorId: review.creditor_id, accountId: review.account_id, audience: 'collector', userId: review.collector_id,
      kind: 'qa_appeal_decided', qaReviewId: reviewId, message: {
        en: `Your appeal of quality review ${reviewId} was ${decision === 'upheld' ? 'turned down: the review stands' : 'accepted: the review is overturned'} (${decided.appeal_decided_by_name}): ${note}`,
        zh: `您对质检 ${reviewId} 的申诉已由 ${decided.appeal_decided_by_name} ${decision === 'upheld' ? '驳回，维持原评分' : '采纳，撤销原评分'}：${note}`,
      } });
    return reviewItem(ctx, actor, decided);
  });
}
