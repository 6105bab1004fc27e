import { funnelCounts } from '../../db/reports-repository.ts';
import { funnelSteps, type FunnelStep } from '../../domain/reports/index.ts';
import { OUTCOME_CODES } from '../../domain/workstation/index.ts';
import type { Actor, AppContext } from '../context.ts';
import { period, readerSlice, type ReportOptions } from './slice.ts';

const RIGHT_PARTY_CODES = OUTCOME_CODES.filter((o) => o.rightParty).map((o) => o.code);

export interface FunnelReport { creditor: string | null; from: string; to: string; as_of: 'live'; steps: FunnelStep[] }

/**
 * Contact funnel over a period: the agency's attempts -> right-party contacts (outcomes
 * that reached the debtor) -> promises taken -> of those, kept (in full or in part) ->
 * of those, paid in full.
 */
export async function contactFunnel(ctx: AppContext, actor: Actor, options: ReportOptions & { from?: string; to?: string }): Promise<FunnelReport> {
  const p = period(ctx, options.from, options.to);
  const reader = await readerSlice(ctx, ctx.pool, actor, options);
  const counts = await funnelCounts(ctx.pool, { creditorId: reader.creditorId, collectorIds: reader.collectorIds, ...p }, RIGHT_PARTY_CODES);
  return { creditor: reader.creditorCode, from: p.from, to: p.to, as_of: 'live', steps: funnelSteps(counts) };
}
