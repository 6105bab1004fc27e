import { appendAudit } from '../../db/audit-repository.ts';
import { findCreditorByCode, setRepaymentChannels } from '../../db/creditors-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { AppError, invalidInput } from '../../domain/errors.ts';
import { authorize } from '../authorization.ts';
import type { Actor, AppContext } from '../context.ts';

export const REPAYMENT_MAX = 1000;

/**
 * 还款方式: how a creditor's debtors pay it (the bank's app, branches, its repayment account, its
 * service line), in Chinese and, optionally, English; an admin's, audited (`creditor.repayment`).
 * Both empty clears it: the portal then says "the bank's official channels" without naming them.
 */
export async function setRepayment(ctx: AppContext, actor: Actor, code: string, input: { zh: string; en?: string | null }): Promise<{ repayment_zh: string | null; repayment_en: string | null }> {
  authorize(actor, 'creditors.manage');
  const zh = input.zh.trim() || null;
  const en = input.en?.trim() || null;
  for (const [field, text] of [['zh', zh], ['en', en]] as const) {
    if (text !== null && text.length > REPAYMENT_MAX) {
      throw invalidInput({ en: `The ${field} text is ${text.length} characters; at most ${REPAYMENT_MAX}`, zh: `${field === 'zh' ? '中文' : '英文'}说明共 ${text.length} 字，最多 ${REPAYMENT_MAX} 字` }, field);
    }
  }
  if (zh === null && en !== null) throw invalidInput({ en: 'Write the Chinese text first: most debtors read it', zh: '请先填写中文说明：多数债务人阅读中文' }, 'zh');
  return inTransaction(ctx.pool, async (client) => {
    const creditor = await findCreditorByCode(client, code);
    if (!creditor) throw new AppError('NOT_FOUND', { en: `No creditor "${code}"`, zh: `没有委托方“${code}”` });
    await setRepaymentChannels(client, creditor.id, { zh, en });
    await appendAudit(client, actor, { action: 'creditor.repayment', entity: 'creditor', entityId: creditor.id, creditorId: creditor.id, detail: { zh, en } });
    return { repayment_zh: zh, repayment_en: en };
  });
}
