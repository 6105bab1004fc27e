import { appendAudit } from '../../db/audit-repository.ts';
import { findAccountInScope, listDebtorsAccounts } from '../../db/accounts-repository.ts';
import { findHold, openCaseOfHold, releaseHoldRow } from '../../db/holds-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { AppError, invalidInput } from '../../domain/errors.ts';
import { accountScope, authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';

/** The open case a hold belongs to, as each language names it. */
const CASE_KIND: Record<'dispute' | 'complaint' | 'hardship_application', { en: string; zh: string }> = {
  dispute: { en: 'dispute', zh: '异议' }, complaint: { en: 'complaint', zh: '投诉' }, hardship_application: { en: 'hardship application', zh: '停息挂账申请' },
};

/**
 * Lifts a hold before its end (a supervisor's decision, with the reason on record), on an account
 * in the caller's scope (a team lead's team's; another's is "not yours to see"). A hold that
 * belongs to an open dispute, complaint or hardship application is not lifted here: it ends
 * with its case (the creditor's verification, the supervisor's finding, the creditor's decision).
 */
export async function releaseHold(ctx: AppContext, actor: Actor, holdId: number, reason: string): Promise<void> {
  authorize(actor, 'holds.release');
  if (!reason.trim()) throw invalidInput({ en: 'Say why the hold is lifted', zh: '请填写解除停催的原因' }, 'reason');
  await inTransaction(ctx.pool, async (client) => {
    const hold = await findHold(client, holdId);
    // Only a hold on an account the caller may see (a debtor-wide one: on a debtor with such an account).
    const scope = accountScope(actor);
    const visible = hold !== undefined && (hold.account_id !== null
      ? (await findAccountInScope(client, scope, hold.account_id)) !== undefined
      : (await listDebtorsAccounts(client, scope, [hold.debtor_id], businessDate(ctx))).length > 0);
    if (!hold || !visible) throw new AppError('NOT_FOUND', { en: `Hold ${holdId} does not exist or is not yours to see`, zh: `停催 ${holdId} 不存在或您无权查看` });
    const openCase = await openCaseOfHold(client, holdId, businessDate(ctx));
    if (openCase) {
      throw new AppError('CONFLICT', {
        en: `Hold ${holdId} belongs to the open ${CASE_KIND[openCase.kind].en} ${openCase.id}: it ends when that case is decided, not on its own`,
        zh: `停催 ${holdId} 属于尚未办结的${CASE_KIND[openCase.kind].zh} ${openCase.id}：须等该事项处理完毕后随之解除，不能单独解除`,
      });
    }
    if (!(await releaseHoldRow(client, holdId, actor.userId, reason.trim(), ctx.now()))) {
      throw new AppError('CONFLICT', { en: `Hold ${holdId} was already lifted`, zh: `停催 ${holdId} 已经解除` });
    }
    await appendAudit(client, actor, { action: 'hold.release', entity: 'hold', entityId: holdId, creditorId: hold.creditor_id,
      detail: { kind: hold.kind, debtor_id: hold.debtor_id, account_id: hold.account_id, reason: reason.trim() } });
  });
}
