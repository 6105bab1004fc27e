import { findAccountInScope } from '../../db/accounts-repository.ts';
import { listAccountActions, loadPreferences } from '../../db/portal-repository.ts';
import { AppError } from '../../domain/errors.ts';
import { accountScope, authorize } from '../authorization.ts';
import type { Actor, AppContext } from '../context.ts';

/** For the collector's account page: the debtor's portal actions with reference numbers, and their preferences. */
export async function portalActionsForAccount(ctx: AppContext, actor: Actor, accountId: number) {
  authorize(actor, 'accounts.read');
  const account = await findAccountInScope(ctx.pool, accountScope(actor), accountId);
  if (!account) throw new AppError('NOT_FOUND', { en: `Account ${accountId} does not exist or is not yours to see`, zh: `案件${accountId}不存在，或不在您的查看范围内` });
  const [actions, preferences] = await Promise.all([listAccountActions(ctx.pool, accountId, account.debtor_id), loadPreferences(ctx.pool, account.debtor_id)]);
  return { actions: actions.map(({ id: _id, account_id: _a, ...rest }) => rest), preferences };
}
