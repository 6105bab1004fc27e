import { findAccountInScope } from '../../db/accounts-repository.ts';
import { appendAudit } from '../../db/audit-repository.ts';
import { findPayment, insertPayment, lockPayment, type PaymentRow } from '../../db/payments-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { compareDates, parseLocalDate, type LocalDate } from '../../domain/calendar.ts';
import { AppError, invalidInput } from '../../domain/errors.ts';
import { accountScope, authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';
import { settlePayments } from './settle-payments.ts';

export const REVERSAL_REASONS = ['bounced', 'refunded'] as const;
const REVERSAL_REASONS_ZH: Readonly<Record<(typeof REVERSAL_REASONS)[number], string>> = { bounced: '退票', refunded: '退款' };

/**
 * A bounced or refunded payment: a new negative entry dated `on` (default today) that undoes
 * the original's allocation, credit and commission exactly. Nothing is edited; a payment is
 * reversed once; a reversal is not reversed.
 */
export async function reversePayment(ctx: AppContext, actor: Actor, input: { paymentId: number; reason: string | undefined; on?: string | undefined }): Promise<PaymentRow> {
  authorize(actor, 'payments.reverse');
  if (input.reason === undefined || !(REVERSAL_REASONS as readonly string[]).includes(input.reason)) {
    throw invalidInput({
      en: `reason must be one of ${REVERSAL_REASONS.join(', ')}, not "${String(input.reason)}"`,
      zh: `reason 须为 ${REVERSAL_REASONS.map((r) => `${r}（${REVERSAL_REASONS_ZH[r]}）`).join('、')} 之一，不能是“${String(input.reason)}”`,
    }, 'reason');
  }
  const today = businessDate(ctx) as LocalDate;
  const on = input.on === undefined ? today : parseLocalDate(input.on);
  const id = await inTransaction(ctx.pool, async (client) => {
    await lockPayment(client, input.paymentId);
    const original = await findPayment(client, input.paymentId);
    const account = original && await findAccountInScope(client, accountScope(actor), original.account_id);
    if (!original || !account) {
      throw new AppError('NOT_FOUND', {
        en: `Payment ${input.paymentId} does not exist or is not yours to see`,
        zh: `还款记录 ${input.paymentId} 不存在或您无权查看`,
      }, { field: 'payment_id' });
    }
    if (original.amount_fen < 0 || original.reverses_id !== null) {
      throw invalidInput({ en: `Payment ${original.id} is itself a reversal; it cannot be reversed`, zh: `还款记录 ${original.id} 本身就是冲正，不能再冲正` }, 'payment_id');
    }
    if (original.reversed_by !== null) {
      throw new AppError('CONFLICT', {
        en: `Payment ${original.id} was already reversed by payment ${original.reversed_by}`,
        zh: `还款记录 ${original.id} 已被还款记录 ${original.reversed_by} 冲正`,
      }, { field: 'payment_id' });
    }
    if (compareDates(on, original.paid_on as LocalDate) < 0) {
      throw invalidInput({
        en: `The reversal date ${on} is before the payment's date ${original.paid_on}`,
        zh: `冲正日期 ${on} 早于该笔还款的日期 ${original.paid_on}`,
      }, 'on');
    }
    if (compareDates(on, today) > 0) throw invalidInput({ en: `The reversal date ${on} is after today (${today})`, zh: `冲正日期 ${on} 晚于今天（${today}）` }, 'on');
    const id = await insertPayment(client, {
      creditorId: original.creditor_id, accountId: original.account_id, txnId: `${original.txn_id.slice(0, 60)}-REV`, amountFen: -original.amount_fen,
      paidOn: on, source: 'reversal', recordedBy: actor.userId, reversesId: original.id, reversalReason: input.reason!,
    });
    await settlePayments(client, { creditorId: original.creditor_id, ids: [id] }, ctx.agencyZone, ctx.now(), actor);
    await appendAudit(client, actor, { action: 'payment.reverse', entity: 'payment', entityId: id, creditorId: original.creditor_id,
      detail: { reverses_id: original.id, reason: input.reason!, amount_fen: -original.amount_fen, on } });
    return id;
  });
  return (await findPayment(ctx.pool, id))!;
}
