import { tellCreditorToDecide } from '../../db/notifications-repository.ts';
import { appendAudit } from '../../db/audit-repository.ts';
import { insertWaiver, lockCaseAccount } from '../../db/cases-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import {
  covers, requiredAuthority, settlementAmount, settlementSchedule, validateDiscount, waiverLimitsFrom, type Authority, type Parts,
} from '../../domain/cases/index.ts';
import { compareDates, isLocalDate, type LocalDate } from '../../domain/calendar.ts';
import { FINISHED_STATUSES, FINISHED_ZH, type FinishedStatus } from '../../domain/compliance/index.ts';
import { AppError, invalidInput } from '../../domain/errors.ts';
import { currencyOfPack, fen } from '../../domain/money.ts';
import { authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';
import { refuseUnlessCollecting } from '../workstation/take-promise.ts';
import { accountInScope } from './case-access.ts';

export interface OfferSettlementInput {
  principalFen: number; interestFen: number; feesFen: number;
  /** One sum by `dueDate`, or `instalments` monthly payments from `dueDate`. */
  payment: 'lump_sum' | 'instalments';
  dueDate: string;
  instalments?: number;
  note?: string | null;
}

/** The authority a role holds on its own: collectors and supervisors by the contract's limits, the creditor without limit. */
export function authorityOf(actor: Actor): Authority {
  return actor.role === 'collector' ? 'collector' : actor.role === 'creditor_user' ? 'creditor' : 'supervisor';
}


/**
 * Offers a settlement (减免): a discount on balance parts, the rest paid by a date or in
 * instalments. Within the requester's own authority it is approved at once; above it, it
 * waits for the team's supervisor or the creditor (docs/cases.md).
 */
export async function offerSettlement(ctx: AppContext, actor: Actor, accountId: number, input: OfferSettlementInput):
  Promise<{ id: number; status: 'approved' | 'requested'; approver: 'requester' | 'supervisor' | 'creditor'; settle_fen: number }> {
  authorize(actor, 'settlements.offer');
  const today = businessDate(ctx);
  if (!isLocalDate(input.dueDate)) {
    throw invalidInput({
      en: `The payment date "${input.dueDate}" is not a real calendar date written YYYY-MM-DD`,
      zh: `还款日期“${input.dueDate}”不是真实存在的日期，请按 YYYY-MM-DD 格式填写`,
    }, 'due_date');
  }
  const dueDate = input.dueDate;
  if (compareDates(dueDate, today as LocalDate) < 0) {
    throw invalidInput({ en: `The payment date ${dueDate} is before today (${today})`, zh: `还款日期${dueDate}早于今天（${today}）` }, 'due_date');
  }
  const count = input.payment === 'lump_sum' ? 1 : (input.instalments ?? 0);
  if (input.payment === 'instalments' && (count < 2 || count > 60)) {
    throw invalidInput({ en: 'A settlement in instalments has from 2 to 60 of them', zh: '分期减免的期数须在 2 到 60 之间' }, 'instalments');
  }
  return inTransaction(ctx.pool, async (client) => {
    await accountInScope(client, actor, accountId);
    const account = await lockCaseAccount(client, accountId, today);
    if (!account) throw new AppError('NOT_FOUND', { en: `Account ${accountId} does not exist`, zh: `账户 ${accountId} 不存在` });
    if ((FINISHED_STATUSES as readonly string[]).includes(account.status)) {
      throw new AppError('CONFLICT', {
        en: `Account ${accountId} is ${account.status}; nothing is left to settle`,
        zh: `账户 ${accountId} 已是“${FINISHED_ZH[account.status as FinishedStatus]}”状态，没有可以减免结清的欠款`,
      });
    }
    // Not beside an approved plan, nor while collection is held (a dispute, a hardship application under review...).
    await refuseUnlessCollecting(client, { id: accountId, debtor_id: account.debtor_id, status: account.status }, today, 'settlement');
    const balance: Parts = { principal: fen(account.principal_fen), interest: fen(account.interest_fen), fees: fen(account.fees_fen) };
    const discount = { principal: input.principalFen, interest: input.interestFen, fees: input.feesFen } as Parts;
    validateDiscount(balance, discount, currencyOfPack(account.pack));
    const settleFen = settlementAmount(balance, discount);
    const schedule = settlementSchedule(settleFen, dueDate, count);
    // Paid while the agency holds the account: after its mandate ends nobody here collects it or is paid commission on it.
    const last = schedule[schedule.length - 1]!.due_date;
    if (compareDates(last, account.mandate_ends_on as LocalDate) > 0) {
      throw invalidInput({
        en: `The settlement's ${count === 1 ? 'payment' : 'last instalment'} (${last}) is after the last day of the account's placement (${account.mandate_ends_on}), when the bank's mandate ends: agree an earlier date${count === 1 ? '' : ' or fewer instalments'}, or ask the bank to extend the placement first`,
        zh: `减免方案的${count === 1 ? '还款日期' : '最后一期'}（${last}）晚于本案的委案到期日（${account.mandate_ends_on}），届时委托结束：请约定更早的日期${count === 1 ? '' : '或更少的期数'}，或先请银行延期`,
      }, 'due_date');
    }
    const needed = requiredAuthority(waiverLimitsFrom(account.terms), balance, discount);
    const atOnce = covers(authorityOf(actor), needed);
    const approver = atOnce ? 'requester' as const : needed === 'creditor' ? 'creditor' as const : 'supervisor' as const;
    const status = atOnce ? 'approved' as const : 'requested' as const;
    const id = await insertWaiver(client, {
      creditorId: account.creditor_id, accountId, discount, balance, settleFen, payment: input.payment, schedule,
      dueDate: schedule[schedule.length - 1]!.due_date, offeredOn: today, approver, teamId: account.team_id, status,
      note: input.note?.trim() || null, requestedBy: actor.userId, at: ctx.now(),
    });
    if (id === undefined) {
      throw new AppError('CONFLICT', { en: `Account ${accountId} already has a settlement offer waiting or agreed`, zh: `账户 ${accountId} 已有待审批或已同意的减免方案` });
    }
    await appendAudit(client, actor, { action: 'settlement.offer', entity: 'waiver', entityId: id, creditorId: account.creditor_id,
      detail: { account_id: accountId, discount_fen: discount, balance_fen: balance, settle_fen: settleFen, payment: input.payment,
        due_date: schedule[schedule.length - 1]!.due_date, instalments: count, needs: needed, status, approver } });
    if (approver === 'creditor') {
      await tellCreditorToDecide(client, { at: ctx.now(), creditorId: account.creditor_id, accountId, kind: 'settlement_to_decide', waiverId: id, message: (mask) => ({
        en: `Settlement offer ${id} on ${mask} waits for your approval: it waives more than the agency may`,
        zh: `账户 ${mask} 的减免方案 ${id} 待您审批：减免额度超出机构权限`,
      }) });
    }
    return { id, status, approver, settle_fen: settleFen };
  });
}
