import { dimensionLabels, recoveryByDimension } from '../../db/reports-repository.ts';
import { parseDimension, recoveryLines, type RecoveryLine } from '../../domain/reports/index.ts';
import type { Currency } from '../../domain/money.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';
import { currencyScope } from '../currency.ts';
import { monthBounds, readerSlice, type ReportOptions } from './slice.ts';

export interface RecoveryReport {
  by: string;
  creditor: string | null;
  /** The currency of the amounts, and those the agency's creditors' contracts are in (a screen offers them). */
  currency: Currency;
  currencies: Currency[];
  from: string | null;
  to: string | null;
  /** Summaries are kept in the same transaction as each payment: figures are live. */
  as_of: 'live';
  /** `label` names the line in Chinese, `label_en` in English (a province's English name: regions.name_en). */
  lines: Array<RecoveryLine & { label_en: string }>;
  total: Omit<RecoveryLine, 'key' | 'label'>;
}

/**
 * Recovery (liquidation) rate = recovered / placed balance, by creditor, region (province),
 * bucket at placement, placement month or collector, for placements in [from, to] (months).
 * Collector lines: recovered = payments credited to the collector; placed = the balance
 * (at placement) of the accounts they hold now.
 */
export async function recoveryReport(ctx: AppContext, actor: Actor, options: ReportOptions & { by?: string; from?: string; to?: string }):
  Promise<RecoveryReport> {
  const by = parseDimension(options.by ?? 'creditor');
  const bounds = monthBounds(options.from, options.to);
  const reader = await readerSlice(ctx, ctx.pool, actor, options);
  const money = await currencyScope(ctx.pool, businessDate(ctx), options.currency, reader.creditorId === null ? null : { id: reader.creditorId, code: reader.creditorCode },
    reader.collectorIds);
  const rows = await recoveryByDimension(ctx.pool, by, { creditorId: reader.creditorId, collectorIds: reader.collectorIds, creditorIds: money.creditorIds, ...bounds });
  const labels = await dimensionLabels(ctx.pool, by, rows.map((r) => r.key));
  // A key with no name (a bucket, a month, an account with no collector) is its own label in both languages.
  const unnamed = (key: string) => (by === 'collector' && key === '0' ? '-' : key);
  const named = (key: string) => labels.get(key) ?? { label: unnamed(key), label_en: unnamed(key) };
  const { lines, total } = recoveryLines(rows.map((r) => ({ ...r, label: named(r.key).label })), by);
  return { by, creditor: reader.creditorCode, currency: money.currency, currencies: money.currencies, from: options.from ?? null, to: options.to ?? null, as_of: 'live',
    lines: lines.map((l) => ({ ...l, label_en: named(l.key).label_en })), total };
}
