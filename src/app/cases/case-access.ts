import { findAccountInScope, type AccountListRow } from '../../db/accounts-repository.ts';
import type { CaseScope } from '../../db/cases-repository.ts';
import type { Queryable } from '../../db/pool.ts';
import { AppError } from '../../domain/errors.ts';
import { accountScope } from '../authorization.ts';
import type { Actor } from '../context.ts';

/**
 * Who opens a dispute or a complaint: a signed-in user (staff), or the debtor themself
 * through the self-service portal. The portal has already proved who the debtor is; the
 * account must be theirs.
 */
export type CaseOrigin =
  | { kind: 'staff'; actor: Actor }
  | { kind: 'debtor'; debtorId: number; channel: 'portal' };

/**
 * The audit log's actor for a debtor acting online: no user, named `debtor:<id>`. Its role
 * is never checked (the portal origin skips PERMISSIONS; the account's debtor is the scope).
 */
export function debtorActor(debtorId: number): Actor {
  return { userId: null, username: `debtor:${debtorId}`, role: 'collector', teamId: null, creditorId: null };
}

export function notFound(what: string, id: number): AppError {
  return new AppError('NOT_FOUND', `${what} ${id} does not exist or is not yours to see`);
}

/** The account through the actor's scope, or NOT_FOUND (another team's or creditor's account looks absent). */
export async function accountInScope(db: Queryable, actor: Actor, accountId: number): Promise<AccountListRow> {
  const account = await findAccountInScope(db, accountScope(actor), accountId);
  if (!account) throw notFound('Account', accountId);
  return account;
}

/** The actor's inbox filter: a supervisor's team, a creditor user's bank, or everything (admin). */
export function caseScopeOf(actor: Actor): CaseScope {
  const scope = accountScope(actor);
  switch (scope.kind) {
    case 'team': return { kind: 'team', teamId: scope.teamId };
    case 'creditor': return { kind: 'creditor', creditorId: scope.creditorId };
    case 'all': return { kind: 'all' };
    case 'collector': throw new AppError('FORBIDDEN', 'Collectors have no cases inbox');
  }
}

export function requireText(value: string | null | undefined, field: string, what: string): string {
  const text = (value ?? '').trim();
  if (text.length < 2) throw new AppError('INVALID_INPUT', `${what} (${field}) is required`, { field });
  if (text.length > 2000) throw new AppError('INVALID_INPUT', `${what} (${field}) is longer than 2000 characters`, { field });
  return text;
}
