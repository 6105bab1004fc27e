import { listContractVersions } from '../../db/contracts-repository.ts';
import { lastSettledPaymentOn } from '../../db/payments-repository.ts';
import { addDays, parseLocalDate } from '../../domain/calendar.ts';
import { businessDate } from '../business-date.ts';
import { findCreditorByCode } from '../../db/creditors-repository.ts';
import { contractFromStored } from '../../domain/contracts/contract.ts';
import { AppError, invalidInput } from '../../domain/errors.ts';
import { authorize } from '../authorization.ts';
import type { Actor, AppContext } from '../context.ts';

export interface ContractVersionView {
  version: number; effective_from: string; created_at: string; contract: Record<string, unknown>; terms: Record<string, unknown>;
}

/** A creditor's contract versions, newest first (the first is the latest; which one applies depends on the date). */
export async function showContract(ctx: AppContext, actor: Actor, creditorCode: string | undefined): Promise<{ creditor: string; earliest_effective_from: string; versions: ContractVersionView[] }> {
  authorize(actor, 'contracts.read');
  if (creditorCode === undefined) throw invalidInput({ en: 'creditor is required (a creditor code)', zh: '缺少 creditor（委托方代码）' }, 'creditor');
  const creditor = await findCreditorByCode(ctx.pool, creditorCode);
  if (!creditor || (actor.role === 'creditor_user' && actor.creditorId !== creditor.id)) {
    throw new AppError('NOT_FOUND', { en: `No creditor ${creditorCode}`, zh: `没有委托方 ${creditorCode}` }, { field: 'creditor' });
  }
  const rows = await listContractVersions(ctx.pool, creditor.id);
  // The first day a new version may start (setContract's rules): today, not before the latest version, after the payments settled.
  const today = businessDate(ctx);
  const latest = rows[0]?.effective_from;
  const from = latest !== undefined && latest > today ? latest : today;
  const settled = await lastSettledPaymentOn(ctx.pool, creditor.id, from);
  const earliest = settled === null ? from : addDays(parseLocalDate(settled), 1);
  return {
    creditor: creditor.code, earliest_effective_from: earliest,
    versions: rows.map((r) => ({
      version: r.version, effective_from: r.effective_from, created_at: r.created_at.toISOString(),
      contract: contractFromStored(r), terms: r.terms,
    })),
  };
}
