import { findApplication, findHardshipAccount, listApplications, listCreditorNotifications, listEvents, listEvidence, type ApplicationRow,
  type EventRow, type EvidenceRow, type NotificationRow } from '../../db/hardship-repository.ts';
import { AppError, invalidInput } from '../../domain/errors.ts';
import { accountScope, authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';
import { withCurrency } from '../currency.ts';
import { longestPlan } from '../../domain/hardship/application.ts';
import type { Currency } from '../../domain/money.ts';
import { withDecisionNoteZh } from './shared.ts';

export const INBOX_VIEWS = { open: ['submitted', 'info_requested'], decided: ['approved', 'rejected', 'expired'], all: [] } as const;
export type InboxView = keyof typeof INBOX_VIEWS;

/**
 * The creditor's inbox: applications on the accounts the actor may see (a creditor user: their
 * bank's only), soonest deadline first, with the bank's hardship notices not yet read (an application
 * to decide, a plan defaulted, paid off or running again; listCreditorNotifications).
 */
export async function hardshipInbox(ctx: AppContext, actor: Actor, view: InboxView = 'open'):
  Promise<{ business_date: string; items: Array<ApplicationRow & { decision_note_zh: string | null; overdue: boolean; currency: Currency }>; notifications: NotificationRow[] }> {
  authorize(actor, 'hardship.read');
  if (!(view in INBOX_VIEWS)) {
    throw invalidInput({
      en: `view must be one of ${Object.keys(INBOX_VIEWS).join(', ')}`,
      zh: `view 须为 ${Object.keys(INBOX_VIEWS).join('、')} 之一`,
    }, 'view');
  }
  const scope = accountScope(actor);
  const today = businessDate(ctx);
  const [items, notifications] = await Promise.all([
    listApplications(ctx.pool, scope, { statuses: [...INBOX_VIEWS[view]], limit: 500 }),
    listCreditorNotifications(ctx.pool, scope, 50),
  ]);
  // Overdue: still waiting for the bank's decision after its deadline (a decided one is not, whenever it was decided).
  const waiting: readonly string[] = INBOX_VIEWS.open;
  return { business_date: today, items: (await withCurrency(ctx.pool, items, today))
    .map((a) => ({ ...withDecisionNoteZh(a), overdue: waiting.includes(a.status) && today > a.decision_due_on })), notifications };
}

/**
 * One application with its evidence list and its timeline; 404 outside the actor's scope. With the
 * longest plan the account's contract allows (`instalment_max`, `instalment_max_set_by`: the rules or the
 * bank's contract), which an approval on changed terms may not pass.
 */
export async function getApplication(ctx: AppContext, actor: Actor, applicationId: number):
  Promise<ApplicationRow & { decision_note_zh: string | null; evidence: EvidenceRow[]; timeline: EventRow[]; business_date: string; currency: Currency;
    instalment_max: number | null; instalment_max_set_by: 'rules' | 'contract' | null }> {
  authorize(actor, 'hardship.read');
  const app = await findApplication(ctx.pool, accountScope(actor), applicationId);
  if (!app) {
    throw new AppError('NOT_FOUND', {
      en: `Hardship application ${applicationId} does not exist or is not yours to see`,
      zh: `停息挂账申请 ${applicationId} 不存在或您无权查看`,
    });
  }
  const today = businessDate(ctx);
  const [evidence, timeline, account] = await Promise.all([
    listEvidence(ctx.pool, app.creditor_id, [app.id]),
    listEvents(ctx.pool, app.creditor_id, app.account_id),
    findHardshipAccount(ctx.pool, app.account_id, today),
  ]);
  const [withItsCurrency] = await withCurrency(ctx.pool, [app], today);
  // A contract whose longest plan is unreadable is said when a plan is quoted; the application still shows.
  let longest: { months: number; setBy: 'rules' | 'contract' } | null = null;
  try { longest = account ? longestPlan(account.pack, account.terms) : null; } catch { longest = null; }
  return { ...withDecisionNoteZh(withItsCurrency!), evidence, timeline: timeline.filter((e) => e.application_id === app.id), business_date: today,
    instalment_max: longest?.months ?? null, instalment_max_set_by: longest?.setBy ?? null };
}
