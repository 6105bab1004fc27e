import { listOpenCases, listWaitingWaivers, upheldComplaintsByCollector, type CaseRow, type WaiverRow } from '../../db/cases-repository.ts';
import { authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';
import { withCurrency } from '../currency.ts';
import type { Currency } from '../../domain/money.ts';
import { caseScopeOf } from './case-access.ts';

export interface CasesInbox { business_date: string; complaints: CaseRow[]; disputes: CaseRow[]; waivers: Array<WaiverRow & { currency: Currency }> }

/**
 * What waits for the actor: a supervisor's team complaints to investigate (earliest deadline
 * first) and supervisor-level settlement offers; a creditor user's disputes to verify and
 * offers only the creditor may approve, and the complaints on the bank's accounts still being
 * investigated (to follow, not to close); everything for an admin.
 */
export async function casesInbox(ctx: AppContext, actor: Actor): Promise<CasesInbox> {
  authorize(actor, 'cases.inbox');
  const scope = caseScopeOf(actor);
  const [complaints, disputes, waivers] = await Promise.all([
    listOpenCases(ctx.pool, 'complaint', scope),
    listOpenCases(ctx.pool, 'dispute', scope),
    listWaitingWaivers(ctx.pool, scope),
  ]);
  const today = businessDate(ctx);
  return { business_date: today, complaints, disputes, waivers: await withCurrency(ctx.pool, waivers, today) };
}

/** Upheld and open complaints per collector of the supervisor's team (all collectors for an admin): the scorecard column. */
export async function complaintScorecard(ctx: AppContext, actor: Actor): Promise<Array<{ collector_id: number; upheld: number; open: number }>> {
  authorize(actor, 'complaints.scorecard');
  return upheldComplaintsByCollector(ctx.pool, actor.role === 'admin' ? null : actor.teamId);
}
