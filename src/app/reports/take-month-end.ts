import { appendAudit } from '../../db/audit-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { monthEndPrunedAt, pruneMonthEnds, takeMonthEnd } from '../../db/reports-repository.ts';
import { lastDayOfMonth, type LocalDate } from '../../domain/calendar.ts';
import { AppError, invalidInput } from '../../domain/errors.ts';
import { addMonthsTo, monthOf, parseMonth } from '../../domain/reports/index.ts';
import { authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';

export interface MonthEndResult { month: string; as_of: string; accounts: number; rolls: number; source: string; pruned: string[]; seconds: number }

/**
 * Snapshots kept: the newest 13 months taken. A snapshot is only read to count the next month's
 * rolls (kept for ever in report_rolls), so this is a year of months whose rolls can still be
 * counted again (after a correction), at one row per placed account each.
 */
export const MONTH_END_SNAPSHOTS_KEPT = 13;

/**
 * Takes (or takes again) the month-end bucket snapshot of a month and its roll counts from
 * the month before. Taken for the current month it describes today (the month in progress);
 * taken again after the month is over it describes the month's last day. The nightly job
 * takes it after the strategy run (src/jobs), so a month's last snapshot is its month end.
 * Then the snapshots before the newest MONTH_END_SNAPSHOTS_KEPT months are pruned; a month
 * whose previous month's snapshot is gone cannot be taken again (its rolls stay as counted).
 */
export async function takeMonthEndSnapshot(ctx: AppContext, actor: Actor, options: { month?: string } = {}): Promise<MonthEndResult> {
  authorize(actor, 'reports.snapshot');
  const today = businessDate(ctx) as LocalDate;
  const month = options.month === undefined ? monthOf(today) : parseMonth(options.month, 'month');
  const first = `${month}-01` as LocalDate;
  if (first > today) throw invalidInput({ en: `month ${month} has not begun`, zh: `月份 ${month} 尚未开始` }, 'month');
  const last = lastDayOfMonth(first);
  const asOf = last < today ? last : today;
  const started = performance.now();
  const result = await inTransaction(ctx.pool, async (client) => {
    // One snapshot of a month at a time.
    await client.query('SELECT pg_advisory_xact_lock(7423013)');
    const previous = addMonthsTo(month, -1);
    if (await monthEndPrunedAt(client, `${previous}-01`)) {
      throw new AppError('CONFLICT', {
        en: `The month-end snapshot of ${previous} was pruned (only the newest ${MONTH_END_SNAPSHOTS_KEPT} months are kept), `
          + `so the rolls of ${month} cannot be counted again; they stay as they were counted`,
        zh: `${previous} 的月末快照已被清理（只保留最近 ${MONTH_END_SNAPSHOTS_KEPT} 个月），`
          + `因此 ${month} 的迁徙率无法重新统计，仍保留原来的统计结果`,
      });
    }
    const r = await takeMonthEnd(client, first, asOf, ctx.now());
    const pruned = await pruneMonthEnds(client, MONTH_END_SNAPSHOTS_KEPT, ctx.now());
    await appendAudit(client, actor, { action: 'reports.month_end', entity: 'report_month_end', entityId: month, creditorId: null,
      detail: { as_of: asOf, accounts: r.accounts, rolls: r.rolls, source: r.source, pruned } });
    return { ...r, pruned };
  });
  return { month, as_of: asOf, ...result, seconds: Math.round(performance.now() - started) / 1000 };
}
