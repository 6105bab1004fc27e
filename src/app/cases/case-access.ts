import { findAccountInScope, type AccountListRow } from '../../db/accounts-repository.ts';
import type { CaseScope } from '../../db/cases-repository.ts';
import type { Queryable } from '../../db/pool.ts';
import { AppError, type Bilingual } from '../../domain/errors.ts';
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

/** What a NOT_FOUND can be about, with its Chinese name (the screens' words). */
const NOUNS_ZH = {
  Account: '账户', Complaint: '投诉', Dispute: '异议', 'Settlement offer': '减免方案', Creditor: '委托方',
} as const satisfies Record<string, string>;

export function notFound(what: keyof typeof NOUNS_ZH, id: number): AppError {
  return new AppError('NOT_FOUND', { en: `${what} ${id} does not exist or is not yours to see`, zh: `${NOUNS_ZH[what]} ${id} 不存在或您无权查看` });
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
    case 'collector': throw new AppError('FORBIDDEN', { en: 'Collectors have no cases inbox', zh: '催收员没有投诉与减免待办' });
  }
}

/** A required text of 2 to 2000 characters; `what` names it in both languages (e.g. { en: 'What the debtor complains about', zh: '投诉内容' }). */
export function requireText(value: string | null | undefined, field: string, what: Bilingual): string {
  const text = (value ?? '').trim();
  if (text.length === 0) throw new AppError('INVALID_INPUT', { en: `${what.en} (${field}) is required`, zh: `请填写${what.zh}（${field}）` }, { field });
  if (text.length < 2) throw new AppError('INVALID_INPUT', { en: `${what.en} (${field}) needs at least 2 characters`, zh: `${what.zh}（${field}）至少需要 2 个字` }, { field });
  if (text.length > 2000) {
    throw new AppError('INVALID_INPUT', { en: `${what.en} (${field}) is longer than 2000 characters`, zh: `${what.zh}（${field}）不能超过 2000 个字符` }, { field });
  }
  return text;
}
