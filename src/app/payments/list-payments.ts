import { findAccountInScope } from '../../db/accounts-repository.ts';
import { listAccountPayments, type PaymentRow } from '../../db/payments-repository.ts';
import { AppError } from '../../domain/errors.ts';
import { accountScope, authorize } from '../authorization.ts';
import type { Actor, AppContext } from '../context.ts';

/** An account's payment entries with their settlement, newest first. */
export async function listPayments(ctx: AppContext, actor: Actor, accountId: number): Promise<PaymentRow[]> {
  authorize(actor, 'payments.read');
  const account = await findAccountInScope(ctx.pool, accountScope(actor), accountId);
  if (!account) throw new AppError('NOT_FOUND', { en: `Account ${accountId} does not exist or is not yours to see`, zh: `账户 ${accountId} 不存在或您无权查看` });
  return listAccountPayments(ctx.pool, account.creditor_id, accountId);
}
