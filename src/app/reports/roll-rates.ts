import { monthEndRuns, rollRows } from '../../db/reports-repository.ts';
import { rollMatrices, type Month, type RollMonth } from '../../domain/reports/index.ts';
import type { Actor, AppContext } from '../context.ts';
import { monthBounds, readerSlice, type ReportOptions } from './slice.ts';

export interface RollRateReport {
  creditor: string | null;
  from: string | null;
  to: string | null;
  months: (RollMonth & { as_of: string | null; taken_at: string | null; source: string | null })[];
}

/**
 * Roll rates: for each month in [from, to], the share of accounts in each bucket at the
 * previous month's end that are in each bucket (or paid, or out) at this month's end.
 * Read from the month-end snapshots; each month says when its snapshot was taken.
 */
export async function rollRateReport(ctx: AppContext, actor: Actor, options: ReportOptions & { from?: string; to?: string }): Promise<RollRateReport> {
  const bounds = monthBounds(options.from, options.to);
  const reader = await readerSlice(ctx, ctx.pool, actor, options);
  const [rows, runs] = await Promise.all([
    rollRows(ctx.pool, { creditorId: reader.creditorId, collectorIds: reader.collectorIds, ...bounds }), monthEndRuns(ctx.pool)]);
  const byMonth = new Map(runs.map((r) => [r.month, r]));
  const months = rollMatrices(rows.map((r) => ({ ...r, month: r.month as Month }))).map((m) => {
    const run = byMonth.get(m.month);
    return { ...m, as_of: run?.as_of ?? null, taken_at: run ? run.taken_at.toISOString() : null, source: run?.source ?? null };
  });
  return { creditor: reader.creditorCode, from: options.from ?? null, to: options.to ?? null, months };
}
