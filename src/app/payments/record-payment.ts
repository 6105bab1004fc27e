import { randomBytes } from 'node:crypto';
import { findAccountInScope } from '../../db/accounts-repository.ts';
import { appendAudit } from '../../db/audit-repository.ts';
import { findPayment, insertPayment, txnExists, type PaymentRow } from '../../db/payments-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { compareDates, parseLocalDate, type LocalDate } from '../../domain/calendar.ts';
import { creditorNameFor } from '../../domain/creditor-name.ts';
import { AppError, invalidInput } from '../../domain/errors.ts';
import { contractInForce } from '../../db/contracts-repository.ts';
import { currencyOfPack, fen, formatMoney } from '../../domain/money.ts';
import { accountScope, authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';
import { settlePayments } from './settle-payments.ts';

export interface RecordPaymentInput { accountId: number | undefined; amountFen: number | undefined; paidOn?: string | undefined; txnId?: string | undefined }

/**
 * A payment recorded by staff (a receipt the bank's file has not brought yet): stored, then
 * settled like a file's payment: allocated in the contract's order, credited, matched to an
 * open promise, commission computed. Same transaction, same audit row.
 */
export async function recordPayment(ctx: AppContext, actor: Actor, input: RecordPaymentInput): Promise<PaymentRow> {
  authorize(actor, 'payments.record');
  if (input.accountId === undefined) throw invalidInput({ en: 'Choose the account the payment is for', zh: '请选择这笔还款所属的账户' }, 'account_id');
  if (input.amountFen === undefined) {
    throw invalidInput({
      en: 'Enter the amount paid',
      zh: '请填写还款金额',
    }, 'amount_fen');
  }
  const amount = fen(input.amountFen);
  if (amount <= 0) {
    throw invalidInput({
      en: 'The amount must be more than 0.00; to undo a bounced or refunded payment, reverse that payment instead',
      zh: '还款金额须大于 0.00；退票或退款请对原来那笔还款做冲正',
    }, 'amount_fen');
  }
  const today = businessDate(ctx) as LocalDate;
  const paidOn = input.paidOn === undefined ? today : parseLocalDate(input.paidOn);
  if (compareDates(paidOn, today) > 0) {
    throw invalidInput({
      en: `The payment date ${paidOn} is after today (${today}): a payment is recorded once it is made`,
      zh: `还款日期 ${paidOn} 晚于今天（${today}）：还款到账后再登记`,
    }, 'paid_on');
  }
  const txnId = (input.txnId ?? `STAFF-${paidOn.replaceAll('-', '')}-${randomBytes(4).toString('hex')}`).trim();
  if (!/^[\x21-\x7e]{1,64}$/.test(txnId)) {
    throw invalidInput({
      en: 'The bank transaction number must be 1 to 64 English letters, digits or symbols, without spaces',
      zh: '银行交易流水号须为 1 至 64 个英文字母、数字或符号，不能含空格或汉字',
    }, 'txn_id');
  }
  const id = await inTransaction(ctx.pool, async (client) => {
    const account = await findAccountInScope(client, accountScope(actor), input.accountId!);
    if (!account) {
      throw new AppError('NOT_FOUND', {
        en: `Account ${String(input.accountId)} does not exist or is not yours to see`,
        zh: `账户 ${String(input.accountId)} 不存在或您无权查看`,
      }, { field: 'account_id' });
    }
    // The bank's figures count what was paid before their day: a payment dated earlier would change no balance, yet be listed to the
    // debtor and counted on a statement. A receipt that old is the bank's to put right in its next file.
    if (compareDates(paidOn, account.balance_stated_on as LocalDate) < 0) {
      throw invalidInput({
        en: `The payment date ${paidOn} is before ${account.balance_stated_on}, the day of the bank's figures for this account, which already count what was paid until then: record only a payment made on or after ${account.balance_stated_on}; an earlier one missing from the bank's figures is for the bank to correct in its next file`,
        zh: `还款日期 ${paidOn} 早于该账户银行数据的日期 ${account.balance_stated_on}，此前的还款已计入银行数据：只登记 ${account.balance_stated_on} 当天及之后的还款；银行数据漏记的更早还款，请银行在下一份文件中更正`,
      }, 'paid_on');
    }
    // More than is owed is a slip (an extra zero) or money to give back, not a recovery: it would be allocated past the balance and
    // earn commission on the excess. The bank's payment file, which states what was paid, is not held to this.
    const owed = account.stated_fen - account.paid_since_statement_fen;
    if (amount > owed) {
      const currency = currencyOfPack((await contractInForce(client, account.creditor_id, today))?.pack);
      throw invalidInput({
        en: `${formatMoney(amount, currency, 'en')} is more than the ${formatMoney(fen(Math.max(owed, 0)), currency, 'en')} owed on this account now: check the amount; money paid beyond the balance is refunded to the debtor, not recorded as a recovery`,
        zh: `${formatMoney(amount, currency, 'zh-CN')} 超过该账户当前欠款 ${formatMoney(fen(Math.max(owed, 0)), currency, 'zh-CN')}：请核对金额；超出欠款的部分应退还债务人，不作为回款登记`,
      }, 'amount_fen');
    }
    if (await txnExists(client, account.creditor_id, txnId)) {
      // Unique per bank (委托方), not per account: the same number on another of the bank's accounts is the same receipt.
      throw new AppError('CONFLICT', {
        en: `The bank transaction number ${txnId} is already recorded for ${creditorNameFor(true, { name: account.creditor_name, name_en: account.creditor_name_en })} (${account.creditor_code}): this payment may be in already; check the account's payments`,
        zh: `银行交易流水号 ${txnId} 已在委托方 ${account.creditor_name}（${account.creditor_code}）下登记过：这笔还款可能已登记，请查看账户的还款记录`,
      }, { field: 'txn_id' });
    }
    const id = await insertPayment(client, { creditorId: account.creditor_id, accountId: account.id, txnId, amountFen: amount, paidOn, source: 'staff', recordedBy: actor.userId });
    const [settled] = await settlePayments(client, { creditorId: account.creditor_id, ids: [id] }, ctx.agencyZone, ctx.now(), actor);
    await appendAudit(client, actor, { action: 'payment.record', entity: 'payment', entityId: id, creditorId: account.creditor_id,
      detail: { account_id: account.id, txn_id: txnId, amount_fen: amount, paid_on: paidOn, settlement: settled } });
    return id;
  });
  return (await findPayment(ctx.pool, id))!;
}
