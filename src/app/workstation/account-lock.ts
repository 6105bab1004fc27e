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
 * reported as VERSION_CONFLICT rather than silently overwritten. `notFound`: the refusal when the
 * account is not there or not the actor's, for a change addressed by something on the account
 * (a promise, a callback), so that what the caller named is what is "not found".
 */
export async function lockAccountForChange(ctx: AppContext, db: Queryable, actor: Actor, accountId: number,
  expectedVersion: number | null | undefined, notFound?: AppError): Promise<LockedAccount> {
  if (!(await findAccountInScope(db, accountScope(actor), accountId))) {
    throw notFound ?? new AppError('NOT_FOUND', { en: `Account ${accountId} does not exist or is not yours to see`, zh: `案件${accountId}不存在，或不在您的查看范围内` });
  }
  const account = await lockAccount(db, accountId, businessDate(ctx));
  if (!account) throw notFound ?? new AppError('NOT_FOUND', { en: `Account ${accountId} does not exist`, zh: `案件${accountId}不存在` });
  checkVersion(account, expectedVersion);
  return account;
}

export function checkVersion(account: { id: number; version: number }, expectedVersion: number | null | undefined): void {
  if (expectedVersion === null || expectedVersion === undefined || expectedVersion === account.version) return;
  throw new AppError('VERSION_CONFLICT',
    {
      en: `Account ${account.id} was changed by someone else since you opened it (version ${account.version}, yours ${expectedVersion}); reload the account and try again`,
      zh: `您打开案件${account.id}后，其他人修改了它（当前版本${account.version}，您的版本${expectedVersion}），请重新加载案件后再试`,
    },
    { details: { current_version: account.version, expected_version: expectedVersion } });
}

export function requireUserId(actor: Actor): number {
  if (actor.userId === null) throw new AppError('FORBIDDEN', { en: 'This action needs a signed-in user', zh: '此操作需要先登录' });
  return actor.userId;
}
