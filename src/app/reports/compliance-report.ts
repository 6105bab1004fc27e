import { complaintCounts, placedAccounts, refusalsByRule, refusedAttempts, suspensionsInForce, type SuspensionInForce } from '../../db/reports-repository.ts';
import { perThousand } from '../../domain/reports/index.ts';
import type { Actor, AppContext } from '../context.ts';
import { period, readerSlice, type ReportOptions } from './slice.ts';

export interface ComplianceReport {
  creditor: string | null; from: string; to: string; as_of: 'live';
  refused_attempts: number;
  refused_by_rule: { rule: string; refused: number }[];
  suspensions_in_force: SuspensionInForce[];
  accounts: number; complaints: number; upheld_complaints: number;
  complaints_per_1000: number | null; upheld_per_1000: number | null;
}

/**
 * Compliance over a period: attempts the engine refused, by rule (one attempt can break
 * several rules); region and creditor suspensions in force on the period's last day;
 * complaints (and upheld ones) per 1,000 accounts placed.
 */
export async function complianceReport(ctx: AppContext, actor: Actor, options: ReportOptions & { from?: string; to?: string }): Promise<ComplianceReport> {
  const p = period(ctx, options.from, options.to);
  const reader = await readerSlice(ctx, ctx.pool, actor, options);
  const slice = { creditorId: reader.creditorId, collectorIds: reader.collectorIds, ...p };
  const [refused, byRule, suspensions, complaints, accounts] = await Promise.all([
    refusedAttempts(ctx.pool, slice), refusalsByRule(ctx.pool, slice), suspensionsInForce(ctx.pool, p.to, reader.creditorCode),
    complaintCounts(ctx.pool, slice), placedAccounts(ctx.pool, reader.creditorId, reader.collectorIds)]);
  return {
    creditor: reader.creditorCode, from: p.from, to: p.to, as_of: 'live',
    refused_attempts: refused, refused_by_rule: byRule, suspensions_in_force: suspensions,
    accounts, complaints: complaints.complaints, upheld_complaints: complaints.upheld,
    complaints_per_1000: perThousand(complaints.complaints, accounts), upheld_per_1000: perThousand(complaints.upheld, accounts),
  };
}
