import { findAccountInScope } from '../../db/accounts-repository.ts';
import { contractInForce } from '../../db/contracts-repository.ts';
import { listHoldsForAccount, type HoldRow } from '../../db/holds-repository.ts';
import { holdLastDay, isPackId, resolvePolicy } from '../../domain/compliance/index.ts';
import { AppError } from '../../domain/errors.ts';
import { accountScope, authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';

/**
 * `last_day`: the last day the compliance engine keeps the hold in force (its recorded end, or
 * the end the law gives a UK breathing space or plan being arranged); null while it has none.
 */
export type HoldView = HoldRow & { in_force: boolean; last_day: string | null;
  /** A debtor-wide hold placed from another creditor's account, shown to a bank's user: its kind and dates only (its words, who placed it: that bank's business). */
  other_creditor?: true };

/** The account's holds with who/when/why, until when, and whether each is in force today. */
export async function listHolds(ctx: AppContext, actor: Actor, accountId: number): Promise<HoldView[]> {
  authorize(actor, 'accounts.read');
  const account = await findAccountInScope(ctx.pool, accountScope(actor), accountId);
  if (!account) throw new AppError('NOT_FOUND', { en: `Account ${accountId} does not exist or is not yours to see`, zh: `账户 ${accountId} 不存在或您无权查看` });
  const today = businessDate(ctx);
  const holds = await listHoldsForAccount(ctx.pool, accountId, account.debtor_id);
  const contract = await contractInForce(ctx.pool, account.creditor_id, today);
  const policy = resolvePolicy(contract !== undefined && isPackId(contract.pack) ? contract.pack : 'CN', (contract?.terms['compliance'] ?? {}) as Record<string, unknown>);
  const extended = holds.some((h) => h.kind === 'plan_pending_extended' && h.released_at === null);
  return holds.map((h) => {
    const lastDay = holdLastDay(policy, h, extended);
    const view: HoldView = { ...h, last_day: lastDay, in_force: h.released_at === null && h.starts_on <= today && (lastDay === null || lastDay >= today) };
    // A bank's user reads that the debtor's collection is stopped and why in kind; not another bank's words about its own account.
    if (actor.role !== 'creditor_user' || h.placed_from_creditor_id === null || h.placed_from_creditor_id === account.creditor_id) return view;
    return { ...view, reason: '', set_by: null, set_by_name: null, released_by: null, released_reason: null, other_creditor: true };
  });
}
