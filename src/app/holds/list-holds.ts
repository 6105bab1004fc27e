import { findAccountInScope } from '../../db/accounts-repository.ts';
import { listHoldsForAccount, type HoldRow } from '../../db/holds-repository.ts';
import { AppError } from '../../domain/errors.ts';
import { accountScope, authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';

export type HoldView = HoldRow & { in_force: boolean };

/** The account's holds with who/when/why, and whether each is in force today. */
export async function listHolds(ctx: AppContext, actor: Actor, accountId: number): Promise<HoldView[]> {
  authorize(actor, 'accounts.read');
  const account = await findAccountInScope(ctx.pool, accountScope(actor), accountId);
  if (!account) throw new AppError('NOT_FOUND', { en: `Account ${accountId} does not exist or is not yours to see`, zh: `账户 ${accountId} 不存在或您无权查看` });
  const today = businessDate(ctx);
  return (await listHoldsForAccount(ctx.pool, accountId, account.debtor_id)).map((h) => ({
    ...h, in_force: h.released_at === null && h.starts_on <= today && (h.ends_on === null || h.ends_on >= today),
  }));
}
