import { findAccountInScope } from '../../db/accounts-repository.ts';
import {
  findHardshipAccount, listAccountNotifications, listApplications, listEvents, listEvidence, listPlans, programmesForAccount,
  type ApplicationRow, type EventRow, type EvidenceRow, type InstalmentRow, type NotificationRow, type PlanRow, type ProgrammeRow,
} from '../../db/hardship-repository.ts';
import type { LocalDate } from '../../domain/calendar.ts';
import { AppError } from '../../domain/errors.ts';
import { HARDSHIP_REASONS, longestPlan } from '../../domain/hardship/application.ts';
import { PLAN_INSTALMENT_MAX } from '../../domain/hardship/plan.ts';
import { accountScope, authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';
import { withDecisionNoteZh } from './shared.ts';

export interface AccountHardship {
  /** instalment_max: the longest plan the contract allows, in months; instalment_max_set_by: the rules (the pack's) or the bank's contract, when less. */
  account: { id: number; status: string; pack: string; principal_fen: number; interest_fen: number; fees_fen: number; instalment_max: number;
    instalment_max_set_by: 'rules' | 'contract' };
  business_date: string;
  reasons: readonly string[];
  applications: Array<ApplicationRow & { decision_note_zh: string | null; evidence: EvidenceRow[] }>;
  plans: Array<PlanRow & { instalments: InstalmentRow[] }>;
  timeline: EventRow[];
  notifications: NotificationRow[];
  /** Open hardship programmes covering this account: the form starts from them. */
  programmes: ProgrammeRow[];
}

/** The hardship panel of the account page: applications with evidence, plans with instalments, timeline, notifications. */
export async function accountHardship(ctx: AppContext, actor: Actor, accountId: number): Promise<AccountHardship> {
  authorize(actor, 'hardship.read');
  const scope = accountScope(actor);
  if (!(await findAccountInScope(ctx.pool, scope, accountId))) {
    throw new AppError('NOT_FOUND', { en: `Account ${accountId} does not exist or is not yours to see`, zh: `账户 ${accountId} 不存在或您无权查看` });
  }
  const today = businessDate(ctx) as LocalDate;
  const account = await findHardshipAccount(ctx.pool, accountId, today);
  if (!account) throw new AppError('NOT_FOUND', { en: `Account ${accountId} does not exist`, zh: `账户 ${accountId} 不存在` });
  const [applications, plans, timeline, notifications, programmes] = await Promise.all([
    listApplications(ctx.pool, scope, { statuses: [], limit: 100, accountId }),
    listPlans(ctx.pool, account.creditor_id, accountId),
    listEvents(ctx.pool, account.creditor_id, accountId),
    listAccountNotifications(ctx.pool, account.creditor_id, accountId),
    programmesForAccount(ctx.pool, account, today),
  ]);
  const evidence = await listEvidence(ctx.pool, account.creditor_id, applications.map((a) => a.id));
  // A contract whose longest plan is unreadable is said when a plan is quoted (longestPlan); the panel still shows.
  let longest = { months: PLAN_INSTALMENT_MAX[account.pack], setBy: 'rules' as 'rules' | 'contract' };
  try { longest = longestPlan(account.pack, account.terms); } catch { /* refused with its reason at the quote */ }
  return {
    account: { id: account.id, status: account.status, pack: account.pack, principal_fen: account.principal_fen, interest_fen: account.interest_fen,
      fees_fen: account.fees_fen, instalment_max: longest.months, instalment_max_set_by: longest.setBy },
    business_date: today,
    reasons: HARDSHIP_REASONS,
    applications: applications.sort((a, b) => b.id - a.id)
      .map((a) => ({ ...withDecisionNoteZh(a), evidence: evidence.filter((e) => e.application_id === a.id) })),
    plans, timeline, notifications, programmes,
  };
}
