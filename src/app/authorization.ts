import { AppError } from '../domain/errors.ts';
import type { Actor, Role } from './context.ts';

/**
 * Who may do what: the one place where roles meet permissions. Scope (which rows) is the
 * second half: `accountScope` says which accounts an actor sees at all; repositories turn it
 * into SQL, so a query can never forget it.
 */
export const PERMISSIONS = {
  'accounts.read': ['admin', 'supervisor', 'collector', 'creditor_user'],
  'accounts.reveal_pii': ['admin', 'supervisor', 'collector'],
  'creditors.read': ['admin', 'supervisor'],
  'creditors.manage': ['admin'],
  'users.manage': ['admin'], 'teams.read': ['admin', 'supervisor'],
  'audit.verify': ['admin'], 'audit.read': ['admin'],
  'contacts.log': ['admin', 'supervisor', 'collector'],
  'contacts.plan': ['admin', 'supervisor', 'collector'],
  // 催记更正: a team lead's, never the collector's own record.
  'contacts.correct': ['admin', 'supervisor'],
  'holds.manage': ['admin', 'supervisor', 'collector'],
  'holds.release': ['admin', 'supervisor'],
  'suspensions.read': ['admin', 'supervisor', 'collector'],
  'suspensions.manage': ['admin'],
  'imports.run': ['admin'],
  // 委案批次: their terms; a bank's users see their own. Extending a term (延期) or keeping accounts past it (留案) is the bank's
  // decision: its users make it for their own placements, the agency's admins record it when it comes by letter. Recalling at
  // the term's end (到期退案): the nightly run's, or an admin's.
  'placements.read': ['admin', 'supervisor', 'creditor_user'], 'placements.manage': ['admin', 'creditor_user'], 'placements.recall': ['admin'],
  'imports.read': ['admin', 'supervisor'],
  'territories.read': ['admin', 'supervisor'], 'territories.manage': ['admin'],
  'assignment.deal': ['admin'], 'assignment.manage': ['admin', 'supervisor'],
  'strategy.run': ['admin'], 'strategy.read': ['admin', 'supervisor'],
  'outbox.read': ['admin', 'supervisor'], 'outbox.manage': ['admin'], 'letters.print': ['admin'],
  'queue.work': ['supervisor', 'collector'],
  'accounts.work': ['admin', 'supervisor', 'collector'],
  'promises.take': ['admin', 'supervisor', 'collector'],
  'callbacks.schedule': ['admin', 'supervisor', 'collector'],
  'contact_points.manage': ['admin', 'supervisor', 'collector'],
  // 姓名更正: a team lead's or an admin's, on the bank's word or the debtor's document.
  'debtors.correct': ['admin', 'supervisor'],
  'workload.read': ['admin', 'supervisor'],
  'workload.manage': ['admin', 'supervisor'],
  'dashboard.read': ['admin', 'supervisor'],
  'hardship.apply': ['admin', 'supervisor', 'collector'], 'hardship.decide': ['admin', 'creditor_user'],
  'hardship.read': ['admin', 'supervisor', 'collector', 'creditor_user'], 'hardship.evaluate': ['admin'], 'hardship.programmes': ['admin', 'supervisor'],
  'reports.read': ['admin', 'supervisor', 'collector', 'creditor_user'], 'reports.snapshot': ['admin'],
  'cases.read': ['admin', 'supervisor', 'collector', 'creditor_user'], 'cases.inbox': ['admin', 'supervisor', 'creditor_user'],
  'settlements.offer': ['admin', 'supervisor', 'collector', 'creditor_user'], 'settlements.decide': ['admin', 'supervisor', 'creditor_user'],
  'settlements.evaluate': ['admin'],
  'disputes.open': ['admin', 'supervisor', 'collector'], 'disputes.resolve': ['admin', 'creditor_user'],
  'complaints.open': ['admin', 'supervisor', 'collector', 'creditor_user'], 'complaints.respond': ['collector'],
  'complaints.forward': ['creditor_user'],
  'complaints.close': ['admin', 'supervisor'], 'complaints.scorecard': ['admin', 'supervisor'],
  'portal.invite': ['admin', 'supervisor', 'collector'], 'site.manage': ['admin'],
  'contracts.read': ['admin', 'supervisor', 'creditor_user'], 'contracts.manage': ['admin'],
  'payments.read': ['admin', 'supervisor', 'collector', 'creditor_user'], 'payments.record': ['admin', 'supervisor'], 'payments.reverse': ['admin', 'supervisor'],
  'statements.read': ['admin', 'supervisor', 'creditor_user'], 'statements.issue': ['admin'],
  'incentives.read': ['admin', 'supervisor', 'collector'],
  'notifications.read': ['admin', 'supervisor', 'collector', 'creditor_user'],
  'quality.read': ['admin', 'supervisor', 'collector'], 'quality.review': ['admin', 'supervisor'],
  'quality.appeal': ['collector'], 'quality.decide_appeal': ['admin', 'supervisor'],
  'privacy.erase': ['admin'],
  // 合规确认: the compliance officer's word on the rules and texts; an admin's.
  'compliance.read': ['admin', 'supervisor'], 'compliance.confirm': ['admin'],
  'exports.read': ['admin', 'creditor_user'],
  // ID numbers in clear, for a skip-trace vendor: the agency's admins only.
  'exports.lost_contacts': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(actor: Actor, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(actor.role);
}

/** The roles' names on the Chinese screens (web/src/i18n/zh-CN.json "roles"). */
const ROLE_ZH: Record<Role, string> = { admin: '管理员', supervisor: '组长', collector: '催收员', creditor_user: '委托方' };

/** A role's name in Chinese, for messages; an unknown role shows as it is. */
export function roleZh(role: string): string {
  return (ROLE_ZH as Record<string, string>)[role] ?? role;
}

/** The roles in words, plural, for saying who may do something. */
const ROLES_EN: Record<Role, { one: string; many: string }> = {
  admin: { one: 'admin', many: 'admins' }, supervisor: { one: 'team lead', many: 'team leads' },
  collector: { one: 'collector', many: 'collectors' }, creditor_user: { one: "bank's user", many: "the bank's users" },
};

/** A role in words, with its article (a team lead, a bank's user), for messages. */
export function roleEn(role: string): string {
  return withArticle(ROLES_EN[role as Role]?.one ?? role);
}

function listEn(words: readonly string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

function withArticle(word: string): string {
  return `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;
}

/**
 * The refusal says who may do it (so the reader knows whom to ask) in words, not the permission's
 * key; the key goes in the details for whoever supports them.
 */
export function authorize(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) {
    const allowed = PERMISSIONS[permission] as readonly Role[];
    throw new AppError('FORBIDDEN', {
      en: `Only ${listEn(allowed.map((r) => ROLES_EN[r].many))} may do this; you are signed in as ${roleEn(actor.role)}`,
      zh: `此操作仅限${allowed.map((r) => ROLE_ZH[r]).join('、')}；您当前的角色是${roleZh(actor.role)}`,
    }, { details: { permission, roles: allowed } });
  }
}

export type AccountScope =
  | { kind: 'all' }
  | { kind: 'collector'; userId: number }
  | { kind: 'team'; teamId: number }
  | { kind: 'creditor'; creditorId: number };

export function accountScope(actor: Actor): AccountScope {
  switch (actor.role) {
    case 'admin':
      return { kind: 'all' };
    case 'supervisor':
      return { kind: 'team', teamId: required(actor.teamId, 'team') };
    case 'collector':
      return { kind: 'collector', userId: required(actor.userId, 'user') };
    case 'creditor_user':
      return { kind: 'creditor', creditorId: required(actor.creditorId, 'creditor') };
  }
}

const SCOPE_ZH = { team: '所属小组', user: '用户', creditor: '所属委托方' } as const;

function required(value: number | null, what: keyof typeof SCOPE_ZH): number {
  if (value === null) throw new AppError('FORBIDDEN', { en: `This account has no ${what} to scope its access`, zh: `该账号没有${SCOPE_ZH[what]}，无法确定其访问范围` });
  return value;
}
