import { appendAudit } from '../../db/audit-repository.ts';
import { closeCaseRow, findCase, recallAccount } from '../../db/cases-repository.ts';
import { contractInForce } from '../../db/contracts-repository.ts';
import { releaseHoldRow } from '../../db/holds-repository.ts';
import { insertNotification } from '../../db/notifications-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { cancelOpenPromises } from '../../db/workstation-repository.ts';
import { DISPUTE_OUTCOMES, type DisputeOutcome } from '../../domain/cases/index.ts';
import { AppError, invalidInput } from '../../domain/errors.ts';
import { authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';
import { notFound, requireText } from './case-access.ts';

/** A dispute's status in the screens' Chinese words (an unknown one shows as stored). */
const DISPUTE_STATUS_ZH: Readonly<Record<string, string>> = { open: '处理中', verified: '委托方已核实', returned: '已退回委托方', closed: '已结案' };

/**
 * The creditor's answer to a dispute. 'verified': the creditor confirms the debt as placed;
 * the dispute hold is released and collection resumes. Under a US contract the hold stays until
 * a copy of the verification has been mailed to the debtor (12 CFR 1006.38(d)(2); the
 * verification letters, print-verifications.ts), which releases it. 'returned': the creditor takes the
 * account back; it becomes 'recalled' (no more work; reports keep it) and the dispute hold
 * stays in force, because the debt is still disputed if it is ever placed again. The collector
 * it names is told either way in their notices.
 */
export async function resolveDispute(ctx: AppContext, actor: Actor, disputeId: number, input: { outcome: DisputeOutcome; note: string }):
  Promise<{ status: DisputeOutcome; account_status: string | null; verification_to_mail: boolean }> {
  authorize(actor, 'disputes.resolve');
  if (!(DISPUTE_OUTCOMES as readonly string[]).includes(input.outcome)) {
    throw invalidInput({ en: `Outcome must be one of ${DISPUTE_OUTCOMES.join(', ')}`, zh: `核实结果须为 ${DISPUTE_OUTCOMES.join('、')} 之一` }, 'outcome');
  }
  const note = requireText(input.note, 'note', { en: 'What the creditor found', zh: '委托方核实结果' });
  const today = businessDate(ctx);
  return inTransaction(ctx.pool, async (client) => {
    const dispute = await findCase(client, disputeId, { lock: true });
    if (!dispute || dispute.kind !== 'dispute' || (actor.role === 'creditor_user' && dispute.creditor_id !== actor.creditorId)) {
      throw notFound('Dispute', disputeId);
    }
    if (dispute.status !== 'open') {
      throw new AppError('CONFLICT', {
        en: `Dispute ${disputeId} is already ${dispute.status}`,
        zh: `异议 ${disputeId} 已经是“${DISPUTE_STATUS_ZH[dispute.status] ?? dispute.status}”状态`,
      });
    }
    const at = ctx.now();
    const mailFirst = input.outcome === 'verified' && (await contractInForce(client, dispute.creditor_id, today))?.pack === 'US';
    await closeCaseRow(client, disputeId, { status: input.outcome, finding: null, action: null, note, by: actor.userId, at });
    await appendAudit(client, actor, { action: `dispute.${input.outcome}`, entity: 'dispute', entityId: disputeId, creditorId: dispute.creditor_id,
      detail: { account_id: dispute.account_id, note } });
    if (dispute.collector_id !== null) {
      await insertNotification(client, { at: ctx.now(), creditorId: dispute.creditor_id, accountId: dispute.account_id, audience: 'collector',
        userId: dispute.collector_id, kind: `dispute_${input.outcome}`, caseId: disputeId, message: input.outcome === 'verified'
          ? mailFirst
            ? { en: `Dispute ${disputeId} on ${dispute.account_no_mask} verified by the creditor; collection resumes once the verification is mailed to the debtor: ${note}`,
                zh: `账户 ${dispute.account_no_mask} 的异议 ${disputeId}：委托方已核实债务属实；核实结果寄给债务人后方可恢复催收：${note}` }
            : { en: `Dispute ${disputeId} on ${dispute.account_no_mask} verified by the creditor, collection may resume: ${note}`,
                zh: `账户 ${dispute.account_no_mask} 的异议 ${disputeId}：委托方已核实债务属实，可以恢复催收：${note}` }
          : { en: `Dispute ${disputeId} on ${dispute.account_no_mask}: the creditor takes the account back (recalled): ${note}`,
              zh: `账户 ${dispute.account_no_mask} 的异议 ${disputeId}：委托方收回该账户（已退案）：${note}` } });
    }
    if (mailFirst) return { status: 'verified', account_status: null, verification_to_mail: true };
    if (input.outcome === 'verified') {
      if (dispute.hold_id !== null && await releaseHoldRow(client, dispute.hold_id, actor.userId, `异议 ${disputeId} 已核实 / dispute ${disputeId} verified: ${note}`.slice(0, 500), at)) {
        await appendAudit(client, actor, { action: 'hold.release', entity: 'hold', entityId: dispute.hold_id, creditorId: dispute.creditor_id,
          detail: { kind: 'dispute', account_id: dispute.account_id, dispute_id: disputeId, reason: 'verified by the creditor' } });
      }
      return { status: 'verified', account_status: null, verification_to_mail: false };
    }
    await recallAccount(client, dispute.account_id, today, 'dispute');
    await cancelOpenPromises(client, { creditorId: dispute.creditor_id, accountId: dispute.account_id, reason: 'recalled', at });
    await appendAudit(client, actor, { action: 'account.recall', entity: 'account', entityId: dispute.account_id, creditorId: dispute.creditor_id,
      detail: { reason: 'dispute_returned', dispute_id: disputeId, recalled_on: today } });
    return { status: 'returned', account_status: 'recalled', verification_to_mail: false };
  });
}
