import { appendAudit } from '../../db/audit-repository.ts';
import { decideWaiverRow, findWaiver } from '../../db/cases-repository.ts';
import { insertNotification, markDecisionNoticesRead } from '../../db/notifications-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { nameOfActor } from '../../db/users-repository.ts';
import { covers } from '../../domain/cases/index.ts';
import { AppError } from '../../domain/errors.ts';
import { authorize } from '../authorization.ts';
import type { Actor, AppContext } from '../context.ts';
import { businessDate } from '../business-date.ts';
import { refuseUnlessCollecting } from '../workstation/take-promise.ts';
import { notFound, requireText } from './case-access.ts';
import { authorityOf } from './offer-settlement.ts';

/** A settlement offer's status in the screens' Chinese words (an unknown one shows as stored). */
const OFFER_STATUS_ZH: Readonly<Record<string, string>> = {
  requested: '待审批', approved: '已同意', rejected: '已驳回', settled: '已结清', lapsed: '已失效', cancelled: '已取消',
};

/**
 * The approver's decision on a settlement offer above the requester's authority: the team's
 * supervisor (or an admin) for a supervisor-level offer, a user of the creditor for one that
 * touches principal or passes the supervisor's limit (and only such a one: a supervisor-level
 * offer is the agency's, not in the bank's inbox). Outside the approver's scope the offer does
 * not exist (404); inside it but above their authority, or not theirs to decide, 403. Whoever asked for the offer
 * is told of the decision in their notices.
 */
export async function decideSettlement(ctx: AppContext, actor: Actor, waiverId: number,
  input: { decision: 'approve' | 'reject'; reason: string }): Promise<{ status: 'approved' | 'rejected' }> {
  authorize(actor, 'settlements.decide');
  const reason = requireText(input.reason, 'reason', { en: 'The reason for the decision', zh: '审批理由' });
  return inTransaction(ctx.pool, async (client) => {
    const waiver = await findWaiver(client, waiverId, { lock: true });
    const inScope = waiver !== undefined && (actor.role === 'admin'
      || (actor.role === 'supervisor' && waiver.team_id !== null && waiver.team_id === actor.teamId)
      || (actor.role === 'creditor_user' && waiver.creditor_id === actor.creditorId));
    if (!waiver || !inScope) throw notFound('Settlement offer', waiverId);
    if (waiver.status !== 'requested') {
      throw new AppError('CONFLICT', {
        en: `Settlement offer ${waiverId} is ${waiver.status}, not waiting for a decision`,
        zh: `减免方案 ${waiverId} 当前为“${OFFER_STATUS_ZH[waiver.status] ?? waiver.status}”，不在待审批状态`,
      });
    }
    const needed = waiver.approver === 'creditor' ? 'creditor' : 'supervisor';
    // A supervisor-level offer is the agency's own decision: its bank does not see it in its inbox, nor decide it here.
    if (actor.role === 'creditor_user' && needed === 'supervisor') {
      throw new AppError('FORBIDDEN', {
        en: `Settlement offer ${waiverId} is within the agency's authority: its team's supervisor decides`,
        zh: `减免方案 ${waiverId} 在催收机构权限内：由所在组的组长审批`,
      });
    }
    if (!covers(authorityOf(actor), needed)) {
      throw new AppError('FORBIDDEN', needed === 'creditor'
        ? {
          en: `Settlement offer ${waiverId} waives principal or passes the supervisor's limit: the creditor decides`,
          zh: `减免方案 ${waiverId} 涉及减免本金或超出组长权限：须由委托方审批`,
        }
        : { en: `Settlement offer ${waiverId} needs a supervisor`, zh: `减免方案 ${waiverId} 须由组长审批` });
    }
    const status = input.decision === 'approve' ? 'approved' as const : 'rejected' as const;
    // Agreed only while the account is being collected: not under a hold, not beside an approved plan (a refusal may always go).
    if (status === 'approved') {
      const { rows: [account] } = await client.query<{ id: number; debtor_id: number; status: string }>(
        'SELECT id, debtor_id, status FROM accounts WHERE creditor_id = $1 AND id = $2', [waiver.creditor_id, waiver.account_id]);
      await refuseUnlessCollecting(client, account!, businessDate(ctx), 'settlement');
    }
    if (!(await decideWaiverRow(client, waiverId, { status, by: actor.userId, reason, at: ctx.now() }))) {
      throw new AppError('CONFLICT', { en: `Settlement offer ${waiverId} was decided meanwhile`, zh: `减免方案 ${waiverId} 已在此期间由他人审批` });
    }
    // Decided: the bank's notice that the offer waits for its approval no longer does, for any of its users.
    await markDecisionNoticesRead(client, { kind: 'settlement_to_decide', waiverId, creditorId: waiver.creditor_id, readBy: actor.userId, at: ctx.now() });
    if (waiver.requested_by !== null) {
      const by = await nameOfActor(client, actor);
      await insertNotification(client, { at: ctx.now(), creditorId: waiver.creditor_id, accountId: waiver.account_id, audience: 'staff', userId: waiver.requested_by,
        kind: `settlement_${status}`, waiverId,
        message: {
          en: `Settlement offer ${waiverId} on ${waiver.account_no_mask} ${status} by ${by}: ${reason}`,
          zh: `账户 ${waiver.account_no_mask} 的减免方案 ${waiverId} 已由 ${by} ${status === 'approved' ? '批准' : '拒绝'}：${reason}`,
        } });
    }
    await appendAudit(client, actor, { action: `settlement.${input.decision}`, entity: 'waiver', entityId: waiverId, creditorId: waiver.creditor_id,
      detail: { account_id: waiver.account_id, approver: waiver.approver, reason, settle_fen: waiver.settle_fen } });
    return { status };
  });
}
