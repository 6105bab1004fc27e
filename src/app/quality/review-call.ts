import { nameOfActor } from '../../db/users-repository.ts';
import { appendAudit } from '../../db/audit-repository.ts';
import { insertNotification } from '../../db/notifications-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { attemptForReview, findReview, insertReview } from '../../db/quality-repository.ts';
import { AppError, invalidInput } from '../../domain/errors.ts';
import { failedItems, scoreReview, type Answer } from '../../domain/quality/scorecard.ts';
import { outcomeCode } from '../../domain/workstation/index.ts';
import { authorize } from '../authorization.ts';
import type { Actor, AppContext } from '../context.ts';
import { reviewItem, reviewsTeam, type ReviewItem } from './reviews.ts';

const CHANNEL_ZH: Record<string, string> = { call: '电话', visit: '外访', sms: '短信', email: '邮件', letter: '信函' };
const RESULT_ZH: Record<string, string> = { pass: '合格', fail: '不合格', red_line: '触碰红线' };
export const RESULT_EN: Record<string, string> = { pass: 'Pass', fail: 'Fail', red_line: 'Red line' };

/**
 * A team lead (of the collector's team) or an admin reviews one collector's call or visit
 * against the checklist (质检). Every item is answered; a review that does not pass says why
 * in a comment, since the collector reads it and may appeal. Nobody reviews their own call.
 * The collector is told in their notices; the review, its answers and score go to the audit log.
 */
export async function reviewCall(ctx: AppContext, actor: Actor, input: { attemptId: number; answers: Record<string, unknown>; comment?: string | null }): Promise<ReviewItem> {
  authorize(actor, 'quality.review');
  const { score, result } = scoreReview(input.answers);
  const comment = (input.comment ?? '').trim() || null;
  if (result !== 'pass' && comment === null) {
    throw invalidInput({ en: 'Say in a comment why the call did not pass: the collector reads it and may appeal', zh: '未通过的质检须填写质检意见：催收员会看到并可申诉' }, 'comment');
  }
  if (comment !== null && comment.length > 2000) throw invalidInput({ en: 'The comment is longer than 2000 characters', zh: '质检意见不能超过 2000 个字符' }, 'comment');
  const answers = input.answers as Record<string, Answer>;
  return inTransaction(ctx.pool, async (client) => {
    const attempt = await attemptForReview(client, input.attemptId);
    if (!attempt || !reviewsTeam(actor, attempt.collector_team)) throw new AppError('NOT_FOUND', { en: `Contact attempt ${input.attemptId} not found in your team`, zh: `在您的小组中找不到催记 ${input.attemptId}` });
    if (attempt.collector_id === null || !['call', 'visit'].includes(attempt.channel)) {
      throw new AppError('CONFLICT', { en: 'Only a collector\'s call or visit is reviewed', zh: '只有催收员的电话或外访才需质检' });
    }
    // As the queue offers them: a conversation with someone, not a call nobody answered (无人接听) or a busy line.
    const o = outcomeCode(attempt.outcome);
    if (!o?.reached) {
      throw new AppError('CONFLICT', {
        en: `Contact attempt ${attempt.id} reached nobody (${o?.en ?? attempt.outcome}): only a call or visit where someone was reached is reviewed`,
        zh: `催记 ${attempt.id} 未接通任何人（${o?.zh ?? attempt.outcome}）：只有接通了人的电话或外访才需质检`,
      });
    }
    if (actor.userId !== null && attempt.collector_id === actor.userId) {
      throw new AppError('FORBIDDEN', { en: 'You cannot review your own call', zh: '不能质检自己的通话' });
    }
    const at = ctx.now();
    const id = attempt.reviewed ? undefined : await insertReview(client, {
      creditorId: attempt.creditor_id, attemptId: attempt.id, accountId: attempt.account_id, collectorId: attempt.collector_id,
      reviewerId: actor.userId, reviewerName: await nameOfActor(client, actor), answers, score, result, comment, complaintLinked: attempt.complaint_linked, at,
    });
    if (id === undefined) throw new AppError('CONFLICT', { en: `Contact attempt ${attempt.id} has been reviewed already`, zh: `催记 ${attempt.id} 已经质检过` });
    const failed = failedItems(answers).map((i) => i.code);
    await appendAudit(client, actor, { action: 'qa.review', entity: 'qa_review', entityId: id, creditorId: attempt.creditor_id,
      detail: { attempt_id: attempt.id, account_id: attempt.account_id, collector_id: attempt.collector_id, score, result, failed, complaint_linked: attempt.complaint_linked } });
    // The review as stored: its reviewer by the name people know them by.
    const review = (await findReview(client, id))!;
    await insertNotification(client, { at: ctx.now(), creditorId: attempt.creditor_id, accountId: attempt.account_id, audience: 'collector',
      userId: attempt.collector_id, kind: 'qa_reviewed', qaReviewId: id,
      message: {
        en: `Quality review of your ${attempt.channel} (attempt ${attempt.id}) by ${review.reviewer_name}: ${score}, ${RESULT_EN[result]}.${comment ? ` ${comment}` : ''}`,
        zh: `${review.reviewer_name} 质检了您的${CHANNEL_ZH[attempt.channel] ?? attempt.channel}（催记 ${attempt.id}）：${score} 分，${RESULT_ZH[result]}。${comment ?? ''}`,
      } });
    return reviewItem(ctx, actor, review);
  });
}
