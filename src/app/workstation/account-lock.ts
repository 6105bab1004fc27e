import { findAccountInScope } from '../../db/accounts-repository.ts';
import type { Queryable } from '../../db/pool.ts';
import { lockAccount, type LockedAccount } from '../../db/workstation-repository.ts';
import { AppError } from '../../domain/errors.ts';
import { accountScope } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';

/**
 * The account a change is about, in the actor's scope, locked for the change. With an
 * expected version (what the screen showed), a change made by someone else since is
 * reported as VERSION_CONFLICT rather than silently overwritten.
 */
export async function lockAccountForChange(ctx: AppContext, db: Queryable, actor: Actor, accountId: number,
  expectedVersion: number | null | undefined): Promise<LockedAccount> {
  if (!(await findAccountInScope(db, accountScope(actor), accountId))) {
    throw new AppError('NOT_FOUND', `Account ${accountId} does not exist or is not yours to see`);
  }
  const account = await lockAccount(db, accountId, businessDate(ctx));
  if (!account) throw new AppError('NOT_FOUND', `Account ${accountId} does not exist`);
  checkVersion(account, expectedVersion);
  return account;
}

export function checkVersion(account: { id: number; version: number }, expectedVersion: number | null | undefined): void {
  if (expectedVersion === null || expectedVersion === undefined || expectedVersion === account.version) return;
  throw new AppError('VERSION_CONFLICT',
    `Account ${account.id} was changed by someone else since you opened it (version ${account.version}, yours ${expectedVersion}); reload the account and try again`,
    { details: { current_version: account.version, expected_version: expectedVersion } });
}

export function requireUserId(actor: Actor): number {
  if (actor.userId === null) throw new AppError('FORBIDDEN', 'This action needs a signed-in user');
  return actor.userId;
}
