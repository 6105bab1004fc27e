/**
 * The nightly hardship run (also `leeway hardship evaluate`), as of a business date:
 *
 * 1. Applications past their decision deadline with no decision expire: the hardship_review
 *    hold ends and the collector is told.
 * 2. Active plans are matched with the payments table, set-based: every payment on the
 *    plan's account from the plan's start date to the date counts, whichever way it arrived
 *    (payment files, staff-recorded payments). matching.ts applies them to the instalments;
 *    a missed instalment past the contract's plan_grace_days defaults the plan (account back
 *    to active, the creditor told); every instalment paid completes it (account paid, or
 *    settled when the plan waived a part).
 *
 * Idempotent: running it twice for a date changes nothing the second time. A payment that pays a
 * plan off completes it at once (completePaidPlans, from the settlement of payments).
 */
import { appendAudit } from '../../db/audit-repository.ts';
import {
  endPlan, insertEvent, loadPlanMoney, lockActivePlans, lockActivePlansOf, lockOverdueApplications, setAccountStatus,
  updateApplication, updateInstalments, type ActivePlan,
} from '../../db/hardship-repository.ts';
import { releaseHoldRow } from '../../db/holds-repository.ts';
import { insertNotification, markDecisionNoticesRead } from '../../db/notifications-repository.ts';
import { inTransaction, type PoolClient } from '../../db/pool.ts';
import { parseLocalDate, type LocalDate } from '../../domain/calendar.ts';
import { planGraceDays } from '../../domain/hardship/application.ts';
import { matchInstalments, planOutcome } from '../../domain/hardship/matching.ts';
import { fen } from '../../domain/money.ts';
import { authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';
import { expiryNote, notifyCollector } from './shared.ts';

export const EVALUATE_ACTOR: Actor = { userId: null, username: 'system', role: 'admin', teamId: null, creditorId: null };
const BATCH = 500;

export interface EvaluateSummary {
  date: string;
  applications_expired: number;
  plans_checked: number;
  plans_defaulted: number;
  plans_completed: number;
  instalments_updated: number;
}

export async function evaluatePlans(ctx: AppContext, date?: string, actor: Actor = EVALUATE_ACTOR): Promise<EvaluateSummary> {
  authorize(actor, 'hardship.evaluate');
  const asOf = date === undefined ? (businessDate(ctx) as LocalDate) : parseLocalDate(date);
  const summary: EvaluateSummary = { date: asOf, applications_expired: 0, plans_checked: 0, plans_defaulted: 0, plans_completed: 0, instalments_updated: 0 };
  summary.applications_expired = await expireApplications(ctx, actor, asOf);
  let after = { creditorId: 0, id: 0 };
  for (;;) {
    const done = await inTransaction(ctx.pool, async (client) => {
      const plans = await lockActivePlans(client, after, BATCH, asOf);
      if (!plans.length) return true;
      after = { creditorId: plans.at(-1)!.creditor_id, id: plans.at(-1)!.id };
      await judgePlans(client, actor, plans, asOf, summary, { completeOnly: false, at: ctx.now() });
      return plans.length < BATCH;
    });
    if (done) break;
  }
  return summary;
}

/**
 * The active plans on these accounts that the payments just settled complete, completed at once
 * (account paid, or settled with a waived part), as the nightly run would: a debtor who paid the
 * plan off is not reminded of it that night. Defaulting stays the nightly run's. Plans the nightly
 * run holds are left to it. Called by the settlement of payments, in its transaction.
 */
export async function completePaidPlans(client: PoolClient, actor: Actor, asOf: LocalDate, creditorId: number, accountIds: readonly number[], at: Date): Promise<number> {
  if (accountIds.length === 0) return 0;
  const plans = await lockActivePlansOf(client, creditorId, accountIds, asOf);
  if (!plans.length) return 0;
  const summary: EvaluateSummary = { date: asOf, applications_expired: 0, plans_checked: 0, plans_defaulted: 0, plans_completed: 0, instalments_updated: 0 };
  await judgePlans(client, actor, plans, asOf, summary, { completeOnly: true, at });
  return summary.plans_completed;
}

/** Matches each plan's payments to its instalments (matching.ts), stores what changed, and ends the plans that are done. */
async function judgePlans(client: PoolClient, actor: Actor, plans: ActivePlan[], asOf: LocalDate, summary: EvaluateSummary, options: { completeOnly: boolean; at: Date }):
  Promise<void> {
  const money = await loadPlanMoney(client, plans, asOf);
  const updates: Parameters<typeof updateInstalments>[1] = [];
  const instalmentsOf = groupBy(money.instalments, (i) => i.plan_id);
  const paymentsOf = groupBy(money.payments, (p) => p.plan_id);
  for (const plan of plans) {
    summary.plans_checked += 1;
    const scheduled = (instalmentsOf.get(plan.id) ?? [])
      .map((i) => ({ n: i.n, dueDate: i.due_date as LocalDate, amountFen: fen(i.amount_fen), stored: i }));
    const payments = (paymentsOf.get(plan.id) ?? []).map((p) => ({ amountFen: fen(p.amount_fen), paidOn: p.paid_on as LocalDate }));
    const matched = matchInstalments(scheduled, payments, plan.start_date as LocalDate, asOf);
    for (const m of matched) {
      const stored = scheduled.find((s) => s.n === m.n)!.stored;
      if (stored.paid_fen !== m.paidFen || stored.paid_on !== m.paidOn) {
        updates.push({ creditorId: plan.creditor_id, planId: plan.id, n: m.n, paidFen: m.paidFen, paidOn: m.paidOn });
      }
    }
    const outcome = planOutcome(matched, asOf, planGraceDays(plan.contract_terms));
    if (outcome.status === 'defaulted' && !options.completeOnly) {
      await defaultPlan(client, actor, plan, asOf, outcome.missed, outcome.dueDate, options.at);
      summary.plans_defaulted += 1;
    } else if (outcome.status === 'completed') {
      await completePlan(client, actor, plan, asOf, outcome.completedOn, options.at);
      summary.plans_completed += 1;
    }
  }
  await updateInstalments(client, updates);
  summary.instalments_updated += updates.length;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => number): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row); else map.set(k, [row]);
  }
  return map;
}

type Client = Parameters<Parameters<typeof inTransaction>[1]>[0];

async function defaultPlan(client: Client, actor: Actor, plan: ActivePlan, asOf: string, missed: number, dueDate: string, at: Date): Promise<void> {
  await endPlan(client, plan.creditor_id, plan.id, 'defaulted', asOf);
  await setAccountStatus(client, plan.creditor_id, plan.account_id, 'active', 'in_plan');
  const message = {
    en: `Plan ${plan.id} defaulted: instalment ${missed} (due ${dueDate}) not paid within the grace days; the account is back in collection`,
    zh: `分期计划 ${plan.id} 已违约：第 ${missed} 期（${dueDate} 到期）宽限期内未还，账户恢复催收`,
  };
  await insertNotification(client, { at, creditorId: plan.creditor_id, accountId: plan.account_id, audience: 'creditor', userId: null, kind: 'plan_defaulted',
    planId: plan.id, message });
  await notifyCollector(client, { at, creditorId: plan.creditor_id, accountId: plan.account_id, collectorId: plan.collector_id, kind: 'plan_defaulted',
    planId: plan.id, message });
  const detail = { account_id: plan.account_id, plan_id: plan.id, missed_instalment: missed, due_date: dueDate, as_of: asOf };
  await insertEvent(client, { at, creditorId: plan.creditor_id, accountId: plan.account_id, planId: plan.id, kind: 'plan_defaulted', actor: actor.username,
    actorUserId: actor.userId, note: message, detail });
  await appendAudit(client, actor, { action: 'hardship.plan_default', entity: 'instalment_plan', entityId: plan.id, creditorId: plan.creditor_id, detail });
}

async function completePlan(client: Client, actor: Actor, plan: ActivePlan, asOf: string, completedOn: string, at: Date): Promise<void> {
  await endPlan(client, plan.creditor_id, plan.id, 'completed', completedOn);
  // Paid as agreed: with a part waived the debt is settled (减免 by agreement), otherwise paid.
  const waived = Array.isArray(plan.terms.waive) && plan.terms.waive.length > 0;
  await setAccountStatus(client, plan.creditor_id, plan.account_id, waived ? 'settled' : 'paid', 'in_plan');
  const message = { en: `Plan ${plan.id} completed on ${completedOn}: every instalment paid`, zh: `分期计划 ${plan.id} 已于 ${completedOn} 全部还清` };
  await insertNotification(client, { at, creditorId: plan.creditor_id, accountId: plan.account_id, audience: 'creditor', userId: null, kind: 'plan_completed',
    planId: plan.id, message });
  const detail = { account_id: plan.account_id, plan_id: plan.id, completed_on: completedOn, as_of: asOf, account_status: waived ? 'settled' : 'paid' };
  await insertEvent(client, { at, creditorId: plan.creditor_id, accountId: plan.account_id, planId: plan.id, kind: 'plan_completed', actor: actor.username,
    actorUserId: actor.userId, note: message, detail });
  await appendAudit(client, actor, { action: 'hardship.plan_complete', entity: 'instalment_plan', entityId: plan.id, creditorId: plan.creditor_id, detail });
}

/** Applications whose deadline passed without a decision: expired, hold ended, collector told. */
async function expireApplications(ctx: AppContext, actor: Actor, asOf: string): Promise<number> {
  return inTransaction(ctx.pool, async (client) => {
    const overdue = await lockOverdueApplications(client, asOf);
    for (const app of overdue) {
      await updateApplication(client, app.creditor_id, app.id, { status: 'expired', decidedAt: ctx.now(),
        decisionNote: expiryNote(app.decision_due_on).en });
      // Lapsed: the bank's notice that it waits for a decision no longer does.
      await markDecisionNoticesRead(client, { kind: 'application_to_decide', applicationId: app.id, creditorId: app.creditor_id, readBy: actor.userId, at: ctx.now() });
      if (app.hold_id !== null) await releaseHoldRow(client, app.hold_id, actor.userId, `停息挂账申请 ${app.id} 已过期：${app.decision_due_on} 前未作决定 / Hardship application ${app.id} expired: no decision by ${app.decision_due_on}`, ctx.now());
      const message = {
        en: `Hardship application ${app.id} expired: the creditor did not decide by ${app.decision_due_on}; collection may resume`,
        zh: `停息挂账申请 ${app.id} 已过期：委托方未在 ${app.decision_due_on} 前作出决定，可以恢复催收`,
      };
      await notifyCollector(client, { at: ctx.now(), creditorId: app.creditor_id, accountId: app.account_id, collectorId: app.collector_id, kind: 'application_expired',
        applicationId: app.id, message });
      const detail = { account_id: app.account_id, application_id: app.id, hold_id: app.hold_id, decision_due_on: app.decision_due_on, as_of: asOf };
      await insertEvent(client, { at: ctx.now(), creditorId: app.creditor_id, accountId: app.account_id, applicationId: app.id, kind: 'expired', actor: actor.username,
        actorUserId: actor.userId, note: message, detail });
      await appendAudit(client, actor, { action: 'hardship.expire', entity: 'hardship_application', entityId: app.id, creditorId: app.creditor_id, detail });
    }
    return overdue.length;
  });
}
