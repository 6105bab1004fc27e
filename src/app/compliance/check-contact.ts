import { findAccountInScope } from '../../db/accounts-repository.ts';
import type { Decision } from '../../domain/compliance/index.ts';
import { AppError } from '../../domain/errors.ts';
import { accountScope, authorize } from '../authorization.ts';
import type { Actor, AppContext } from '../context.ts';
import { decideContact } from './contact-state.ts';
import type { ContactIntent } from './situation.ts';

/** "May I contact now?": the engine's decision for an account, without recording anything. */
export async function checkContact(ctx: AppContext, actor: Actor, accountId: number, intent: Omit<ContactIntent, 'at'> & { at?: Date }): Promise<Decision> {
  authorize(actor, 'contacts.log');
  if (!(await findAccountInScope(ctx.pool, accountScope(actor), accountId))) {
    throw new AppError('NOT_FOUND', { en: `Account ${accountId} does not exist or is not yours to see`, zh: `案件${accountId}不存在，或不在您的查看范围内` });
  }
  const at = intent.at ?? ctx.now();
  return decideContact(ctx, ctx.pool, accountId, { ...intent, at });
}
