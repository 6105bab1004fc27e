import { appendAudit } from '../../db/audit-repository.ts';
import { insertNotification, markDecisionNoticesRead } from '../../db/notifications-repository.ts';
import {
  findHardshipAccount, insertEvent, insertPlan, setAccountStatus, updateApplication,
} from '../../db/hardship-repository.ts';
import { releaseHoldRow } from '../../db/holds-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import type { LocalDate } from '../../domain/calendar.ts';
import { AppError } from '../../domain/errors.ts';
import type { BalancePart } from '../../domain/hardship/plan.ts';
import { authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';
import { applicationStatusZh, lockApplication, notifyCollector, planSummary, type PlanTermsInput, quoteForAccount, termsFromSummary } from './shared.ts';

/** The creditor may grant other terms than were asked for; whatever is omitted stays as requested. */
export interface ApproveInput {
  months?: number;
  firstDueDate?: string;
  waive?: readonly BalancePart[];
  monthlyFeeBp?: number;
  note?: string | null;
}

export const DECIDABLE = ['submitted', 'info_requested'];

/**
 * The creditor approves (possibly on changed terms): the plan is created with its dated
 * instalments (quoted again on today's balance), the hardship_review hold ends, the account
 * moves to in_plan, the collector is told. One transaction, audited.
 */
export async function approveApplication(ctx: AppContext, actor: Actor, applicationId: number, input: ApproveInput):
  Promise<{ application_id: number; plan_id: number; status: 'approved'; total_fen: number; months: number; first_due_date: string }> {
  authorize(actor, 'hardship.decide');
  const today = businessDate(ctx) as LocalDate;
  return inTransaction(ctx.pool, async (client) => {
    const app = await lockApplication(client, actor, applicationId);
    if (!DECIDABLE.includes(app.status)) {
      throw new AppError('CONFLICT', {
        en: `Hardship application ${applicationId} is already ${app.status}`,
        zh: `停息挂账申请 ${applicationId} 已经是“${applicationStatusZh(app.status)}”状态`,
      });
    }
    const account = await findHardshipAccount(client, app.account_id, today);
    if (!account) throw new AppError('NOT_FOUND', { en: `Account ${app.account_id} does not exist`, zh: `账户 ${app.account_id} 不存在` });
    const requested = termsFromSummary(app.requested_plan);
    const terms: PlanTermsInput = {
      months: input.months ?? requested.months,
      firstDueDate: input.firstDueDate ?? requested.firstDueDate,
      waive: input.waive ?? requested.waive ?? [],
      monthlyFeeBp: input.monthlyFeeBp ?? requested.monthlyFeeBp ?? 0,
    };
    // The terms granted are checked as the ones asked for were: the contract's longest plan, a first due date from today (shared.ts).
    const schedule = quoteForAccount(account, terms, today);
    const decided = planSummary(terms, schedule);
    const note = input.note?.trim() || null;
    const planId = await insertPlan(client, {
      creditorId: app.creditor_id, accountId: app.account_id, applicationId, totalFen: schedule.total_fen, startDate: today,
      months: terms.months, terms: decided, at: ctx.now(),
      instalments: schedule.instalments.map((i) => ({ n: i.n, dueDate: i.due_date, principalFen: i.principal_fen, feeFen: i.fee_fen, amountFen: i.amount_fen })),
    });
    await updateApplication(client, app.creditor_id, applicationId, { status: 'approved', decidedBy: actor.userId, decidedAt: ctx.now(),
      decisionNote: note, decidedTerms: decided });
    if (app.hold_id !== null) await releaseHoldRow(client, app.hold_id, actor.userId, `停息挂账申请 ${applicationId} 已批准：分期计划 ${planId} / Hardship application ${applicationId} approved: plan ${planId}`, ctx.now());
    await setAccountStatus(client, app.creditor_id, app.account_id, 'in_plan');
    // Decided: the bank's notice that it waits for a decision no longer does, for any of its users.
    await markDecisionNoticesRead(client, { kind: 'application_to_decide', applicationId, creditorId: app.creditor_id, readBy: actor.userId, at: ctx.now() });
    // A settlement offered or agreed before is superseded by the plan (one arrangement at a time); whoever asked for it is told.
    const { rows: superseded } = await client.query<{ id: number; requested_by: number | null }>(
      `UPDATE waivers SET status = 'cancelled', resolved_on = $3, decision_reason = coalesce(decision_reason, $4)
        WHERE creditor_id = $1 AND account_id = $2 AND status IN ('requested', 'approved') RETURNING id, requested_by`,
      [app.creditor_id, app.account_id, today, `已由分期计划 ${planId} 取代（停息挂账申请 ${applicationId} 已批准） / Superseded by instalment plan ${planId} (hardship application ${applicationId} approved)`]);
    for (const w of superseded) {
      await markDecisionNoticesRead(client, { kind: 'settlement_to_decide', waiverId: w.id, creditorId: app.creditor_id, readBy: actor.userId, at: ctx.now() });
      await appendAudit(client, actor, { action: 'settlement.cancelled', entity: 'waiver', entityId: w.id, creditorId: app.creditor_id,
        detail: { account_id: app.account_id, plan_id: planId, application_id: applicationId } });
      if (w.requested_by !== null) {
        await insertNotification(client, { at: ctx.now(), creditorId: app.creditor_id, accountId: app.account_id, audience: 'staff', userId: w.requested_by, kind: 'settlement_cancelled',
          waiverId: w.id, message: {
            en: `Settlement offer ${w.id} is withdrawn: the creditor approved hardship plan ${planId} on the account instead`,
            zh: `减免方案 ${w.id} 已撤销：委托方已批准该账户的停息挂账分期计划 ${planId}`,
          } });
      }
    }
    const changed = JSON.stringify(termsFromSummary(decided)) !== JSON.stringify({ ...requested, waive: requested.waive ?? [] });
    await notifyCollector(client, { at: ctx.now(), creditorId: app.creditor_id, accountId: app.account_id, collectorId: app.collector_id, kind: 'application_approved',
      applicationId, planId, message: {
        en: `Hardship application ${applicationId} approved${changed ? ' on changed terms' : ''}: ${terms.months} instalments from ${terms.firstDueDate}`,
        zh: `停息挂账申请 ${applicationId} 已${changed ? '按调整后的条件' : ''}批准：共 ${terms.months} 期，自 ${terms.firstDueDate} 起`,
      } });
    const detail = { account_id: app.account_id, application_id: applicationId, plan_id: planId, hold_id: app.hold_id, terms: decided, changed_terms: changed, note };
    await insertEvent(client, { at: ctx.now(), creditorId: app.creditor_id, accountId: app.account_id, applicationId, planId, kind: 'approved', actor: actor.username,
      actorUserId: actor.userId, note, detail });
    await appendAudit(client, actor, { action: 'hardship.approve', entity: 'hardship_application', entityId: applicationId, creditorId: app.creditor_id, detail });
    return { application_id: applicationId, plan_id: planId, status: 'approved' as const, total_fen: schedule.total_fen, months: terms.months,
      first_due_date: terms.firstDueDate };
  });
}
