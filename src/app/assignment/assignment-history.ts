import { findAccountInScope } from '../../db/accounts-repository.ts';
import { assignmentHistory, type AssignmentHistoryRow } from '../../db/assignment-repository.ts';
import { AppError } from '../../domain/errors.ts';
import { accountScope, authorize } from '../authorization.ts';
import type { Actor, AppContext } from '../context.ts';

/** Who has held the account, from when to when, and why it moved: oldest first. */
export async function listAssignmentHistory(ctx: AppContext, actor: Actor, accountId: number): Promise<AssignmentHistoryRow[]> {
  authorize(actor, 'accounts.read');
  const account = await findAccountInScope(ctx.pool, accountScope(actor), accountId);
  if (!account) throw new AppError('NOT_FOUND', { en: `Account ${accountId} does not exist or is not yours to see`, zh: `案件${accountId}不存在，或不在您的查看范围内` });
  return assignmentHistory(ctx.pool, account.creditor_id, accountId);
}
