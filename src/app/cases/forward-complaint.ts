import { findAccountIdByNumber, openForwardedComplaint } from '../../db/cases-repository.ts';
import { AppError, invalidInput } from '../../domain/errors.ts';
import { maskAccountNo } from '../../domain/masking.ts';
import { authorize } from '../authorization.ts';
import type { Actor, AppContext } from '../context.ts';
import { openComplaint } from './open-complaint.ts';

export interface ForwardComplaintInput {
  /** The bank's own account number, in full: the bank knows it, our lists only show it masked. */
  accountNo: string;
  /** Received by the bank itself (its hotline, branch) or from a regulator (e.g. a 12378 referral). */
  channel: 'creditor' | 'regulator';
  description: string;
}

/**
 * A complaint the bank received about the agency's collection and forwards (转办投诉), from
 * the bank's own Cases screen. The bank's users have no account page, so the account is
 * named by its number; it must be one the bank placed. From there it is an ordinary
 * complaint: the hold goes on at once and the team supervisor answers by the deadline.
 */
export async function forwardComplaint(ctx: AppContext, actor: Actor, input: ForwardComplaintInput):
  Promise<{ id: number; account_id: number; account_no_mask: string; due_on: string }> {
  authorize(actor, 'complaints.forward');
  if (actor.creditorId === null) {
    throw new AppError('FORBIDDEN', {
      en: 'Only a bank user forwards a complaint; staff record it on the account page',
      zh: '只有银行用户可以转办投诉；机构员工请在账户页面登记投诉',
    });
  }
  const accountNo = input.accountNo.replace(/\s+/g, '');
  // The number as our lists and notices show it (********7890), copied from there: no use for finding the account, and a
  // "not placed" would send the bank hunting for a mistake it did not make. It needs the full number, and where to find it.
  if (/[*＊•]/.test(accountNo)) {
    throw invalidInput({
      en: `${accountNo} is the account number with digits hidden, as our lists show it: enter the full account number, from your bank's own records `
        + 'or from the Account status file (Reports, Files for the bank), which gives in full the number of every account we collect for you',
      zh: `${accountNo} 是隐去部分数字的账号（列表中的显示方式）：请填写完整账号，可在贵行系统中查询，`
        + '或在“报表 → 回盘文件 → 案件状态”下载的文件中查到（其中列有本机构为贵行催收的每个账户的完整账号）',
    }, 'account_no', { account_no_mask: accountNo });
  }
  const accountId = await findAccountIdByNumber(ctx.pool, actor.creditorId, accountNo);
  if (accountId === undefined) {
    throw new AppError('NOT_FOUND', {
      en: `Your bank has not placed an account numbered ${maskAccountNo(accountNo)} with us: check the number`,
      zh: `贵行未委托账号为 ${maskAccountNo(accountNo)} 的账户，请核对账号`,
    }, { field: 'account_no', details: { account_no_mask: maskAccountNo(accountNo) } });
  }
  // The same complaint forwarded twice (a second click, a second copy of the regulator's referral) would be two complaints,
  // two holds and two investigations, and count twice against the agency: one the bank forwarded that is still open is named instead.
  const open = await openForwardedComplaint(ctx.pool, actor.creditorId, accountId);
  if (open) {
    throw new AppError('CONFLICT', {
      en: `Complaint ${open.id} you forwarded on ${maskAccountNo(accountNo)} is still open (answer due ${open.due_on}): add what is new to it rather than forwarding it again`,
      zh: `您就账户 ${maskAccountNo(accountNo)} 转办的投诉 ${open.id} 仍在处理中（答复期限 ${open.due_on}）：如有新情况请补充到该投诉，不必重复转办`,
    }, { field: 'account_no', details: { complaint_id: open.id } });
  }
  const opened = await openComplaint(ctx, { kind: 'staff', actor }, accountId, { channel: input.channel, description: input.description });
  return { id: opened.id, account_id: accountId, account_no_mask: maskAccountNo(accountNo), due_on: opened.due_on };
}
