import { upheldComplaintsByCreditor, type UpheldComplaintRow } from '../../db/cases-repository.ts';
import { authorize } from '../authorization.ts';
import type { Actor, AppContext } from '../context.ts';
import { notFound } from './case-access.ts';

/** A creditor's upheld complaints closed in a date range (business dates, inclusive): the creditor's report section. */
export async function upheldComplaints(ctx: AppContext, actor: Actor, creditorId: number, range: { from?: string | null; to?: string | null } = {}):
  Promise<UpheldComplaintRow[]> {
  authorize(actor, 'cases.inbox');
  if (actor.role === 'creditor_user' && actor.creditorId !== creditorId) throw notFound('Creditor', creditorId);
  return upheldComplaintsByCreditor(ctx.pool, creditorId, range, ctx.agencyZone);
}
