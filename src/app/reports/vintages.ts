import { vintageRows } from '../../db/reports-repository.ts';
import { monthOf, vintageCurves, type Month, type VintageCurve } from '../../domain/reports/index.ts';
import { businessDate } from '../business-date.ts';
import type { Currency } from '../../domain/money.ts';
import type { Actor, AppContext } from '../context.ts';
import { currencyScope } from '../currency.ts';
import { monthBounds, readerSlice, type ReportOptions } from './slice.ts';

export interface VintageReport { creditor: string | null; currency: Currency; currencies: Currency[]; from: string | null; to: string | null; through: string; as_of: 'live'; curves: VintageCurve[] }

/** Vintage curves: cumulative recovery rate of each placement month by months since placement, through this month. */
export async function vintageReport(ctx: AppContext, actor: Actor, options: ReportOptions & { from?: string; to?: string }): Promise<VintageReport> {
  const bounds = monthBounds(options.from, options.to);
  const reader = await readerSlice(ctx, ctx.pool, actor, options);
  const money = await currencyScope(ctx.pool, businessDate(ctx), options.currency, reader.creditorId === null ? null : { id: reader.creditorId, code: reader.creditorCode },
    reader.collectorIds);
  const rows = await vintageRows(ctx.pool, { creditorId: reader.creditorId, collectorIds: reader.collectorIds, creditorIds: money.creditorIds, ...bounds });
  const through = monthOf(businessDate(ctx));
  const curves = vintageCurves(rows.placed.map((p) => ({ ...p, placement_month: p.placement_month as Month })),
    rows.recovered.map((r) => ({ ...r, placement_month: r.placement_month as Month, paid_month: r.paid_month as Month })), through);
  return { creditor: reader.creditorCode, currency: money.currency, currencies: money.currencies, from: options.from ?? null, to: options.to ?? null, through, as_of: 'live', curves };
}
